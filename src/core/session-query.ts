/*
 * A session as a URL query string and back:
 *   ?scenario=ping-pong&seed=42&chaos=storm&p.pings=50&script=1s_partition_n1_n2~3s_heal&t=2500
 * `t` (ms, optional, at most 1 h) is where the viewer stands in the run; `mutant` (optional)
 * names a deliberately broken transport; `profile=fdb` and `t.<knob>=<value>`
 * (`t.initialBackoffMs=50`) set the transport (docs/profiles.md). Parsing is strict:
 * every parameter is validated and every problem reported by name, so a bad
 * link can show what is wrong and fall back to defaults. Nothing from a query
 * is ever executed or rendered as HTML. Knows nothing of the DOM.
 */
import { parseDurationUs, parseSeed } from './sim';
import { formatDurationExact, MAX_RUN_US, US_PER_MS } from './sim/time';
import { quoteInput, showInput } from './sim/quote-input';
import { formatScript, parseScript } from './intervention';
import { makeSession, type Session, type TransportInput } from './session';
import { formatKnobs } from './transport-settings/settings';

export interface QueryState {
  readonly session: Session;
  /** Where to stand in the run (µs), if the link says. */
  readonly atUs: number | null;
  /**
   * When the link stands between two events of the same instant: how many
   * events had run (`t=1234.567@812`). Replay stops after exactly that many.
   */
  readonly atEvents: number | null;
}

/**
 * Session parameters, plus UI-only ones accepted and ignored here: `embed`
 * (the iframe layout), `lesson` and `step` (a guided lesson), `engine` (`main`
 * runs the engine on the page's thread instead of a Web Worker: a baseline
 * for benchmarks).
 */
const KNOWN = new Set([
  'scenario',
  'seed',
  'chaos',
  'script',
  'mutant',
  'profile',
  't',
  'embed',
  'lesson',
  'step',
  'engine',
]);
const MAX_QUERY_CHARS = 20_000;

