/* Public surface of the peer layer (docs/peer.md): what the transport and scenarios build on. */
export { Peer, type PeerState, type PeerContext, type SendOptions, type SendResult } from './peer';
export {
  peerConfig,
  DEFAULT_PEER_CONFIG,
  type PeerConfig,
  type QueueFullPolicy,
} from './peer-config';
export { drawBackoff, backoffBoundsUs, baseBackoffUs, type BackoffDraw } from './backoff';
export { FramedConnection, type FramedHandlers } from './framed-connection';
export { PING_PATIENCE_TIMEOUTS } from './ping-monitor';
export { acceptHellos, type AcceptorOptions } from './hello-acceptor';
export { PROTOCOL_VERSION, encodeHello, decodeHello, type Hello } from './hello';
export type { PeerMetrics } from './peer-metrics';
export type { OutgoingMessage } from './peer-queue';
export { packetKindOf } from './packet-kind';
export { FrameTap, attachFrameTap, frameTapOf } from './frame-tap';
export {
  WellKnown,
  WELL_KNOWN_FIRST,
  RESERVED_WELL_KNOWN,
  wellKnownToken,
  isWellKnown,
  sameToken,
  formatToken,
  PING_TOKEN,
  HELLO_TOKEN,
  ENDPOINT_NOT_FOUND_TOKEN,
} from './well-known';
