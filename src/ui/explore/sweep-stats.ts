/*
 * What the explorer's summary shows, computed from the seeds that have
 * arrived so far (so it grows while the sweep runs): seeds per verdict, the
 * invariants that failed first and how often, RPC outcome totals, and per
 * `sometimes`/`reachable` assertion the seeds that reached it — rare ones
 * (under 5% of seeds) and never-reached ones flagged. Knows nothing of React.
 */
import { verdictOf, type CoverageGoals, type SeedRow, type SeedVerdict } from './explorer-sweep';

export interface FirstViolationGroup {
  readonly name: string;
  readonly seeds: number;
  /** The lowest seed that failed this way first. */
  readonly example: string;
}

export interface CoverageRow {
  readonly name: string;
  readonly kind: 'sometimes' | 'reachable';
  /** Seeds (decimal, ascending) in which it held at least once. */
  readonly seeds: readonly string[];
  readonly share: number;
  readonly flag: 'never' | 'rare' | null;
}

export interface SweepStats {
  readonly seeds: number;
  readonly verdicts: Readonly<Record<SeedVerdict, number>>;
  readonly firstViolations: readonly FirstViolationGroup[];
  readonly outcomes: Readonly<Record<string, number>>;
  readonly coverage: readonly CoverageRow[];
}

export const RARE_SHARE = 0.05;

export function sweepStats(rows: readonly SeedRow[], goals: CoverageGoals = {}): SweepStats {
  const sorted = [...rows].sort((a, b) => compareSeeds(a.seed, b.seed));
  const verdicts: Record<SeedVerdict, number> = { violation: 0, 'not judged': 0, clean: 0 };
  const firsts = new Map<string, { seeds: number; example: string }>();
  const outcomes = new Map<string, number>();
  const reached = new Map<string, { kind: 'sometimes' | 'reachable'; seeds: string[] }>(
    Object.entries(goals).map(([name, kind]) => [name, { kind, seeds: [] }]),
  );
  for (const o of sorted) {
    verdicts[verdictOf(o)]++;
    const first = o.violations[0];
    if (first) {
      const g = firsts.get(first.name) ?? { seeds: 0, example: o.seed };
      firsts.set(first.name, { seeds: g.seeds + 1, example: g.example });
    }
    for (const [k, v] of Object.entries(o.outcomes)) outcomes.set(k, (outcomes.get(k) ?? 0) + v);
    for (const name of o.reached) {
      const r = reached.get(name) ?? { kind: 'sometimes', seeds: [] };
      r.seeds.push(o.seed);
      reached.set(name, r);
    }
  }
  const n = rows.length;
  return {
    seeds: n,
    verdicts,
    firstViolations: [...firsts.entries()]
      .map(([name, g]) => ({ name, ...g }))
      .sort((a, b) => b.seeds - a.seeds || (a.name < b.name ? -1 : 1)),
    outcomes: Object.fromEntries([...outcomes.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    coverage: [...reached.entries()]
      .map(([name, r]) => {
        const share = n === 0 ? 0 : r.seeds.length / n;
        const flag: CoverageRow['flag'] =
          r.seeds.length === 0 ? 'never' : share < RARE_SHARE ? 'rare' : null;
        return { name, kind: r.kind, seeds: r.seeds, share, flag };
      })
      .sort((a, b) => a.share - b.share || (a.name < b.name ? -1 : 1)),
  };
}

/** Decimal seeds (no leading zeros) in numeric order: by length, then as text — no BigInt per compare. */
export function compareSeeds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
