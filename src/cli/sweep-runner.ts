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
import { formatScript } from '../core/intervention';
import type { LivenessVerdict, RunSummary } from '../core/run-summary';
import type { Session } from '../core/session';
import { sessionToQuery } from '../core/session-query';
import type { AssertionKind, AssertionResult, Violation } from '../core/sim';
import { replayCommand } from './replay';
import { runSession } from './run-command';

/** Runs one seed's session to `untilUs` (default: `runSession`). */
export type SeedRunner = (session: Session, untilUs: number) => RunSummary;

export interface Shard {
  /** 1-based: shard `index` of `count` runs the seeds whose offset from `from` is ≡ index − 1 (mod count). */
  readonly index: number;
  readonly count: number;
}

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

/** What one seed contributes to a sweep; what a worker sends back per seed. */
export interface SeedOutcome {
  readonly seed: string;
  readonly traceHash: string;
  readonly events: number;
  readonly violationCount: number;
  /** The first MAX_VIOLATIONS_PER_SEED violations. */
  readonly violations: readonly Violation[];
  readonly assertions: readonly AssertionResult[];
  readonly faults: Readonly<Record<string, number>>;
  readonly traceCounts: Readonly<Record<string, number>>;
  readonly liveness: LivenessVerdict['status'];
}

/** Seeds by liveness verdict: a sweep shows how often liveness was judged at all. */
export interface LivenessCounts {
  readonly held: number;
  readonly violated: number;
  readonly notJudged: number;
  /** held + violated, over seeds run. */
  readonly judgedShare: number;
}

export interface FailedSeed {
  /** Decimal string (seeds go up to 2^64 − 1). */
  readonly seed: string;
  readonly violationCount: number;
  /** The first MAX_VIOLATIONS_PER_SEED violations, in order. */
  readonly violations: readonly Violation[];
  /** `npx tidepool run …` reproducing this seed exactly. */
  readonly replay: string;
  /** `?` + the URL query that replays this seed in the browser. */
  readonly url: string;
}

export interface AssertionCoverage {
  readonly name: string;
  readonly kind: AssertionKind;
  /** Seeds in which it held (pass > 0; for `reachable`: was reached) at least once. */
  readonly seedsHeld: number;
  /** Seeds in which it failed (fail > 0) at least once. For `sometimes`, failing is not a violation. */
  readonly seedsFailed: number;
}

