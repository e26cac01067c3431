/*
 * The explorer's settings as a link, so a sweep can be shared and rerun:
 *   ?explore=sweep&scenario=ping-pong&chaos=calm,storm&mutant=none,no-jitter&from=1&seeds=200&until=10s
 * Everything but `explore`, `from`, `seeds` and `until` is a session query
 * (session-query.ts: scenario, chaos, p.*, script, mutant, profile, t.*), the
 * template every seed runs — except that `chaos`, `profile` and `mutant` may
 * be comma lists (`none`: the real transport), and the seeds are swept once
 * per combination (a matrix). `from` is the first seed, `seeds` how many,
 * `until` where each run ends (default: the scenario's). Parsing is strict and
 * every problem is named, as for any link. Knows nothing of the DOM.
 */
import { findScenario } from '../scenario/registry';
import type { Session } from '../session';
import { decodeComponent, sessionFromQuery, sessionToQuery, splitQuery } from '../session-query';
import { formatDurationExact, MAX_RUN_US, parseDurationUs } from '../sim/time';
import { parseSeed, U64_MAX } from '../sim/rng';
import { quoteInput } from '../sim/quote-input';
import { replayCommand } from './replay-command';

export interface ExploreSettings {
  /** Everything but the seed: seed s runs `{ ...base, seed: s }`. */
  readonly base: Session;
  readonly from: bigint;
  readonly count: number;
  readonly untilUs: number;
}

/**
 * What an Explorer link asks for: the same seeds swept once per combination
 * of chaos preset × transport profile × mutant (each a list in the link:
 * `chaos=calm,storm&mutant=none,no-jitter`), in that order, chaos outermost.
 */
export interface ExplorePlan {
  readonly sweeps: readonly ExploreSettings[];
}

export const MAX_EXPLORE_SEEDS = 100_000;
export const DEFAULT_EXPLORE_SEEDS = 200;
/** Combinations one link may ask for (each is a whole sweep). */
export const MAX_EXPLORE_SWEEPS = 24;
/** In a mutant list: the real transport. */
export const NO_MUTANT = 'none';
const OWN = new Set(['explore', 'from', 'seeds', 'until', 'chaos', 'profile', 'mutant']);

export function isExploreQuery(query: string): boolean {
  return splitQuery(query).some(([k]) => decodeComponent(k) === 'explore');
}

/** A comma list's items (`chaos=calm,storm`), trimmed, without repeats. */
export function listItems(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()))];
}

/** listItems, or [undefined] when the key is absent (the session's default). */
function listOf(text: string | undefined): (string | undefined)[] {
  return text === undefined ? [undefined] : listItems(text);
}

export function exploreFromQuery(
  query: string,
): { ok: true; plan: ExplorePlan } | { ok: false; errors: string[] } {
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
  const chaos = listOf(own.get('chaos'));
  const profiles = listOf(own.get('profile'));
  const mutants = [
    ...new Set(listOf(own.get('mutant')).map((m) => (m === NO_MUTANT || m === '' ? undefined : m))),
  ];
  const combos = chaos.length * profiles.length * mutants.length;
  if (combos > MAX_EXPLORE_SWEEPS)
    return {
      ok: false,
      errors: [
        ...errors,
        `${chaos.length} chaos × ${profiles.length} profile × ${mutants.length} mutant = ${combos} sweeps; at most ${MAX_EXPLORE_SWEEPS}`,
      ],
    };
  const sessions: Session[] = [];
  for (const c of chaos)
    for (const p of profiles)
      for (const m of mutants) {
        const pairs = [
          ...rest,
          ...(c === undefined ? [] : [`chaos=${encodeURIComponent(c)}`]),
          ...(p === undefined ? [] : [`profile=${encodeURIComponent(p)}`]),
          ...(m === undefined ? [] : [`mutant=${encodeURIComponent(m)}`]),
        ];
        const parsed = sessionFromQuery(pairs.join('&'));
        if (parsed.ok) sessions.push(parsed.state.session);
        else for (const e of parsed.errors) if (!errors.includes(e)) errors.push(e);
      }
  const first = sessions[0];
  const untilText = own.get('until');
  const scenarioEnd =
    first && (findScenario(first.scenario) as { defaultUntilUs: number }).defaultUntilUs;
  const u = untilText === undefined ? (scenarioEnd ?? 0) : parseDurationUs(untilText);
  let untilUs = 0;
  if (typeof u !== 'number') errors.push(`until: ${u.error}`);
  else if (untilText !== undefined && (u <= 0 || u > MAX_RUN_US))
    errors.push(
      `until must be more than 0 and at most ${formatDurationExact(MAX_RUN_US)}, got ${quoteInput(untilText)}`,
    );
  else untilUs = u;
  if (errors.length > 0 || typeof from !== 'bigint' || sessions.length === 0)
    return { ok: false, errors };
  return {
    ok: true,
    plan: {
      sweeps: sessions.map((base) => ({ base: { ...base, seed: from }, from, count, untilUs })),
    },
  };
}

/** The distinct values of one axis across the plan's sweeps, in order. */
function axis(plan: ExplorePlan, of: (s: Session) => string): string[] {
  return [...new Set(plan.sweeps.map((s) => of(s.base)))];
}

export function exploreToQuery(plan: ExplorePlan): string {
  const first = plan.sweeps[0] as ExploreSettings;
  const session = sessionToQuery({ ...first.base, seed: first.from })
    .split('&')
    .filter((p) => !/^(seed|chaos|mutant|profile)=/.test(p));
  const mutants = axis(plan, (s) => s.mutant ?? NO_MUTANT);
  const profiles = axis(plan, (s) => s.transport?.profile ?? 'seed');
  const list = (values: string[]) => values.map(encodeURIComponent).join(',');
  return [
    'explore=sweep',
    ...session.slice(0, 1),
    `chaos=${list(axis(plan, (s) => s.chaos))}`,
    ...session.slice(1),
    ...(mutants.length === 1 && mutants[0] === NO_MUTANT ? [] : [`mutant=${list(mutants)}`]),
    ...(profiles.length === 1 && profiles[0] === 'seed' ? [] : [`profile=${list(profiles)}`]),
    `from=${first.from}`,
    `seeds=${first.count}`,
    `until=${encodeURIComponent(formatDurationExact(first.untilUs))}`,
  ].join('&');
}

/** One sweep's name in a matrix: "storm · fdb · no-jitter". */
export function sweepLabel(s: ExploreSettings): string {
  return [
    s.base.chaos,
    s.base.transport?.profile ?? 'seed',
    s.base.mutant ?? 'real transport',
  ].join(' · ');
}

/** The same sweep on the command line (`tidepool sweep … --json` prints the same object the page exports). */
export function sweepCommandLine(s: ExploreSettings): string {
  return replayCommand(s.base, s.untilUs)
    .replace(/^npx tidepool run /, 'npx tidepool sweep ')
    .replace(/ --seed \d+/, ` --from ${s.from} --seeds ${s.count}`);
}
