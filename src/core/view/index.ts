/* The engine's read-only view (for the playground and tests). */
export type { PeerState } from './view-types';
export type {
  EngineView,
  NodeView,
  LinkView,
  LinkState,
  PeerView,
  MessageChip,
  PacketView,
  PacketStatus,
  RpcView,
  RpcOutcomeView,
} from './view-types';
export { buildView, packetFlights, type PacketFlight, type ViewSources } from './build-view';
export { LifecycleTracker } from './packet-tracker';
export {
  Lifecycles,
  LIFECYCLE_KINDS,
  type LifecycleKind,
  type LifecycleSink,
  type PacketBirth,
  type PacketEnd,
  type RpcBirth,
  type RpcEnd,
} from './lifecycle';
export { packetKey, parsePacketKey, ipOf, type PacketId } from '../peer/packet-id';
export { FlipTracker, packetDetail, type PacketDetail } from './packet-detail';
export { LinkHistory } from './links';
export { addrOfEndpointText } from '../transport/endpoint';
