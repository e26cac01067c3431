/*
 * The explorer's settings as a link, so a sweep can be shared and rerun:
 *   ?explore=sweep&scenario=ping-pong&chaos=storm&mutant=no-jitter&from=1&seeds=200&until=10s
 * Everything but `explore`, `from`, `seeds` and `until` is a session query
 * (session-query.ts: scenario, chaos, p.*, script, mutant, profile, t.*), the
 * template every seed runs; `from` is the first seed, `seeds` how many, `until`
 * where each run ends (default: the scenario's). Parsing is strict and every
 * problem is named, as for any link. Knows nothing of the DOM.
 */
import { findScenario } from '../scenario/registry';
import type { Session } from '../session';
import { decodeComponent, sessionFromQuery, sessionToQuery, splitQuery } from '../session-query';
import { formatDurationExact, MAX_RUN_US, parseDurationUs } from '../sim/time';
import { parseSeed, U64_MAX } from '../sim/rng';
import { quoteInput } from '../sim/quote-input';

export interface ExploreSettings {
  /** Everything but the seed: seed s runs `{ ...base, seed: s }`. */
  readonly base: Session;
  readonly from: bigint;
  readonly count: number;
  readonly untilUs: number;
}

export const MAX_EXPLORE_SEEDS = 100_000;
export const DEFAULT_EXPLORE_SEEDS = 200;
const OWN = new Set(['explore', 'from', 'seeds', 'until']);

export function isExploreQuery(query: string): boolean {
  return splitQuery(query).some(([k]) => decodeComponent(k) === 'explore');
}

export function exploreFromQuery(
  query: string,
): { ok: true; settings: ExploreSettings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const own = new Map<string, string>();
  const rest: string[] = [];
  for (const [k, v] of splitQuery(query)) {
    const key = decodeComponent(k);
    if (OWN.has(key)) own.set(key, decodeComponent(v));
    else if (key !== 'seed' && key !== 't') rest.push(`${k}=${v}`);
  }
  const from = parseSeed(own.get('from') ?? '1');
  if (typeof from !== 'bigint') errors.push(`from: ${from.error}`);
  const countText = own.get('seeds') ?? String(DEFAULT_EXPLORE_SEEDS);
  const count = /^\d{1,7}$/.test(countText) ? Number(countText) : NaN;
  if (!(count >= 1 && count <= MAX_EXPLORE_SEEDS))
    errors.push(
      `seeds must be a whole number from 1 to ${MAX_EXPLORE_SEEDS}, got ${quoteInput(countText)}`,
    );
  else if (typeof from === 'bigint' && from + BigInt(count - 1) > U64_MAX)
    errors.push(`from ${from} with ${count} seeds would run seeds above 2^64 - 1`);
  const parsed = sessionFromQuery(rest.join('&'));
  if (!parsed.ok) errors.push(...parsed.errors);
  const untilText = own.get('until');
  let untilUs = 0;
  if (parsed.ok) {
    const defaultUs = (findScenario(parsed.state.session.scenario) as { defaultUntilUs: number })
      .defaultUntilUs;
    const u = untilText === undefined ? defaultUs : parseDurationUs(untilText);
    if (typeof u !== 'number') errors.push(`until: ${u.error}`);
    else if (u <= 0 || u > MAX_RUN_US)
      errors.push(
        `until must be more than 0 and at most ${formatDurationExact(MAX_RUN_US)}, got ${quoteInput(untilText ?? '')}`,
      );
    else untilUs = u;
  }
  if (errors.length > 0 || !parsed.ok || typeof from !== 'bigint') return { ok: false, errors };
  return {
    ok: true,
    settings: { base: { ...parsed.state.session, seed: from }, from, count, untilUs },
  };
}

export function exploreToQuery(s: ExploreSettings): string {
  const session = sessionToQuery({ ...s.base, seed: s.from })
    .split('&')
    .filter((p) => !p.startsWith('seed='));
  return [
    'explore=sweep',
    ...session,
    `from=${s.from}`,
    `seeds=${s.count}`,
    `until=${encodeURIComponent(formatDurationExact(s.untilUs))}`,
  ].join('&');
}

/** The same sweep on the command line (`tidepool sweep … --json` prints the same object the page exports). */
export function sweepCommandLine(
  s: ExploreSettings,
  replay: (session: Session, untilUs: number) => string,
): string {
  return replay(s.base, s.untilUs)
    .replace(/^npx tidepool run /, 'npx tidepool sweep ')
    .replace(/ --seed \d+/, ` --from ${s.from} --seeds ${s.count}`);
}
