/*
 * Two runs in one link: run A is the link's session as usual; run B is A with
 * the `vs.` parameters laid over it, in the same grammar —
 *   ?scenario=herd&seed=1&vs.t.jitter=0            B: A without jitter
 *   ?scenario=ping-pong&vs.profile=fdb&vs.script=  B: FoundationDB's numbers, no script
 * An empty `vs.` value removes that parameter from B. Any `vs.` parameter
 * makes the link a comparison. The two runs share their scenario and seed
 * (what differs is the transport, parameters, script, chaos or mutant). Both
 * sessions are validated in full; B's errors say "run B". Knows nothing of
 * the DOM.
 */
import {
  decodeComponent,
  sessionFromQuery,
  sessionToQuery,
  splitQuery,
  type QueryState,
} from '../session-query';
import type { Session } from '../session';
import { quoteInput } from '../sim/quote-input';

export const VS_PREFIX = 'vs.';

export interface CompareState {
  readonly a: QueryState;
  readonly b: Session;
}

export function isCompareQuery(query: string): boolean {
  return splitQuery(query).some(([k]) => decodeComponent(k).startsWith(VS_PREFIX));
}

/** Parameters that are where the viewer stands or how the page looks, not part of a session. */
const NOT_SESSION = new Set(['t', 'embed', 'lesson', 'step', 'engine']);
/** What the two runs of a comparison share (the issue's "same scenario and seed"). */
const SAME_IN_BOTH = new Set(['scenario', 'seed']);

export function compareFromQuery(
  query: string,
): { ok: true; state: CompareState } | { ok: false; errors: string[] } {
  const pairs = splitQuery(query);
  const isVs = (k: string) => decodeComponent(k).startsWith(VS_PREFIX);
  const a = sessionFromQuery(
    pairs
      .filter(([k]) => !isVs(k))
      .map((p) => p.join('='))
      .join('&'),
  );
  const bPairs = new Map<string, string>();
  for (const [k, v] of pairs)
    if (!isVs(k) && !NOT_SESSION.has(decodeComponent(k))) bPairs.set(decodeComponent(k), v);
  const vsErrors: string[] = [];
  const seen = new Set<string>();
  for (const [k, v] of pairs) {
    if (!isVs(k)) continue;
    const key = decodeComponent(k).slice(VS_PREFIX.length);
    if (seen.has(key)) vsErrors.push(`run B: ${quoteInput(`${VS_PREFIX}${key}`)} is given twice`);
    else if (NOT_SESSION.has(key))
      vsErrors.push(
        `run B: ${quoteInput(`${VS_PREFIX}${key}`)} is not part of a session (both runs share it)`,
      );
    else if (SAME_IN_BOTH.has(key) && v !== '' && bPairs.get(key) !== v && bPairs.has(key))
      vsErrors.push(
        `run B: the two runs share their ${key}; B may differ in its profile, knobs, parameters, script, chaos or mutant`,
      );
    seen.add(key);
    if (v === '') bPairs.delete(key);
    else bPairs.set(key, v);
  }
  const bQuery = [...bPairs].map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
  const b = sessionFromQuery(bQuery);
  const errors = [
    ...(a.ok ? [] : a.errors.map((e) => `run A: ${e}`)),
    ...vsErrors,
    ...(b.ok || vsErrors.length > 0 ? [] : b.errors.map((e) => `run B: ${e}`)),
  ];
  if (!a.ok || !b.ok || errors.length > 0) return { ok: false, errors };
  if (
    a.state.session.scenario !== b.state.session.scenario ||
    a.state.session.seed !== b.state.session.seed
  )
    return { ok: false, errors: ['run B: the two runs share their scenario and seed'] };
  if (b.state.atUs !== null) return { ok: false, errors: ['run B: t is shared, give it once'] };
  return { ok: true, state: { a: a.state, b: b.state.session } };
}

/** A's link with B as `vs.` differences (and `t`, shared, last). */
export function compareToQuery(a: Session, b: Session, atUs?: number | null): string {
  const split = (q: string) => new Map(splitQuery(q));
  const pa = split(sessionToQuery(a));
  const pb = split(sessionToQuery(b));
  const vs: string[] = [];
  for (const [k, v] of pb) if (pa.get(k) !== v) vs.push(`${VS_PREFIX}${k}=${v}`);
  for (const k of pa.keys()) if (!pb.has(k)) vs.push(`${VS_PREFIX}${k}=`);
  // A link where B equals A still compares: `vs.seed` names B's (same) seed.
  if (vs.length === 0) vs.push(`${VS_PREFIX}seed=${b.seed}`);
  const at =
    atUs === undefined || atUs === null ? '' : `&${sessionToQuery(a, atUs).split('&').pop()}`;
  return `${sessionToQuery(a)}&${vs.join('&')}${at}`;
}

/** What differs between two sessions, parameter by parameter (null: not given, i.e. the default). */
export function sessionDifferences(
  a: Session,
  b: Session,
): { key: string; a: string | null; b: string | null }[] {
  const decoded = (s: Session) =>
    new Map(
      splitQuery(sessionToQuery(s)).map(([k, v]) => [decodeComponent(k), decodeComponent(v)]),
    );
  const pa = decoded(a);
  const pb = decoded(b);
  const keys = [...new Set([...pa.keys(), ...pb.keys()])].filter((k) => pa.get(k) !== pb.get(k));
  return keys.map((key) => ({ key, a: pa.get(key) ?? null, b: pb.get(key) ?? null }));
}
