/*
 * PeerConfig: every knob of a peer's connection management, with the defaults
 * listed in docs/peer.md. Durations are integer microseconds, ratios parts per
 * million, so configs are exact and serialisable. Knows nothing of sockets.
 */
import { ms, seconds, type QueueFullPolicy } from '../sim';
import { DEFAULT_MAX_PAYLOAD_SIZE } from '../wire';

export type { QueueFullPolicy };

export interface PeerConfig {
  readonly connectTimeoutUs: number;
  readonly initialBackoffUs: number;
  readonly maxBackoffUs: number;
  /** Backoff growth per consecutive failure, e.g. 2 (an exact IEEE multiply: deterministic). */
  readonly backoffMultiplier: number;
  /** Jitter as parts per million of the delay: 200_000 = ±20%. */
  readonly backoffJitterPpm: number;
  /**
   * When the attempt count starts over. 0: once a frame arrives on a connection
   * (the seed's rule). N > 0: when a connection that stayed up at least N µs is
   * lost — FoundationDB's RECONNECTION_RESET_TIME (docs/profiles.md).
   */
  readonly backoffResetAfterUs: number;
  readonly maxQueuedMessages: number;
  readonly maxQueuedBytes: number;
  readonly queueFullPolicy: QueueFullPolicy;
  readonly pingIntervalUs: number;
  readonly pingTimeoutUs: number;
  /** Largest frame payload (token + message) sent or accepted, in bytes. */
  readonly maxPayloadSize: number;
  /**
   * FoundationDB's semantics: true. False is a deliberately broken transport
   * for teaching — reliable messages are forgotten on a disconnect, so the
   * invariants can be seen catching what that breaks.
   */
  readonly resendReliable: boolean;
}

export const DEFAULT_PEER_CONFIG: PeerConfig = {
  connectTimeoutUs: seconds(5),
  initialBackoffUs: ms(100),
  maxBackoffUs: seconds(30),
  backoffMultiplier: 2,
  backoffJitterPpm: 200_000,
  backoffResetAfterUs: 0,
  maxQueuedMessages: 1000,
  maxQueuedBytes: 4 * 1024 * 1024,
  queueFullPolicy: 'reject',
  pingIntervalUs: seconds(1),
  pingTimeoutUs: seconds(2),
  maxPayloadSize: DEFAULT_MAX_PAYLOAD_SIZE,
  resendReliable: true,
};

export function peerConfig(overrides: Partial<PeerConfig> = {}): PeerConfig {
  const config = { ...DEFAULT_PEER_CONFIG, ...overrides };
  if (config.initialBackoffUs > config.maxBackoffUs)
    throw new RangeError('PeerConfig: initialBackoffUs exceeds maxBackoffUs');
  if (config.backoffJitterPpm < 0 || config.backoffJitterPpm > 1_000_000)
    throw new RangeError('PeerConfig: backoffJitterPpm must be in [0, 1e6]');
  if (config.backoffMultiplier < 1)
    throw new RangeError('PeerConfig: backoffMultiplier must be ≥ 1');
  return config;
}
