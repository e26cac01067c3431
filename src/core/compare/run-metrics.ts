/*
 * What two runs are compared by, read from the trace as it streams past:
 * connect attempts (in total and per 10 ms bucket, the herd's histogram),
 * RPC latencies (p50, p99), call outcomes by kind and bytes sent. One
 * listener per run; nothing here knows which run is which or how the numbers
 * are drawn.
 */
import type { TraceRecord } from '../sim';

/** Width of one histogram bucket of connect attempts (µs). */
export const CONNECT_BUCKET_US = 10_000;

export interface RunMetrics {
  readonly connectAttempts: number;
  /** Connect attempts per CONNECT_BUCKET_US, by bucket index (time / bucket). */
  readonly connectBuckets: ReadonlyMap<number, number>;
  /** The fullest bucket: how many attempts, and when it starts (µs). */
  readonly connectPeak: { readonly attempts: number; readonly atUs: number };
  readonly rpcP50Us: number | null;
  readonly rpcP99Us: number | null;
  /** Calls by outcome: `ok` and each RPC error kind. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly bytesSent: number;
}

export class MetricsRecorder {
  private attempts = 0;
  private readonly buckets = new Map<number, number>();
  private readonly latenciesUs: number[] = [];
  private readonly outcomes: Record<string, number> = {};
  private bytes = 0;

  /** A trace listener: pass to createEngine's onTrace. */
  readonly listen = (e: TraceRecord): void => {
    switch (e.kind) {
      case 'connect_started': {
        this.attempts++;
        const bucket = Math.floor(e.timeUs / CONNECT_BUCKET_US);
        this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
        return;
      }
      case 'rpc_replied':
        this.latenciesUs.push(e.fields.latencyUs);
        this.outcomes.ok = (this.outcomes.ok ?? 0) + 1;
        return;
      case 'rpc_failed': {
        const error = e.fields.error;
        this.outcomes[error] = (this.outcomes[error] ?? 0) + 1;
        return;
      }
      case 'bytes_sent':
        this.bytes += e.fields.bytes;
        return;
    }
  };

  metrics(): RunMetrics {
    const sorted = [...this.latenciesUs].sort((a, b) => a - b);
    let peak = { attempts: 0, atUs: 0 };
    for (const [bucket, n] of [...this.buckets].sort(([a], [b]) => a - b))
      if (n > peak.attempts) peak = { attempts: n, atUs: bucket * CONNECT_BUCKET_US };
    return {
      connectAttempts: this.attempts,
      connectBuckets: new Map(this.buckets),
      connectPeak: peak,
      rpcP50Us: quantile(sorted, 0.5),
      rpcP99Us: quantile(sorted, 0.99),
      outcomes: { ...this.outcomes },
      bytesSent: this.bytes,
    };
  }
}

/** Nearest-rank quantile of sorted values (null when there are none). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
}
