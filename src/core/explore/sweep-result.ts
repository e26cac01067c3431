/*
 * What a sweep is made of and what it reports, shared by `tidepool sweep`
 * (Node worker threads) and the page's explorer (Web Workers) so both give the
 * same JSON: a seed's outcome as a worker sends it, the fold of outcomes — in
 * seed order, whatever order they arrived in — into one deterministic
 * SweepResult (failing seeds with replay command and link, per-assertion
 * coverage, fault, trace and RPC-outcome totals, seed → trace hash), the
 * seeds of a shard, and the merge of shards back into the unsharded result
 * (docs/explorer.md). Knows nothing of threads, clocks or output formats.
 */
import { formatScript } from '../intervention';
import type { LivenessVerdict, RunSummary } from '../run-summary';
import type { Session } from '../session';
import { sessionToQuery } from '../session-query';
import type { AssertionKind, AssertionResult, Violation } from '../sim';
import { formatKnobs } from '../transport-settings/settings';
import { replayCommand } from './replay-command';

export interface Shard {
  /** 1-based: shard `index` of `count` runs the seeds whose offset from `from` is ≡ index − 1 (mod count). */
  readonly index: number;
  readonly count: number;
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
  /** The scenario's own counts: RPC outcomes (ok, timeout, maybeDelivered…), records echoed. */
  readonly outcomes: Readonly<Record<string, number>>;
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
  /** The deliberately broken transport swept, or null. */
  readonly mutant: string | null;
  /** Transport profile (docs/profiles.md) and knobs as typed (`initialBackoffMs` → `50`). */
  readonly profile: string;
  readonly knobs: Readonly<Record<string, string>>;
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
  /** The scenario's own counts (RPC outcomes…) → total over all seeds. */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Engine events over all seeds. */
  readonly events: number;
  /** How many seeds' liveness held, was violated, or was not judged (the run ended before its quiet tail). */
  readonly liveness: LivenessCounts;
  /** Seed (decimal) → trace hash, in seed order: compare two sweeps seed by seed. */
  readonly hashes: Readonly<Record<string, string>>;
  readonly secondsWall: number;
  readonly seedsPerSec: number;
}

/** The fold's part of a SweepResult: everything but the header and the timing. */
export type SweepTotals = Pick<
  SweepResult,
  | 'failed'
  | 'coverage'
  | 'assertions'
  | 'coverageGaps'
  | 'faults'
  | 'traceCounts'
  | 'outcomes'
  | 'events'
  | 'liveness'
  | 'hashes'
>;

/** The part of a SweepResult that says what was swept (equal in every shard of one sweep). */
export type SweepHeader = Pick<
  SweepResult,
  | 'scenario'
  | 'chaos'
  | 'params'
  | 'script'
  | 'mutant'
  | 'profile'
  | 'knobs'
  | 'untilUs'
  | 'from'
  | 'count'
>;

export function sweepHeader(
  base: Session,
  untilUs: number,
  from: bigint,
  count: number,
): SweepHeader {
  return {
    scenario: base.scenario,
    chaos: base.chaos,
    params: base.params,
    script: formatScript(base.script),
    mutant: base.mutant ?? null,
    profile: base.transport?.profile ?? 'seed',
    knobs: Object.fromEntries(formatKnobs(base.transport?.knobs ?? {})),
    untilUs,
    from: from.toString(),
    count,
  };
}

/** Seeds per second, to one decimal (0 when no time passed). */
export function seedsPerSecond(seeds: number, secondsWall: number): number {
  return secondsWall > 0 ? Math.round((seeds / secondsWall) * 10) / 10 : 0;
}

export const MAX_VIOLATIONS_PER_SEED = 10;

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
    outcomes: summary.outcomes,
    liveness: summary.liveness.status,
  };
}

/** Folds seed outcomes, in seed order, into the sweep's totals. */
export class SweepFold {
  private readonly failed: FailedSeed[] = [];
  private readonly assertions = new Map<
    string,
    { kind: AssertionKind; seedsHeld: number; seedsFailed: number }
  >();
  private readonly faults = new Map<string, number>();
  private readonly traceCounts = new Map<string, number>();
  private readonly outcomes = new Map<string, number>();
  private readonly hashes: Record<string, string> = {};
  private events = 0;
  private readonly liveness = { held: 0, violated: 0, notJudged: 0 };

  private readonly arrived = new Map<number, readonly SeedOutcome[]>();
  private nextBatch = 0;
  /** Seeds that have arrived (folded or waiting for an earlier batch), and how many of them failed. */
  seedsIn = 0;
  failedIn = 0;

  constructor(
    private readonly base: Session,
    private readonly untilUs: number,
  ) {}

  /**
   * Batch `index` (batches numbered 0, 1, 2… in seed order) has arrived, in
   * whatever order workers answer: it is folded with any later ones it was
   * holding up, so the result is the same however the work was spread.
   */
  addBatch(index: number, outcomes: readonly SeedOutcome[]): void {
    this.seedsIn += outcomes.length;
    this.failedIn += outcomes.filter((o) => o.violationCount > 0).length;
    this.arrived.set(index, outcomes);
    for (
      let ready = this.arrived.get(this.nextBatch);
      ready !== undefined;
      ready = this.arrived.get(this.nextBatch)
    ) {
      this.arrived.delete(this.nextBatch++);
      for (const o of ready) this.add(o);
    }
  }

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
    addAll(this.outcomes, o.outcomes);
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

  result(): SweepTotals {
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
      outcomes: sorted(this.outcomes),
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

/** part / whole to 4 decimals (0 when whole is 0). */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

export function addAll(into: Map<string, number>, counts: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(counts)) into.set(k, (into.get(k) ?? 0) + v);
}

/** Counts as a record in name order. */
export function sorted(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => compare(a, b)));
}

/** Code-unit order of two names (not locale order: the same everywhere). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
