/*
 * The engine of `tidepool sweep`: runs one session template over a range of
 * seeds (optionally one shard of it) on worker threads, or in-process, and
 * folds the per-seed summaries — in seed order, whatever order workers finish
 * in — into one deterministic result: failing seeds with replay commands and
 * links, per-assertion coverage across seeds, fault and trace totals, and a
 * seed → trace hash map. `runSweep` is also the programmatic entry (bench/).
 *
 * Workers run `bin/sweep-worker.mjs`, which registers tsx and imports
 * `sweep-worker.ts`: the same TypeScript sources as the CLI, whoever started
 * us (`npx tidepool`, tsx, vitest). Seeds go out in batches; each worker keeps
 * two in flight so it never waits for the main thread. A worker publishes the
 * seed it is running in shared memory, so even a hard crash names the seed.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunSummary } from '../core/run-summary';
import type { Session } from '../core/session';
import { replayCommand } from '../core/explore/replay-command';
import { runSession } from '../core/explore/run-seed';
import {
  seedOutcome,
  seedsPerSecond,
  shardSeeds,
  sweepHeader,
  SweepFold,
  type SeedOutcome,
  type Shard,
  type SweepResult,
} from '../core/explore/sweep-result';

export {
  MAX_VIOLATIONS_PER_SEED,
  seedOutcome,
  shardSeeds,
  type AssertionCoverage,
  type FailedSeed,
  type LivenessCounts,
  type SeedOutcome,
  type Shard,
  type SweepResult,
} from '../core/explore/sweep-result';

/** Runs one seed's session to `untilUs` (default: `runSession`). */
export type SeedRunner = (session: Session, untilUs: number) => RunSummary;

export interface SweepOptions {
  /** Everything but the seed: seed s runs `{ ...base, seed: s }`. */
  readonly base: Session;
  readonly untilUs: number;
  /** First seed of the range. */
  readonly from: bigint;
  /** Seeds in the range (before sharding). */
  readonly count: number;
  readonly shard?: Shard | null;
  /** Worker threads (default min(2, available parallelism)); 1 runs in-process. */
  readonly jobs?: number;
  /** Seeds per message to a worker (default: 1..32, sized so each worker gets ≥ 8 batches). */
  readonly batchSize?: number;
  /** Replaces `runSession`; only possible in-process, so it implies jobs 1 (tests). */
  readonly runner?: SeedRunner;
  /** Replaces bin/sweep-worker.mjs (tests of crash handling). */
  readonly workerEntry?: URL;
}

export interface SweepProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly elapsedSec: number;
}

/** A seed's run threw, or a worker died: the sweep stops (nothing hangs). */
export class SweepCrash extends Error {
  constructor(
    /** The seed being run, when known. */
    readonly seed: string | null,
    /** The seeds that were in flight, for when the seed is not known. */
    readonly seedsInFlight: string,
    readonly detail: string,
    /** Replay command for `seed`, when known. */
    readonly replay: string | null,
  ) {
    super(
      seed !== null
        ? `seed ${seed} crashed: ${detail}`
        : `a worker crashed while running seeds ${seedsInFlight}: ${detail}`,
    );
  }
}

export const MAX_JOBS = 256;
const MAX_BATCH = 32;
const WORKER_ENTRY = new URL('../../bin/sweep-worker.mjs', import.meta.url);

