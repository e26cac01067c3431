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

export function compareRuns(a: Session, b: Session, untilUs: number): RunComparison {
  const digestsA: string[] = [];
  const eventsA: TraceRecord[] = [];
  const sideA = runSide(a, untilUs, (e) => {
    digestsA.push(digest(e));
    eventsA.push(e);
  });
  let divergence: Divergence | null = null;
  let seenB = 0;
  const sideB = runSide(b, untilUs, (e) => {
    const i = seenB++;
    if (divergence !== null || digestsA[i] === digest(e)) return;
    const other = eventsA[i];
    divergence = { seq: i, a: other ? toTraceEvent(other) : null, b: toTraceEvent(e) };
  });
  if (divergence === null && seenB < eventsA.length) {
    const other = eventsA[seenB] as TraceRecord;
    divergence = { seq: seenB, a: toTraceEvent(other), b: null };
  }
  return { untilUs, a: sideA, b: sideB, divergence };
}

/** B's figure minus A's, for the deltas a diff shows. */
export function metricDeltas(
  cmp: RunComparison,
): { name: string; a: number | null; b: number | null; unit: 'count' | 'µs' | 'bytes' }[] {
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
