/*
 * Public surface of the virtual network (docs/network.md): hosts, listeners,
 * connections as ordered byte streams, latency models, faults, chaos presets
 * and the read-only snapshots a view draws from. Layers above import from here
 * only. Nothing here knows about frames, peers or drawing.
 */
export { formatAddress, parseAddress, sameAddress, type Address } from './address';
export {
  sampleLatencyUs,
  describeLatency,
  checkLatencyModel,
  latencyBoundUs,
  DEFAULT_LATENCY,
  type LatencyModel,
  type LatencyRange,
} from './latency';
export { DEFAULT_CHUNKING, type ChunkingModel } from './chunking';
export { MAX_FLIPPED_BITS } from './bit-flip';
export { Network, type NetworkOptions, type CloseMode } from './network';
export {
  Host,
  type Listener,
  type PendingConnect,
  type ConnectFailure,
  type ConnectHandlers,
} from './host';
export { Connection } from './connection';
export { NodeSlot } from './node-slot';
export type { ConnectionHandlers, ConnectionState } from './side';
export type { FaultCause, ConnectFaultMode, CorruptSpec, PartitionMode } from './fault-table';
export type { FaultOptions } from './fault-control';
export type { CloseCause } from './link';
export type { ConnectionInfo, SideInfo, DirectionInfo, FaultInfo } from './introspection';
export {
  CHAOS_PRESETS,
  CHAOS_FAULT_KINDS,
  deriveChaos,
  describeChaos,
  isChaosPreset,
  type ChaosPreset,
  type ChaosFaultKind,
  type ChaosSettings,
  type UsRange,
} from './chaos';
export { ChaosDriver, type ChaosTarget } from './chaos-driver';
