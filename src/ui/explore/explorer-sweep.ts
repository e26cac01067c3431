/*
 * A sweep in the page: the explorer's settings cut into batches of seeds, run
 * on the worker pool, and folded — in seed order, whatever order batches come
 * back in — with the CLI's own fold (core/explore/sweep-result.ts), so the
 * exported JSON has `tidepool sweep --json`'s shape and, seed for seed, its
 * trace hashes. Reports each seed's row and the progress as they arrive.
 * Knows nothing of React.
 */
import type { ExploreSettings } from '../../core/explore/explore-query';
import {
  seedsPerSecond,
  sweepHeader,
  SweepFold,
  type SeedOutcome,
  type SweepResult,
} from '../../core/explore/sweep-result';
import type { WorkerPool } from './worker-pool';

export type SeedVerdict = 'violation' | 'not judged' | 'clean';

export interface SweepProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly elapsedSec: number;
  readonly seedsPerSec: number;
}

const MAX_BATCH = 16;
const BATCHES_PER_WORKER = 8;

/**
 * What the page keeps of a seed: its outcome without the per-assertion and
 * per-kind counts (those go into the fold and its result), so 100 000 seeds
 * fit in memory; `reached` names the sometimes/reachable assertions that held.
 */
export interface SeedRow extends Pick<
  SeedOutcome,
  'seed' | 'traceHash' | 'events' | 'violationCount' | 'violations' | 'outcomes' | 'liveness'
> {
  readonly reached: readonly string[];
}

/** Coverage goals: sometimes/reachable assertions by name. */
export type CoverageGoals = Readonly<Record<string, 'sometimes' | 'reachable'>>;

export function seedRow(o: SeedOutcome): SeedRow {
  return {
    seed: o.seed,
    traceHash: o.traceHash,
    events: o.events,
    violationCount: o.violationCount,
    violations: o.violations,
    outcomes: o.outcomes,
    liveness: o.liveness,
    reached: o.assertions
      .filter((a) => (a.kind === 'sometimes' || a.kind === 'reachable') && a.pass > 0)
      .map((a) => a.name),
  };
}

/** The coverage goals an outcome names, added to `goals` (a new object only when one is new). */
export function withGoals(goals: CoverageGoals, outcomes: readonly SeedOutcome[]): CoverageGoals {
  let more: Record<string, 'sometimes' | 'reachable'> | null = null;
  for (const o of outcomes)
    for (const a of o.assertions)
      if (
        (a.kind === 'sometimes' || a.kind === 'reachable') &&
        !(a.name in goals) &&
        !(more && a.name in more)
      )
        (more ??= {})[a.name] = a.kind;
  return more ? { ...goals, ...more } : goals;
}

/** A seed's outcome in one word: violated an invariant, or ran clean, or clean but too short for liveness to be judged. */
export function verdictOf(o: Pick<SeedOutcome, 'violationCount' | 'liveness'>): SeedVerdict {
  if (o.violationCount > 0) return 'violation';
  return o.liveness === 'not judged' ? 'not judged' : 'clean';
}

export async function runExplorerSweep(
  pool: WorkerPool,
  settings: ExploreSettings,
  onSeeds: (outcomes: readonly SeedOutcome[], progress: SweepProgress) => void,
): Promise<SweepResult> {
  const started = performance.now();
  const { base, untilUs, from, count } = settings;
  const size = Math.max(
    1,
    Math.min(MAX_BATCH, Math.ceil(count / (pool.size * BATCHES_PER_WORKER))),
  );
  const batches: bigint[][] = [];
  for (let offset = 0; offset < count; offset += size)
    batches.push(
      Array.from({ length: Math.min(size, count - offset) }, (_, k) => from + BigInt(offset + k)),
    );
  const fold = new SweepFold(base, untilUs);
  await Promise.all(
    batches.map(async (seeds, i) => {
      const result = await pool.run({ kind: 'seeds', base, untilUs, seeds });
      if (result.kind !== 'outcomes')
        throw new Error('an explore worker answered a sweep with something else');
      fold.addBatch(i, result.outcomes);
      const elapsedSec = (performance.now() - started) / 1000;
      onSeeds(result.outcomes, {
        done: fold.seedsIn,
        total: count,
        failed: fold.failedIn,
        elapsedSec,
        seedsPerSec: seedsPerSecond(fold.seedsIn, elapsedSec),
      });
    }),
  );
  const secondsWall = (performance.now() - started) / 1000;
  return {
    ...sweepHeader(base, untilUs, from, count),
    seeds: count,
    shard: null,
    jobs: pool.size,
    ...fold.result(),
    secondsWall: Math.round(secondsWall * 1000) / 1000,
    seedsPerSec: seedsPerSecond(count, secondsWall),
  };
}
