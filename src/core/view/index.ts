/* The engine's read-only view (for the playground and tests). */
export type { EngineView, NodeView, LinkView, LinkState, PeerView, MessageChip, PacketView, PacketStatus, RpcView } from './view-types';
export { buildView, type ViewSources } from './build-view';
export { PacketTracker } from './packet-tracker';
export { RpcTracker } from './rpc-tracker';
export { FlipTracker, packetDetail, type PacketDetail } from './packet-detail';
export { LinkHistory } from './links';
