/*
 * Tracks from the trace whether the network is healthy and since when: which
 * faults are in force (partitions, clogs, latency spikes, dead nodes) and the
 * time of the last fault event of any kind — a fault starting or ending, a
 * bit flip, a refused or hanging connect, a connection closed by chaos or by
 * the user. Liveness ("everything recovers") is only fair once the network has
 * been healthy for a grace period. A fault the user started is remembered with
 * the intervention that started it, so a verdict can say which one is why.
 * Knows trace shapes only.
 */
import type { Sim, TraceKind, TraceRecord } from '../../sim';

type FaultStart = 'partition_created' | 'clog_started' | 'latency_spike_started';
const STARTS = {
  partition_created: 'partition_healed',
  clog_started: 'clog_released',
  latency_spike_started: 'latency_spike_ended',
} as const satisfies Record<FaultStart, TraceKind>;
const ENDS: readonly TraceKind[] = Object.values(STARTS);
const MOMENTARY = [
  'bits_flipped',
  'connect_refused',
  'connect_hung',
] as const satisfies readonly TraceKind[];
/** Closes and resets caused by the world (chaos, the user), not by the stack itself. */
const CLOSES = ['connection_reset', 'connection_closed'] as const satisfies readonly TraceKind[];
const WORLD_ORIGINS = new Set(['chaos', 'explicit']);

/** A fault in force: who started it, and (for the user's) the intervention that did. */
interface ActiveFault {
  readonly byUser: boolean;
  readonly what: string;
  readonly sinceUs: number;
}

export class NetworkHealth {
  private readonly active = new Map<string, ActiveFault>();
  private lastFaultUs: number | null = null;
  /** The intervention being applied (traced just before its effects), so a fault it starts is named by it. */
  private intervention: string | null = null;

  constructor(sim: Sim) {
    sim.trace.subscribe(
      (r) => this.observe(r),
      [
        'intervention_applied',
        ...(Object.keys(STARTS) as FaultStart[]),
        ...ENDS,
        'node_killed',
        'node_restarted',
        ...MOMENTARY,
        ...CLOSES,
      ],
    );
  }

  private observe(r: TraceRecord): void {
    const { node, timeUs } = r;
    if (r.kind === 'intervention_applied') {
      this.intervention = r.fields.action;
      return;
    }
    if (
      (r.kind === 'connection_reset' || r.kind === 'connection_closed') &&
      !('origin' in r.fields && WORLD_ORIGINS.has(r.fields.origin))
    )
      return;
    if (
      r.kind === 'partition_created' ||
      r.kind === 'clog_started' ||
      r.kind === 'latency_spike_started'
    )
      this.start(
        `fault:${r.fields.fault}`,
        r.fields.origin === 'explicit',
        r.kind.replace(/_(created|started)$/, ''),
        timeUs,
      );
    else if (
      r.kind === 'partition_healed' ||
      r.kind === 'clog_released' ||
      r.kind === 'latency_spike_ended'
    )
      this.active.delete(`fault:${r.fields.fault}`);
    else if (r.kind === 'node_killed')
      this.start(`dead:${node}`, r.fields.origin === 'explicit', `kill ${node}`, timeUs);
    else if (r.kind === 'node_restarted') this.active.delete(`dead:${node}`);
    this.lastFaultUs = timeUs;
  }

  /** When the network became healthy, or null while a fault is in force (0 when it never faulted). */
  healthySinceUs(): number | null {
    return this.active.size === 0 ? (this.lastFaultUs ?? 0) : null;
  }

  /** Whether anything ever faulted. */
  get everFaulted(): boolean {
    return this.lastFaultUs !== null;
  }

  /** The faults in force, oldest first: what keeps the network from healing. */
  standing(): { byUser: boolean; what: string; sinceUs: number }[] {
    return [...this.active.values()].sort((x, y) => x.sinceUs - y.sinceUs);
  }

  private start(key: string, byUser: boolean, what: string, nowUs: number): void {
    this.active.set(key, {
      byUser,
      what: byUser && this.intervention !== null ? this.intervention : what,
      sinceUs: nowUs,
    });
  }
}