export function sessionToQuery(
  session: Session,
  atUs?: number | null,
  atEvents?: number | null,
): string {
  const pairs: [string, string][] = [
    ['scenario', session.scenario],
    ['seed', session.seed.toString()],
    ['chaos', session.chaos],
    ...Object.entries(session.params).map(([name, value]): [string, string] => [
      `p.${name}`,
      String(value),
    ]),
  ];
  if (session.script.length > 0) pairs.push(['script', formatScript(session.script)]);
  if (session.mutant !== undefined) pairs.push(['mutant', session.mutant]);
  pairs.push(...transportPairs(session));
  if (atUs !== undefined && atUs !== null)
    pairs.push([
      't',
      formatMs(atUs) + (atEvents !== undefined && atEvents !== null ? `@${atEvents}` : ''),
    ]);
  // '@' is legal in a query and keeps event stamps readable (t=1512.815@587, 2s@90_kill_n2).
  return pairs
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%40/g, '@')}`)
    .join('&');
}

/** `profile` (when not seed) and `t.<knob>` pairs, in the knob catalogue's order. */
export function transportPairs(session: Session): [string, string][] {
  const t = session.transport;
  if (!t) return [];
  const pairs: [string, string][] = t.profile === 'seed' ? [] : [['profile', t.profile]];
  for (const [name, text] of formatKnobs(t.knobs)) pairs.push([`t.${name}`, text]);
  return pairs;
}

/** Splits a query into decoded pairs (no URLSearchParams in core: it is not ECMAScript). */
/** A query's `key=value` parts as written (still encoded), in order, without the leading `?`. */
export function splitQuery(query: string): [string, string][] {
  return (query.startsWith('?') ? query.slice(1) : query)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    });
}

/** A query component decoded (`+` is a space); as written when it is not valid percent-encoding. */
export function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function parseQuery(query: string, errors: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rawKey, rawValue] of splitQuery(query)) {
    try {
      const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      if (out.has(key)) errors.push(`link parameter ${quoteInput(key)} is given twice`);
      out.set(key, decodeURIComponent(rawValue.replace(/\+/g, ' ')));
    } catch {
      errors.push(`link parameter ${quoteInput(rawKey)} is not valid percent-encoding`);
    }
  }
  return out;
}

/** Parses a query (with or without the leading `?`); errors name each bad parameter. */
export function sessionFromQuery(
  query: string,
  defaultScenario = 'ping-pong',
): { ok: true; state: QueryState } | { ok: false; errors: string[] } {
  if (query.length > MAX_QUERY_CHARS)
    return {
      ok: false,
      errors: [`link is too long (${query.length} characters; at most ${MAX_QUERY_CHARS})`],
    };
  const errors: string[] = [];
  const q = parseQuery(query, errors);
  const params: Record<string, number> = Object.create(null); // `p.__proto__` is a key like any other (and rejected)
  const knobs: [string, string][] = [];
  for (const [key, value] of q) {
    if (key.startsWith('t.')) knobs.push([key.slice(2), value]);
    else if (key.startsWith('p.')) {
      if (/^-?\d{1,9}$/.test(value)) params[key.slice(2)] = Number(value);
      else errors.push(`parameter ${showInput(key)} must be an integer, got ${quoteInput(value)}`);
    } else if (!KNOWN.has(key)) errors.push(`unknown link parameter ${quoteInput(key)}`);
  }
  const engine = q.get('engine');
  if (engine !== undefined && engine !== 'main' && engine !== 'worker')
    errors.push(`engine must be main or worker, got ${quoteInput(engine)}`);
  const seed = parseSeed(q.get('seed') ?? '1');
  if (typeof seed !== 'bigint') errors.push(seed.error);
  const script = parseScript(q.get('script') ?? '');
  if ('error' in script) errors.push(`script: ${script.error}`);
  const [atText, eventsText] = (q.get('t') ?? '').split('@') as [string, string | undefined];
  const atUs = parseAt(q.has('t') ? atText : null, errors);
  const atEvents = parseAtEvents(eventsText, errors);
  const chaos = q.get('chaos') ?? null;
  const mutant = q.get('mutant') ?? null;
  const profile = q.get('profile');
  const transport: TransportInput = { knobs, ...(profile !== undefined ? { profile } : {}) };
  const result = makeSession({
    mutant,
    transport,
    scenario: q.get('scenario') ?? defaultScenario,
    seed: typeof seed === 'bigint' ? seed : 1n,
    params,
    script: 'error' in script ? [] : script,
    ...(chaos !== null ? { chaos } : {}),
  });
  if (!result.ok) errors.push(...result.errors);
  if (errors.length > 0 || !result.ok) return { ok: false, errors };
  return {
    ok: true,
    state: { session: result.session, atUs, atEvents: atUs === null ? null : atEvents },
  };
}

function parseAt(text: string | null, errors: string[]): number | null {
  if (text === null) return null;
  if (!/^\d{1,12}(\.\d{1,3})?$/.test(text)) {
    errors.push(`t must be a time in milliseconds, e.g. t=2500, got ${quoteInput(text)}`);
    return null;
  }
  const us = parseDurationUs(`${text}ms`);
  if (typeof us !== 'number') {
    errors.push(`t: ${us.error}`);
    return null;
  }
  if (us > MAX_RUN_US) {
    errors.push(
      `t must be at most ${MAX_RUN_US / US_PER_MS} (${formatDurationExact(MAX_RUN_US)}: ${MAX_RUN_US / 3_600_000_000}h of virtual time), got ${quoteInput(text)}`,
    );
    return null;
  }
  return us;
}

function parseAtEvents(text: string | undefined, errors: string[]): number | null {
  if (text === undefined) return null;
  if (/^\d{1,12}$/.test(text)) return Number(text);
  errors.push(`t: the event count after "@" must be a whole number, got ${quoteInput(text)}`);
  return null;
}

/** Milliseconds with up to 3 decimals: exact for integer µs. */
function formatMs(timeUs: number): string {
  const whole = Math.floor(timeUs / 1000);
  const frac = timeUs % 1000;
  return frac === 0
    ? String(whole)
    : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

/** The order in which a bad link's parameters are tried: what the others depend on first. */
function salvageRank(key: string): number {
  const order = ['scenario', 'seed', 'chaos', 'profile', 'mutant', 'p.', 't.', 'script', 't'];
  const i = order.findIndex((k) => (k.endsWith('.') ? key.startsWith(k) : key === k));
  return i < 0 ? order.length : i;
}

/**
 * A malformed link, salvaged: its parameters are tried one by one (the
 * scenario first, then what depends on it) and each is kept if the link
 * still parses with it. Returns what it opens as and the raw `key=value`
 * pairs it dropped — so a link with one bad parameter keeps the others.
 */
export function salvageQuery(query: string): { state: QueryState; dropped: string[] } {
  const ranked = splitQuery(query)
    .map(([key, value], i) => ({
      pair: `${key}=${value}`,
      i,
      rank: salvageRank(decodeComponent(key)),
    }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const { pair } of ranked) {
    if (sessionFromQuery([...kept, pair].join('&')).ok) kept.push(pair);
    else dropped.push(pair);
  }
  const parsed = sessionFromQuery(kept.join('&'));
  if (!parsed.ok) throw new Error('salvageQuery: an empty link must parse');
  return { state: parsed.state, dropped };
}
