/*
 * How components reach the store and the engine client: one React context,
 * plus `useUi(selector)` for narrow subscriptions (a component re-renders only
 * when what it selects changes). Knows nothing of any panel.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EngineClient } from './engine/engine-client';
import type { TraceListener, UiState, UiStore } from './store';

export interface AppServices {
  readonly store: UiStore;
  /** The engine, through its one message API (in a Web Worker). */
  readonly engine: EngineClient;
  /** Register to receive trace batches (the timeline and console keep their own index). */
  readonly traceListeners: Set<TraceListener>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices outside <AppContext.Provider>');
  return services;
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useServices().store, selector);
}
