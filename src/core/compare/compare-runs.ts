/*
 * Two sessions run side by side, headless, to the same moment: where their
 * traces first differ and how their metrics compare. The one comparison
 * `tidepool diff` prints and the page's diff strip shows. Events are compared
 * whole (time, node, kind, cause and every field) at the same position in
 * the trace: the first position where they differ is where the runs part.
 * Knows nothing of links, terminals or drawing.
 */
import { createEngine } from '../engine';
import type { Session } from '../session';
import { toTraceEvent, type TraceEvent, type TraceRecord } from '../sim';
import { sessionToQuery } from '../session-query';
import { findScenario } from '../scenario/registry';
import { CONNECT_BUCKET_US, MetricsRecorder, type RunMetrics } from './run-metrics';

export interface RunSide {
  readonly session: Session;
  readonly traceHash: string;
  /** Trace events up to the compared moment. */
  readonly events: number;
  readonly metrics: RunMetrics;
}

export interface Divergence {
  /** Position in both traces (the events' seq) where they first differ. */
  readonly seq: number;
  /** Each side's event there; null where that side's trace had already ended. */
  readonly a: TraceEvent | null;
  readonly b: TraceEvent | null;
}

export interface RunComparison {
  readonly untilUs: number;
  readonly a: RunSide;
  readonly b: RunSide;
  /** Null when the two traces are the same event for event. */
  readonly divergence: Divergence | null;
}

/** What makes two events the same: everything but the seq (equal by position). */
function digest(e: TraceRecord): string {
  return `${e.timeUs}|${e.node}|${e.kind}|${e.cause}|${JSON.stringify(e.fields)}`;
}

