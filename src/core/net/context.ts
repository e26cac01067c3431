/*
 * What the parts of the network (pipes, links, handshakes, the fault
 * controller) need from the Network that owns them, as one narrow interface,
 * so none of them imports the Network class itself. Knows nothing of how the
 * Network stores hosts or links.
 */
import type { Sim } from '../sim';
import type { ChaosSettings } from './chaos';
import type { ChunkingModel } from './chunking';
import type { FaultTable } from './fault-table';
import type { Host } from './host';
import type { LatencyModel } from './latency';
import type { Link } from './link';

/** The environment every delivery draws from (after options and chaos are resolved). */
export interface Environment {
  readonly latency: LatencyModel;
  readonly connectLatency: LatencyModel;
  readonly chunking: ChunkingModel;
}

/** A host as pipes and traces see it. */
export interface HostRef {
  readonly name: string;
  readonly ip: string;
}

export interface NetContext {
  readonly sim: Sim;
  readonly faults: FaultTable;
  readonly env: Environment;
  /** Chaos settings while random per-chunk/per-connect faults apply; null when none or quiet. */
  activeChaos(): ChaosSettings | null;
  hostByIp(ip: string): Host | undefined;
  /** A fresh id shared by both sides of a connection (also names connect attempts). */
  nextConnectionId(): number;
  registerLink(link: Link): void;
  /** Both sides closed and nothing in flight: the link can be forgotten. */
  linkFinished(link: Link): void;
}