export function defaultJobs(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** A batch as sent to a worker: seeds `start + k·step` for k < length. */
export interface Batch {
  readonly id: number;
  readonly start: bigint;
  readonly step: number;
  readonly length: number;
}

/** Shared memory where a worker publishes the seed it is running (see WorkerInit). */
export interface SeedTracker {
  readonly current: BigUint64Array;
  readonly running: Int32Array;
}

export function seedTracker(shared: SharedArrayBuffer): SeedTracker {
  return { current: new BigUint64Array(shared, 0, 1), running: new Int32Array(shared, 8, 1) };
}

/**
 * Runs a batch, publishing each seed to `tracker` (if given) while it runs.
 * Throws SweepCrash naming the seed if a run throws.
 */
export function runBatch(
  base: Session,
  untilUs: number,
  batch: Batch,
  runner: SeedRunner,
  tracker?: SeedTracker,
): SeedOutcome[] {
  const outcomes: SeedOutcome[] = [];
  for (let k = 0; k < batch.length; k++) {
    const seed = batch.start + BigInt(k) * BigInt(batch.step);
    if (tracker) {
      tracker.current[0] = seed;
      Atomics.store(tracker.running, 0, 1);
    }
    const session: Session = { ...base, seed };
    let summary: RunSummary;
    try {
      summary = runner(session, untilUs);
    } catch (error) {
      const detail =
        error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
      throw new SweepCrash(
        seed.toString(),
        seed.toString(),
        detail,
        replayCommand(session, untilUs),
      );
    }
    if (tracker) Atomics.store(tracker.running, 0, 0);
    outcomes.push(seedOutcome(summary));
  }
  return outcomes;
}

export async function runSweep(
  options: SweepOptions,
  onProgress?: (progress: SweepProgress) => void,
): Promise<SweepResult> {
  const started = performance.now();
  const { base, untilUs } = options;
  const seeds = shardSeeds(options.from, options.count, options.shard);
  const requestedJobs = options.runner ? 1 : (options.jobs ?? defaultJobs());
  if (!Number.isInteger(requestedJobs) || requestedJobs < 1 || requestedJobs > MAX_JOBS)
    throw new RangeError(`jobs must be an integer from 1 to ${MAX_JOBS}`);
  const batchSize =
    options.batchSize ??
    Math.max(1, Math.min(MAX_BATCH, Math.ceil(seeds.length / (requestedJobs * 8))));
  const batches: Batch[] = [];
  for (let offset = 0, id = 0; offset < seeds.length; offset += batchSize, id++) {
    const start = seeds.first + BigInt(offset) * BigInt(seeds.step);
    batches.push({
      id,
      start,
      step: seeds.step,
      length: Math.min(batchSize, seeds.length - offset),
    });
  }
  const jobs = Math.min(requestedJobs, Math.max(1, batches.length));

  const fold = new SweepFold(base, untilUs);
  const accept = (id: number, outcomes: readonly SeedOutcome[]): void => {
    fold.addBatch(id, outcomes);
    onProgress?.({
      done: fold.seedsIn,
      total: seeds.length,
      failed: fold.failedIn,
      elapsedSec: (performance.now() - started) / 1000,
    });
  };

  if (jobs === 1 && options.workerEntry === undefined) {
    const runner = options.runner ?? runSession;
    for (const batch of batches) {
      accept(batch.id, runBatch(base, untilUs, batch, runner));
      await new Promise((resolve) => setImmediate(resolve)); // let progress and signals through
    }
  } else {
    await runOnWorkers(options.workerEntry ?? WORKER_ENTRY, base, untilUs, batches, jobs, accept);
  }

  const secondsWall = (performance.now() - started) / 1000;
  return {
    ...sweepHeader(base, untilUs, options.from, options.count),
    seeds: seeds.length,
    shard: options.shard ? { index: options.shard.index, count: options.shard.count } : null,
    jobs,
    ...fold.result(),
    secondsWall: Math.round(secondsWall * 1000) / 1000,
    seedsPerSec: seedsPerSecond(seeds.length, secondsWall),
  };
}

/** The message a worker receives at start (workerData). */
export interface WorkerInit {
  readonly base: Session;
  readonly untilUs: number;
  /** 8 bytes: the seed being run (BigUint64) · 4 bytes: 1 while a seed runs (Int32). */
  readonly current: SharedArrayBuffer;
}

export type WorkerReply =
  | { readonly id: number; readonly outcomes: SeedOutcome[] }
  | {
      readonly id: number;
      readonly crash: { seed: string; detail: string; replay: string | null };
    };

function runOnWorkers(
  entry: URL,
  base: Session,
  untilUs: number,
  batches: readonly Batch[],
  jobs: number,
  accept: (id: number, outcomes: readonly SeedOutcome[]) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let completed = 0;
    let settled = false;
    const finish = (error?: SweepCrash): void => {
      if (settled) return;
      settled = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() =>
        error ? reject(error) : resolve(),
      );
    };
    const describe = (inFlight: ReadonlySet<number>): string =>
      [...inFlight]
        .map((id) => batches[id] as Batch)
        .map((b) =>
          b.length === 1
            ? `${b.start}`
            : b.step === 1
              ? `${b.start}–${b.start + BigInt(b.length - 1)}`
              : `${b.start}, ${b.start + BigInt(b.step)}, … (${b.length} seeds)`,
        )
        .join('; ') || 'none';

    for (let j = 0; j < jobs; j++) {
      const shared = new SharedArrayBuffer(16);
      const tracker = seedTracker(shared);
      const inFlight = new Set<number>();
      const init: WorkerInit = { base, untilUs, current: shared };
      // execArgv: [] — the entry registers tsx itself; inheriting the parent's loader flags would register it twice.
      const worker = new Worker(entry, { workerData: init, execArgv: [] });
      workers.push(worker);
      const feed = (): void => {
        if (next >= batches.length) return;
        const batch = batches[next++] as Batch;
        inFlight.add(batch.id);
        worker.postMessage(batch);
      };
      const crashed = (detail: string): void => {
        const seed =
          Atomics.load(tracker.running, 0) === 1 ? (tracker.current[0] as bigint).toString() : null;
        const replay =
          seed !== null ? replayCommand({ ...base, seed: BigInt(seed) }, untilUs) : null;
        finish(new SweepCrash(seed, describe(inFlight), detail, replay));
      };
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if ('crash' in reply) {
          finish(
            new SweepCrash(
              reply.crash.seed,
              describe(inFlight),
              reply.crash.detail,
              reply.crash.replay,
            ),
          );
          return;
        }
        inFlight.delete(reply.id);
        accept(reply.id, reply.outcomes);
        if (++completed === batches.length) finish();
        else feed();
      });
      worker.on('error', (error: Error) =>
        crashed(error.stack ?? `${error.name}: ${error.message}`),
      );
      worker.on('messageerror', (error: Error) =>
        crashed(`could not decode a worker message: ${error.message}`),
      );
      worker.on('exit', (code: number) => crashed(`worker exited unexpectedly with code ${code}`));
      feed();
      feed();
    }
    if (batches.length === 0) finish();
  });
}
