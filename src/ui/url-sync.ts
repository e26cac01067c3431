/*
 * Keeps the address bar equal to the session: every intervention, seed or
 * scenario change rewrites the query at once (history.replaceState), and the
 * playhead `t` follows at most twice a second while playing. Reading a link is
 * strict (core/session-query): a bad link yields readable errors, and opens
 * with its valid parameters kept and the bad ones dropped (named); nothing
 * from the URL is ever executed or rendered as HTML.
 */
import {
  salvageQuery,
  sessionFromQuery,
  sessionToQuery,
  type QueryState,
} from '../core/session-query';
import type { UiStore } from './store';

/**
 * The link's session, or for a malformed link what is valid in it (each bad
 * parameter dropped, the rest kept: core's salvageQuery) with the errors and
 * what was dropped.
 */
export function readLocation(search: string): {
  state: QueryState;
  errors: string[] | null;
  dropped: string[];
} {
  const parsed = sessionFromQuery(search);
  if (parsed.ok) return { state: parsed.state, errors: null, dropped: [] };
  const { state, dropped } = salvageQuery(search);
  return { state, errors: parsed.errors, dropped };
}

/** The shareable link for the current session and time. */
export function currentLink(store: UiStore, base: string): string {
  const { session, view } = store.getState();
  if (!session) return base;
  return `${base}?${sessionToQuery(session, view?.timeUs ?? 0, view?.midInstant ? view.events : null)}`;
}

/** UI-only link parameters (not part of the session) that URL sync carries over as they are. */
const UI_PARAMS = ['embed', 'lesson', 'step', 'engine'];

export function syncUrl(store: UiStore, history: History, location: Location): () => void {
  // Read at every write: the lesson layer adds and removes its parameters while the page runs.
  const keep = () => {
    const given = new URLSearchParams(location.search);
    return UI_PARAMS.filter((k) => given.has(k))
      .map((k) => `&${encodeURIComponent(k)}=${encodeURIComponent(given.get(k) ?? '')}`)
      .join('');
  };
  let lastWrite = 0;
  let lastQuery = '';
  return store.subscribe((s) => {
    // Mid-seek the cursor passes through moments nobody chose: the link waits for where it lands.
    if (!s.session || !s.view || s.seekProgress !== null) return;
    const query = `?${sessionToQuery(s.session, s.view.timeUs, s.view.midInstant ? s.view.events : null)}`;
    if (query === lastQuery) return;
    const sessionPart = query.replace(/&t=[^&]*$/, '');
    const sessionChanged = sessionPart !== lastQuery.replace(/&t=[^&]*$/, '');
    const now = performance.now();
    if (!sessionChanged && s.playing && now - lastWrite < 500) return;
    lastWrite = now;
    lastQuery = query;
    history.replaceState(null, '', `${location.pathname}${query}${keep()}`);
  });
}
