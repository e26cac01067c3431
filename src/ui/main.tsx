/*
 * The playground's entry: reads the link, builds the engine host and the
 * store, keeps the URL in sync and renders the app. Exposes a small read-only
 * hook on `window.__tidepool` for browser tests (hash, time, view).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EngineHost } from './engine-host';
import { createUiStore, type TraceListener } from './store';
import { readLocation, syncUrl } from './url-sync';
import { App } from './components/App';
import { AppContext, type AppServices } from './app-context';
import './styles.css';

const { state, errors } = readLocation(window.location.search);
const host = new EngineHost(state.session);
const traceListeners = new Set<TraceListener>();
const store = createUiStore(host, traceListeners);
const services: AppServices = { store, host, traceListeners };

store.setState({ urlErrors: errors });
if (!errors) syncUrl(store, window.history, window.location);
else {
  // Keep the bad link visible until the user acts, then follow the session as usual.
  const unsubscribe = store.subscribe((s) => {
    if (s.urlErrors === null) {
      unsubscribe();
      syncUrl(store, window.history, window.location);
    }
  });
}

/**
 * Runs once the panels have mounted (and registered their trace listeners):
 * loads the link's session and starts the frame loop, which works off a seek
 * to the link's `t` in budgeted slices — the page stays responsive and every
 * viewer sees the whole trace from the first event.
 */
let booted = false;
function boot(): void {
  if (booted) return;
  booted = true;
  host.load(state.session, state.atUs ?? 0, state.atEvents);
  host.start();
}

declare global {
  interface Window {
    __tidepool?: {
      hash(): string;
      timeUs(): number;
      events(): number;
      services: AppServices;
    };
  }
}
window.__tidepool = {
  hash: () => host.current.traceHash(),
  timeUs: () => host.current.nowUs(),
  events: () => host.current.sim.events,
  services,
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={services}>
      <App onReady={boot} />
    </AppContext.Provider>
  </StrictMode>,
);