/** FNV-1a over UTF-16 code units from a given offset basis: two bases make a 64-bit fingerprint. */
function fnv32(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Two 32-bit fingerprints per event of run A, in a buffer that doubles as it
 * fills: 8 bytes an event, where keeping the events themselves cost ~2 KB
 * each (a 5-minute herd would need gigabytes).
 */
class Fingerprints {
  private words = new Uint32Array(1 << 16);
  length = 0;

  push(text: string): void {
    if (2 * this.length + 2 > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[2 * this.length] = fnv32(text, 0x811c9dc5);
    this.words[2 * this.length + 1] = fnv32(text, 0x01234567);
    this.length++;
  }

  matches(i: number, text: string): boolean {
    return (
      i < this.length &&
      this.words[2 * i] === fnv32(text, 0x811c9dc5) &&
      this.words[2 * i + 1] === fnv32(text, 0x01234567)
    );
  }
}

function runSide(session: Session, untilUs: number, onEvent: (e: TraceRecord) => void): RunSide {
  const metrics = new MetricsRecorder();
  const engine = createEngine(session, {
    onTrace: (e) => {
      metrics.listen(e);
      onEvent(e);
    },
  });
  engine.runUntil({ timeUs: untilUs });
  return {
    session,
    traceHash: engine.traceHash(),
    events: engine.sim.trace.length,
    metrics: metrics.metrics(),
  };
}

/** Run A's event at position `seq`, by running A again until it has emitted it. */
function eventAt(session: Session, seq: number): TraceEvent | null {
  let found: TraceEvent | null = null;
  const engine = createEngine(session, {
    onTrace: (e) => void (e.seq === seq && (found = toTraceEvent(e))),
  });
  while (found === null && engine.step());
  return found;
}

export function compareRuns(a: Session, b: Session, untilUs: number): RunComparison {
  const printsA = new Fingerprints();
  const sideA = runSide(a, untilUs, (e) => printsA.push(digest(e)));
  let partedAt = -1;
  let eventB: TraceEvent | null = null;
  let seenB = 0;
  const sideB = runSide(b, untilUs, (e) => {
    const i = seenB++;
    if (partedAt >= 0 || printsA.matches(i, digest(e))) return;
    partedAt = i;
    eventB = toTraceEvent(e);
  });
  if (partedAt < 0 && seenB < printsA.length) partedAt = seenB; // B's trace ended first
  const divergence: Divergence | null =
    partedAt < 0
      ? null
      : { seq: partedAt, a: partedAt < printsA.length ? eventAt(a, partedAt) : null, b: eventB };
  return { untilUs, a: sideA, b: sideB, divergence };
}

/** How far two runs are compared: the longer scenario's length, or the viewer's moment if later. */
export function compareUntilUs(a: Session, b: Session, atUs: number): number {
  const length = (s: Session) => findScenario(s.scenario)?.defaultUntilUs ?? 0;
  return Math.max(length(a), length(b), atUs);
}

/** How a compared figure is counted. */
export type MetricUnit = 'count' | 'µs' | 'bytes';

/** B's figure minus A's, for the deltas a diff shows. */
export function metricDeltas(
  cmp: RunComparison,
): { name: string; a: number | null; b: number | null; unit: MetricUnit }[] {
  const ma = cmp.a.metrics;
  const mb = cmp.b.metrics;
  const outcomeKinds = [
    ...new Set([...Object.keys(ma.outcomes), ...Object.keys(mb.outcomes)]),
  ].sort();
  return [
    { name: 'connect attempts', a: ma.connectAttempts, b: mb.connectAttempts, unit: 'count' },
    {
      name: 'peak connect attempts per 10 ms',
      a: ma.connectPeak.attempts,
      b: mb.connectPeak.attempts,
      unit: 'count',
    },
    { name: 'RPC latency p50', a: ma.rpcP50Us, b: mb.rpcP50Us, unit: 'µs' },
    { name: 'RPC latency p99', a: ma.rpcP99Us, b: mb.rpcP99Us, unit: 'µs' },
    ...outcomeKinds.map((k) => ({
      name: `calls ${k}`,
      a: ma.outcomes[k] ?? 0,
      b: mb.outcomes[k] ?? 0,
      unit: 'count' as const,
    })),
    { name: 'bytes sent', a: ma.bytesSent, b: mb.bytesSent, unit: 'bytes' },
  ];
}

/** One run's figures as plain JSON (what `tidepool diff --json` prints and the page's worker sends). */
export interface SideSummary {
  readonly link: string;
  readonly traceHash: string;
  readonly events: number;
  readonly metrics: {
    readonly connectAttempts: number;
    readonly connectPeak: { readonly attempts: number; readonly atUs: number };
    readonly connectBucketUs: number;
    /** [bucket start µs, attempts] for every non-empty bucket, in time order. */
    readonly connectHistogram: readonly (readonly [number, number])[];
    readonly rpcP50Us: number | null;
    readonly rpcP99Us: number | null;
    readonly outcomes: Readonly<Record<string, number>>;
    readonly bytesSent: number;
  };
}

export interface ComparisonSummary {
  readonly untilUs: number;
  readonly identical: boolean;
  readonly divergence: Divergence | null;
  readonly a: SideSummary;
  readonly b: SideSummary;
  readonly deltas: ReturnType<typeof metricDeltas>;
}

function sideSummary(side: RunSide): SideSummary {
  const m = side.metrics;
  return {
    link: `?${sessionToQuery(side.session)}`,
    traceHash: side.traceHash,
    events: side.events,
    metrics: {
      connectAttempts: m.connectAttempts,
      connectPeak: m.connectPeak,
      connectBucketUs: CONNECT_BUCKET_US,
      connectHistogram: [...m.connectBuckets]
        .sort(([x], [y]) => x - y)
        .map(([bucket, n]) => [bucket * CONNECT_BUCKET_US, n] as const),
      rpcP50Us: m.rpcP50Us,
      rpcP99Us: m.rpcP99Us,
      outcomes: m.outcomes,
      bytesSent: m.bytesSent,
    },
  };
}

export function summarizeComparison(cmp: RunComparison): ComparisonSummary {
  return {
    untilUs: cmp.untilUs,
    identical: cmp.divergence === null,
    divergence: cmp.divergence,
    a: sideSummary(cmp.a),
    b: sideSummary(cmp.b),
    deltas: metricDeltas(cmp),
  };
}
