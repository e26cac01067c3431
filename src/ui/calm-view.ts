/*
 * The latest engine view for text panels (the inspectors): at once when
 * paused or stepping, but at most every `intervalMs` while playing. Lists of
 * rows rebuilt sixty times a second cost frame time and garbage, and nobody
 * reads them that fast (the console is throttled the same way). Knows nothing
 * of any panel.
 */
import { useEffect, useState } from 'react';
import type { EngineView } from '../core/view';
import { useServices } from './app-context';
import type { UiStore } from './store';

export const CALM_VIEW_MS = 150;

/**
 * Calls `show` with the store's view: now, then on every change while paused,
 * and while playing at most once per `intervalMs` (with the latest view).
 * Returns the unsubscribe.
 */
export function feedCalmly(
  store: UiStore,
  intervalMs: number,
  show: (view: EngineView | null) => void,
  now: () => number = () => performance.now(),
): () => void {
  let lastMs = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const showNow = (view: EngineView | null) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastMs = now();
    show(view);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.view === prev.view) return;
    if (!s.playing || now() - lastMs >= intervalMs) return showNow(s.view);
    if (timer !== null) return; // a refresh is already due; it will show the latest view
    timer = setTimeout(() => showNow(store.getState().view), lastMs + intervalMs - now());
  });
  showNow(store.getState().view);
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

export function useCalmView(intervalMs = CALM_VIEW_MS): EngineView | null {
  const { store } = useServices();
  const [view, setView] = useState(() => store.getState().view);
  useEffect(() => feedCalmly(store, intervalMs, setView), [store, intervalMs]);
  return view;
}
