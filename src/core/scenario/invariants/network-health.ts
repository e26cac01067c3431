/*
 * Tracks from the trace whether the network is healthy and since when: no
 * partition, clog, latency spike or dead node active, and the time of the last
 * fault of any kind (bit flips and random closes included). Liveness checks
 * ("everything was eventually delivered") are only fair once the network has
 * been healthy for a while — whether faults came from chaos or from the user.
 * Knows trace shapes only.
 */
import type { Sim, TraceKind } from '../../sim';

const STARTS: Record<string, string> = {
  partition_created: 'partition_healed',
  clog_started: 'clog_released',
  latency_spike_started: 'latency_spike_ended',
};
const MOMENTARY = new Set(['bits_flipped', 'connection_reset', 'connection_closed', 'connect_refused', 'connect_hung']);

export class NetworkHealth {
  private readonly active = new Set<string>();
  private lastFaultUs = 0;

  constructor(sim: Sim) {
    const ends = new Set(Object.values(STARTS));
    sim.trace.subscribe(({ kind, node, timeUs, fields }) => {
      if (kind in STARTS) this.active.add(`fault:${fields.fault}`);
      else if (ends.has(kind)) this.active.delete(`fault:${fields.fault}`);
      else if (kind === 'node_killed') this.active.add(`dead:${node}`);
      else if (kind === 'node_restarted') this.active.delete(`dead:${node}`);
      else if (!MOMENTARY.has(kind)) return;
      this.lastFaultUs = timeUs;
    }, [...Object.keys(STARTS), ...ends, 'node_killed', 'node_restarted', ...MOMENTARY] as TraceKind[]);
  }

  /** When the network became healthy, or null while a fault is still active. */
  healthySinceUs(): number | null {
    return this.active.size === 0 ? this.lastFaultUs : null;
  }
}
