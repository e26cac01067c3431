/*
 * The playground's entry: reads the link, starts the engine in a Web Worker
 * (or, where workers are unavailable or `?engine=main` asks for it, the same
 * service on this thread over a MessageChannel), builds the store, loads the
 * link's session at once, keeps the URL in sync and renders the app. Panels
 * that mount later read the client's mirror of the recent trace, so boot does
 * not wait for React. Exposes a small read-only hook on `window.__tidepool`
 * for browser tests (hash, time, events, services).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EngineClient } from './engine/engine-client';
import { serveEngine } from './engine/engine-service';
import type { Port } from './engine/protocol';
import { createUiStore, type TraceListener, type UiStore } from './store';
import { readLocation, syncUrl } from './url-sync';
import { App } from './components/App';
import { AppContext, type AppServices } from './app-context';
import './styles.css';

/** Where the engine runs: 'worker' unless the link says `engine=main` or workers fail to start. */
function enginePort(): { port: Port; where: 'worker' | 'main' } {
  const asked = new URLSearchParams(window.location.search).get('engine');
  if (asked !== 'main') {
    try {
      const worker = new Worker(new URL('./engine/engine-worker.ts', import.meta.url), {
        type: 'module',
        name: 'tidepool-engine',
      });
      return { port: worker as unknown as Port, where: 'worker' };
    } catch {
      // Fall through: the same service, on this thread.
    }
  }
  const channel = new MessageChannel();
  serveEngine(channel.port2 as unknown as Port);
  return { port: channel.port1 as unknown as Port, where: 'main' };
}

const { state, errors } = readLocation(window.location.search);
const { port, where } = enginePort();
let store: UiStore | null = null;
const engine = new EngineClient(
  port,
  (callback) => requestAnimationFrame(callback),
  (message) => store?.getState().actions.notify(`The engine refused that: ${message}`),
);
const traceListeners = new Set<TraceListener>();
store = createUiStore(engine, traceListeners);
const services: AppServices = { store, engine, traceListeners };

store.setState({ urlErrors: errors });
engine.load(state.session, state.atUs ?? 0, state.atEvents);
if (!errors) syncUrl(store, window.history, window.location);
else {
  // Keep the bad link visible until the user acts, then follow the session as usual.
  const unsubscribe = store.subscribe((s) => {
    if (s.urlErrors === null) {
      unsubscribe();
      if (store) syncUrl(store, window.history, window.location);
    }
  });
}

declare global {
  interface Window {
    __tidepool?: {
      hash(): string;
      timeUs(): number;
      events(): number;
      /** Where the engine runs: in a Web Worker, or on the page's main thread. */
      engineThread: 'worker' | 'main';
      services: AppServices;
    };
  }
}
window.__tidepool = {
  hash: () => engine.latest?.traceHash ?? '',
  timeUs: () => engine.latest?.timeUs ?? -1,
  events: () => engine.latest?.simEvents ?? 0,
  engineThread: where,
  services,
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={services}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
