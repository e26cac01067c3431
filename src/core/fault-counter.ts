/*
 * Counts the faults of a run by kind, from the trace, for the run summary and
 * sweeps. It subscribes before the run starts so nothing is missed even when
 * the trace's ring buffer evicts old events. Knows only trace kinds and
 * fields, not the network that produced them.
 */
import type { Trace, TraceKind, TraceRecord } from './sim';

/** Trace kind → fault name, for kinds that always mark a fault. */
const FAULT_BY_KIND: Readonly<Record<string, string>> = {
  partition_created: 'partition',
  clog_started: 'clog',
  bits_flipped: 'bit flip',
  latency_spike_started: 'latency spike',
  node_killed: 'kill',
  node_restarted: 'restart',
};

export class FaultCounter {
  private readonly counts = new Map<string, number>();

  constructor(trace: Trace) {
    trace.subscribe((event) => this.observe(event), Object.keys(FAULT_BY_KIND) as TraceKind[]);
  }

  byKind(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of [...this.counts.keys()].sort()) out[name] = this.counts.get(name) as number;
    return out;
  }

  private observe(event: TraceRecord): void {
    const fault = FAULT_BY_KIND[event.kind];
    if (fault !== undefined) this.counts.set(fault, (this.counts.get(fault) ?? 0) + 1);
  }
}
