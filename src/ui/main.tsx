/*
 * The playground's entry: reads the link, starts the engine in a Web Worker
 * (or, where workers are unavailable or `?engine=main` asks for it, the same
 * service on this thread over a MessageChannel), builds the store, loads the
 * link's session at once, keeps the URL in sync and renders the app. Panels
 * that mount later read the client's mirror of the recent trace, so boot does
 * not wait for React. Exposes a small read-only hook on `window.__tidepool`
 * for browser tests (hash, time, events, services). A link with `explore`
 * opens the Explorer (explore/start-explorer.tsx), one with `vs.` parameters
 * the compare view.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readLocation, syncUrl } from './url-sync';
import { startServices } from './start-services';
import { isCompareQuery } from '../core/compare/compare-query';
import { startCompare, type CompareHandle } from './compare/start-compare';
import { App } from './components/App';
import { isExploreQuery } from '../core/explore/explore-query';
import { startExplorer } from './explore/start-explorer';
import type { ExplorerController } from './explore/explorer-controller';
import { AppContext, type AppServices } from './app-context';
import './styles.css';

if (isExploreQuery(window.location.search)) {
  window.__tidepoolExplorer = startExplorer(window.location.search, render);
} else if (isCompareQuery(window.location.search)) {
  const started = startCompare(window.location.search, render);
  if ('errors' in started) startPlayground(started.errors);
  else
    window.__tidepool = {
      hash: () => started.a.engine.latest?.traceHash ?? '',
      timeUs: () => started.a.engine.latest?.timeUs ?? -1,
      events: () => started.a.engine.latest?.simEvents ?? 0,
      engineThread:
        new URLSearchParams(window.location.search).get('engine') === 'main' ? 'main' : 'worker',
      services: started.a,
      compare: started,
    };
} else startPlayground(null);

/** The playground; `compareErrors`: a compare link was bad, so the default session and its errors. */
function startPlayground(compareErrors: string[] | null): void {
  const read = readLocation(compareErrors ? '' : window.location.search);
  const state = read.state;
  const errors = compareErrors ?? read.errors;
  const dropped = compareErrors ? [] : read.dropped;
  const { services, where } = startServices('tidepool-engine', window.location.search);
  const { store, engine } = services;
  store.setState({ urlErrors: errors, urlDropped: dropped });
  engine.load(state.session, state.atUs ?? 0, state.atEvents);
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

  window.__tidepool = {
    hash: () => engine.latest?.traceHash ?? '',
    timeUs: () => engine.latest?.timeUs ?? -1,
    events: () => engine.latest?.simEvents ?? 0,
    engineThread: where,
    services,
  };
  render(
    <AppContext.Provider value={services}>
      <App />
    </AppContext.Provider>,
  );
}

function render(app: React.ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
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
      /** The compare view: both runs' services and the engine's comparison once it arrives. */
      compare?: CompareHandle;
    };
    /** The Explorer page, for browser tests: its controller and store (sweep rows, result). */
    __tidepoolExplorer?: ExplorerController;
  }
}
