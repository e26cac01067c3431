/*
 * The compare view's entry: a link with `vs.` parameters (core/compare/
 * compare-query.ts) starts two engines, one per run, loads both at the link's
 * moment, asks a third worker to compare the two runs in full (the diff
 * strip's data, asked again when either session changes or the cursor passes
 * the compared span) and keeps the address bar equal to both sessions and the
 * shared time. A bad compare link falls back to the playground with the
 * errors shown. Knows nothing of how the view is drawn.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { compareFromQuery, compareToQuery } from '../../core/compare/compare-query';
import { sessionToQuery } from '../../core/session-query';
import { compareUntilUs, type ComparisonSummary } from '../../core/compare/compare-runs';
import type { Session } from '../../core/session';
import type { AppServices } from '../app-context';
import { startServices } from '../start-services';
import type { EngineClient } from '../engine/engine-client';
import { CompareApp } from './CompareApp';
import { CompareClock } from './compare-clock';

export interface CompareState {
  /** The engine's comparison of the two runs to `untilUs`; null while it runs. */
  readonly summary: ComparisonSummary | null;
  readonly error: string | null;
  readonly untilUs: number;
}

export interface CompareHandle {
  readonly a: AppServices;
  readonly b: AppServices;
  readonly clock: CompareClock;
  readonly state: StoreApi<CompareState>;
}

/** Starts the compare view, or returns the errors of a bad compare link. */
export function startCompare(
  search: string,
  render: (node: React.ReactNode) => void,
): { errors: string[] } | CompareHandle {
  const parsed = compareFromQuery(search);
  if (!parsed.ok) return { errors: parsed.errors };
  const { a: at, b: sessionB } = parsed.state;
  const a = startServices('tidepool-engine-a', search).services;
  const b = startServices('tidepool-engine-b', search).services;
  const atUs = at.atUs ?? 0;
  a.engine.load(at.session, atUs);
  b.engine.load(sessionB, atUs);
  const state = createStore<CompareState>()(() => ({
    summary: null,
    error: null,
    untilUs: compareUntilUs(at.session, sessionB, atUs),
  }));
  const handle: CompareHandle = { a, b, clock: new CompareClock(a, b), state };
  // Its own worker: a long comparison must not stall either run's playback.
  const comparer = startServices('tidepool-compare', search).services.engine;
  keepCompared(handle, comparer, at.session, sessionB);
  syncCompareUrl(handle);
  render(<CompareApp handle={handle} />);
  return handle;
}

/**
 * Asks run A's worker to compare the two sessions, and again whenever either
 * changes (an intervention in one side, a console command): the strip always
 * describes the sessions on screen. A newer answer replaces an older one.
 */
function keepCompared(
  { a, b, state }: CompareHandle,
  comparer: EngineClient,
  first: Session,
  second: Session,
): void {
  let compared: [Session, Session] = [first, second];
  let asked = 0;
  const ask = () => {
    const [sa, sb] = compared;
    const untilUs = compareUntilUs(sa, sb, a.store.getState().view?.timeUs ?? 0);
    const id = ++asked;
    state.setState({ summary: null, error: null, untilUs });
    comparer.compare(sa, sb, untilUs).then(
      (summary) => void (id === asked && state.setState({ summary })),
      (error: unknown) => void (id === asked && state.setState({ error: String(error) })),
    );
  };
  const onChange = () => {
    const sa = a.store.getState().session;
    const sb = b.store.getState().session;
    // Played past the compared span: compare further, so the strip and the histogram keep up.
    const timeUs = a.store.getState().view?.timeUs ?? 0;
    if (timeUs > state.getState().untilUs && !a.store.getState().playing) return ask();
    if (!sa || !sb || (sa === compared[0] && sb === compared[1])) return;
    if (sameSession(sa, compared[0]) && sameSession(sb, compared[1])) {
      compared = [sa, sb]; // the engines' copies of what was compared
      return;
    }
    compared = [sa, sb];
    ask();
  };
  ask();
  a.store.subscribe(onChange);
  b.store.subscribe(onChange);
}

function sameSession(x: Session, y: Session): boolean {
  return sessionToQuery(x) === sessionToQuery(y);
}

/** The address bar follows both sessions and A's time (B is kept on it by the clock). */
function syncCompareUrl({ a, b }: CompareHandle): void {
  let last = '';
  const write = () => {
    const sa = a.store.getState();
    const sb = b.store.getState();
    if (!sa.session || !sb.session || !sa.view || sa.seekProgress !== null || sa.playing) return;
    const engine = new URLSearchParams(window.location.search).get('engine');
    const query = `?${compareToQuery(sa.session, sb.session, sa.view.timeUs)}${engine ? `&engine=${encodeURIComponent(engine)}` : ''}`;
    if (query === last) return;
    last = query;
    window.history.replaceState(null, '', `${window.location.pathname}${query}`);
  };
  a.store.subscribe(write);
  b.store.subscribe(write);
}