export interface SweepResult {
  readonly scenario: string;
  readonly chaos: string;
  /** The scenario parameters, defaults filled in. */
  readonly params: Readonly<Record<string, number>>;
  readonly script: string;
  readonly untilUs: number;
  /** First seed of the range, decimal. */
  readonly from: string;
  /** Seeds in the range before sharding. */
  readonly count: number;
  /** Seeds actually run (this shard's). */
  readonly seeds: number;
  readonly shard: Shard | null;
  readonly jobs: number;
  /** Seeds with at least one violation, in seed order. */
  readonly failed: readonly FailedSeed[];
  /**
   * Assertion name → number of seeds in which it held at least once, for every
   * assertion seen (always ones included; unreachable ones never "hold", so 0).
   */
  readonly coverage: Readonly<Record<string, number>>;
  /** Per assertion: kind, seeds where it held, seeds where it failed. Sorted by name. */
  readonly assertions: readonly AssertionCoverage[];
  /** `sometimes` / `reachable` assertions that held in no seed of this sweep. */
  readonly coverageGaps: readonly string[];
  /** Fault kind → total over all seeds. */
  readonly faults: Readonly<Record<string, number>>;
  /** Trace event kind → total over all seeds. */
  readonly traceCounts: Readonly<Record<string, number>>;
  /** Engine events over all seeds. */
  readonly events: number;
  /** How many seeds' liveness held, was violated, or was not judged (the run ended before its quiet tail). */
  readonly liveness: LivenessCounts;
  /** Seed (decimal) → trace hash, in seed order: compare two sweeps seed by seed. */
  readonly hashes: Readonly<Record<string, string>>;
  readonly secondsWall: number;
  readonly seedsPerSec: number;
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

export const MAX_VIOLATIONS_PER_SEED = 10;
export const MAX_JOBS = 256;
const MAX_BATCH = 32;
const WORKER_ENTRY = new URL('../../bin/sweep-worker.mjs', import.meta.url);

export function defaultJobs(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** The seeds `shard` runs out of `count` seeds from `from`: `first + k·step` for k < length. */
export function shardSeeds(
  from: bigint,
  count: number,
  shard: Shard | null | undefined,
): { first: bigint; step: number; length: number } {
  if (!shard) return { first: from, step: 1, length: count };
  const offset = shard.index - 1;
  return {
    first: from + BigInt(offset),
    step: shard.count,
    length: offset < count ? Math.ceil((count - offset) / shard.count) : 0,
  };
}

export function seedOutcome(summary: RunSummary): SeedOutcome {
  return {
    seed: summary.seed,
    traceHash: summary.traceHash,
    events: summary.events,
    violationCount: summary.violations.length,
    violations: summary.violations.slice(0, MAX_VIOLATIONS_PER_SEED),
    assertions: summary.assertions,
    faults: summary.faults,
    traceCounts: summary.traceCounts,
    liveness: summary.liveness.status,
  };
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

  const fold = new Fold(base, untilUs);
  const pending = new Map<number, readonly SeedOutcome[]>();
  let nextToFold = 0;
  let done = 0;
  let failed = 0;
  const accept = (id: number, outcomes: readonly SeedOutcome[]): void => {
    done += outcomes.length;
    failed += outcomes.filter((o) => o.violationCount > 0).length;
    pending.set(id, outcomes);
    for (
      let ready = pending.get(nextToFold);
      ready !== undefined;
      ready = pending.get(nextToFold)
    ) {
      pending.delete(nextToFold++);
      for (const o of ready) fold.add(o);
    }
    onProgress?.({
      done,
      total: seeds.length,
      failed,
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
    scenario: base.scenario,
    chaos: base.chaos,
    params: base.params,
    script: formatScript(base.script),
    untilUs,
    from: options.from.toString(),
    count: options.count,
    seeds: seeds.length,
    shard: options.shard ? { index: options.shard.index, count: options.shard.count } : null,
    jobs,
    ...fold.result(),
    secondsWall: Math.round(secondsWall * 1000) / 1000,
    seedsPerSec: secondsWall > 0 ? Math.round((seeds.length / secondsWall) * 10) / 10 : 0,
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

/** Folds seed outcomes, in seed order, into the sweep's totals. */
class Fold {
  private readonly failed: FailedSeed[] = [];
  private readonly assertions = new Map<
    string,
    { kind: AssertionKind; seedsHeld: number; seedsFailed: number }
  >();
  private readonly faults = new Map<string, number>();
  private readonly traceCounts = new Map<string, number>();
  private readonly hashes: Record<string, string> = {};
  private events = 0;
  private readonly liveness = { held: 0, violated: 0, notJudged: 0 };

  constructor(
    private readonly base: Session,
    private readonly untilUs: number,
  ) {}

  add(o: SeedOutcome): void {
    this.hashes[o.seed] = o.traceHash;
    this.events += o.events;
    if (o.liveness === 'not judged') this.liveness.notJudged++;
    else this.liveness[o.liveness]++;
    for (const a of o.assertions) {
      let c = this.assertions.get(a.name);
      if (!c) this.assertions.set(a.name, (c = { kind: a.kind, seedsHeld: 0, seedsFailed: 0 }));
      if (a.pass > 0) c.seedsHeld++;
      if (a.fail > 0) c.seedsFailed++;
    }
    addAll(this.faults, o.faults);
    addAll(this.traceCounts, o.traceCounts);
    if (o.violationCount > 0) {
      const session: Session = { ...this.base, seed: BigInt(o.seed) };
      this.failed.push({
        seed: o.seed,
        violationCount: o.violationCount,
        violations: o.violations,
        replay: replayCommand(session, this.untilUs),
        url: `?${sessionToQuery(session, this.untilUs)}`,
      });
    }
  }

  result() {
    const assertions = [...this.assertions.entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([name, c]): AssertionCoverage => ({ name, ...c }));
    return {
      failed: this.failed,
      coverage: Object.fromEntries(assertions.map((a) => [a.name, a.seedsHeld])),
      assertions,
      coverageGaps: assertions
        .filter((a) => (a.kind === 'sometimes' || a.kind === 'reachable') && a.seedsHeld === 0)
        .map((a) => a.name),
      faults: sorted(this.faults),
      traceCounts: sorted(this.traceCounts),
      events: this.events,
      liveness: {
        ...this.liveness,
        judgedShare: share(
          this.liveness.held + this.liveness.violated,
          Object.keys(this.hashes).length,
        ),
      },
      hashes: this.hashes,
    };
  }
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

function addAll(into: Map<string, number>, counts: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(counts)) into.set(k, (into.get(k) ?? 0) + v);
}

function sorted(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => compare(a, b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
