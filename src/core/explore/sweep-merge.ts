/*
 * Merging the shards of one sweep (`tidepool sweep --shard i/n`, run on n
 * machines) back into the result the unsharded sweep would have printed:
 * every count is a sum over seeds, so shards add up exactly; failing seeds and
 * hashes are put back in seed order. Timing is the one thing that cannot be
 * equal: jobs add up, the wall time is the slowest shard's (they ran side by
 * side) and seeds/s follows from it. Refuses, saying why, shards of different
 * sweeps, a shard given twice, or a missing one. Knows nothing of files.
 */
import type { AssertionKind } from '../sim';
import {
  addAll,
  compare,
  seedsPerSecond,
  share,
  shardSeeds,
  type Shard,
  sorted,
  type AssertionCoverage,
  type FailedSeed,
  type SweepHeader,
  type SweepResult,
} from './sweep-result';

const HEADER_FIELDS: readonly (keyof SweepHeader)[] = [
  'scenario',
  'chaos',
  'params',
  'script',
  'mutant',
  'profile',
  'knobs',
  'untilUs',
  'from',
  'count',
];

export function mergeSweeps(shards: readonly SweepResult[]): SweepResult | { error: string } {
  const first = shards[0];
  if (first === undefined) return { error: 'nothing to merge' };
  const problem = checkShards(shards);
  if (problem !== null) return { error: problem };
  const failed: FailedSeed[] = shards
    .flatMap((s) => s.failed)
    .sort((a, b) => bySeed(a.seed, b.seed));
  const assertions = mergeAssertions(shards);
  const seeds = sum(shards.map((s) => s.seeds));
  const held = sum(shards.map((s) => s.liveness.held));
  const violated = sum(shards.map((s) => s.liveness.violated));
  const secondsWall = Math.max(...shards.map((s) => s.secondsWall));
  const header = Object.fromEntries(
    HEADER_FIELDS.map((f) => [f, first[f]]),
  ) as unknown as SweepHeader;
  return {
    ...header,
    seeds,
    shard: null,
    jobs: sum(shards.map((s) => s.jobs)),
    failed,
    coverage: Object.fromEntries(assertions.map((a) => [a.name, a.seedsHeld])),
    assertions,
    coverageGaps: assertions
      .filter((a) => (a.kind === 'sometimes' || a.kind === 'reachable') && a.seedsHeld === 0)
      .map((a) => a.name),
    faults: sumRecords(shards.map((s) => s.faults)),
    traceCounts: sumRecords(shards.map((s) => s.traceCounts)),
    outcomes: sumRecords(shards.map((s) => s.outcomes ?? {})),
    events: sum(shards.map((s) => s.events)),
    liveness: {
      held,
      violated,
      notJudged: sum(shards.map((s) => s.liveness.notJudged)),
      judgedShare: share(held + violated, seeds),
    },
    hashes: Object.fromEntries(
      shards.flatMap((s) => Object.entries(s.hashes)).sort(([a], [b]) => bySeed(a, b)),
    ),
    secondsWall,
    seedsPerSec: seedsPerSecond(seeds, secondsWall),
  };
}

/** Why these results are not the shards of one sweep, or null. */
function checkShards(shards: readonly SweepResult[]): string | null {
  const first = shards[0] as SweepResult;
  for (const [i, s] of shards.entries()) {
    const differs = HEADER_FIELDS.find((f) => JSON.stringify(s[f]) !== JSON.stringify(first[f]));
    if (differs !== undefined)
      return `result ${i + 1} is of another sweep: its ${differs} is ${JSON.stringify(s[differs])}, not ${JSON.stringify(first[differs])}`;
    if (s.shard === null)
      return shards.length === 1 ? null : `result ${i + 1} is not a shard (it has no --shard i/n)`;
    if (s.shard.count !== first.shard?.count)
      return `result ${i + 1} is shard ${s.shard.index}/${s.shard.count}, but result 1 is of ${first.shard?.count ?? 1}`;
  }
  const count = (first.shard as { count: number }).count;
  const seen = new Set<number>();
  for (const s of shards) {
    const index = (s.shard as { index: number }).index;
    if (seen.has(index)) return `shard ${index}/${count} is given twice`;
    seen.add(index);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0)
    return `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')}: the merge would not be the whole sweep`;
  // Each shard must hold exactly its seeds: offset from `from` ≡ index − 1 (mod count).
  for (const s of shards) {
    const { index } = s.shard as Shard;
    const expected = shardSeeds(BigInt(first.from), first.count, s.shard).length;
    const stray = Object.keys(s.hashes).find(
      (seed) => (BigInt(seed) - BigInt(first.from)) % BigInt(count) !== BigInt(index - 1),
    );
    if (s.seeds !== expected || Object.keys(s.hashes).length !== expected || stray !== undefined)
      return `shard ${index}/${count} does not hold its seeds (${s.seeds} run, ${expected} expected${stray ? `; seed ${stray} is another shard's` : ''})`;
  }
  return null;
}

function mergeAssertions(shards: readonly SweepResult[]): AssertionCoverage[] {
  const byName = new Map<string, { kind: AssertionKind; seedsHeld: number; seedsFailed: number }>();
  for (const a of shards.flatMap((s) => s.assertions)) {
    const c = byName.get(a.name) ?? { kind: a.kind, seedsHeld: 0, seedsFailed: 0 };
    byName.set(a.name, {
      kind: c.kind,
      seedsHeld: c.seedsHeld + a.seedsHeld,
      seedsFailed: c.seedsFailed + a.seedsFailed,
    });
  }
  return [...byName.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([name, c]) => ({ name, ...c }));
}

function sumRecords(records: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const total = new Map<string, number>();
  for (const r of records) addAll(total, r);
  return sorted(total);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Decimal seeds compared as numbers (they go up to 2^64 − 1). */
function bySeed(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
