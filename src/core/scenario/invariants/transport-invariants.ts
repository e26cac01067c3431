/*
 * Invariants every transport scenario checks, from the trace alone, after
 * every event (docs/oracle.md):
 * - frames are delivered contiguously and in order on each connection
 *   direction, each one exactly as large as the frame sent at that offset
 *   (nothing reordered, duplicated, invented or misframed);
 * - no payload with a bad checksum is delivered: the CRC32C verified on
 *   arrival equals the one the sender computed for the frame at that offset;
 * - peer queues never exceed their bounds;
 * - every backoff delay lies within its jitter window and never exceeds
 *   maxBackoff — the window recomputed here independently of the peer's code;
 *   the attempt count resets and delays are really jittered (backoff-rules.ts).
 * The CRC of a delivered frame is computed over what the application is
 * handed, so a payload corrupted after its checksum was verified shows here.
 * Corrupted payloads are the scenario's to check (it knows what was sent).
 * Knows the trace's event shapes and the PeerConfig, nothing else.
 */
import type { Sim } from '../../sim';
import type { PeerConfig } from '../../peer';
import { SentFrames } from './sent-frames';
import { uncappedBackoffUs, watchBackoffRules } from './backoff-rules';

export const INV_FRAME_ORDER =
  'transport: frames arrive in order on each connection, none duplicated or invented';
export const INV_QUEUE_BOUNDS = 'peer: queues never exceed their bounds';
export const INV_CHECKSUM = 'wire: no payload with a bad checksum is ever delivered';
export const INV_BACKOFF_BOUNDS =
  'peer: backoff delays stay within their jitter window and under maxBackoff';

/** Expected backoff window for failure `attempt`, computed without the peer's helpers. */
export function expectedBackoffWindowUs(
  config: PeerConfig,
  attempt: number,
): { lo: number; hi: number } {
  const base = Math.min(uncappedBackoffUs(config, attempt), config.maxBackoffUs);
  const jitter = (base * config.backoffJitterPpm) / 1_000_000;
  return {
    lo: Math.min(Math.floor(base - jitter) - 1, config.maxBackoffUs),
    hi: Math.min(Math.ceil(base + jitter) + 1, config.maxBackoffUs),
  };
}

/** One direction of one connection, as the invariants follow it: what was sent, and where the next delivered frame must start. */
interface Direction {
  /** The sending address. */
  readonly from: string;
  readonly sent: SentFrames;
  nextOffset: number;
}

export function watchTransportInvariants(sim: Sim, configOf: (node: string) => PeerConfig): void {
  const a = sim.assertions;
  for (const name of [INV_FRAME_ORDER, INV_CHECKSUM, INV_QUEUE_BOUNDS, INV_BACKOFF_BOUNDS])
    a.register(name, 'always');
  const frameOrder = a.alwaysFor(INV_FRAME_ORDER);
  const checksum = a.alwaysFor(INV_CHECKSUM);
  const queueBounds = a.alwaysFor(INV_QUEUE_BOUNDS);
  if (sim.oracle) watchBackoffRules(sim, configOf);
  // conn id → its directions (two at most): one lookup and a string comparison per packet, no key built.
  const directions = new Map<number, Direction[]>();
  const directionOf = (conn: number, from: string): Direction => {
    let both = directions.get(conn);
    if (!both) directions.set(conn, (both = []));
    for (const d of both) if (d.from === from) return d;
    const d = { from, sent: new SentFrames(), nextOffset: 0 };
    both.push(d);
    return d;
  };

  sim.trace.subscribe(
    ({ kind, node, fields: e }) => {
      switch (kind) {
        case 'packet_sent':
          directionOf(e.conn, e.fromAddr).sent.add(e.offset, e.bytes, e.crc);
          return;
        case 'packet_delivered': {
          const d = directionOf(e.conn, e.fromAddr);
          const offset = e.offset;
          const expected = d.nextOffset;
          const found = d.sent.take(offset);
          const inOrder = offset === expected && found && d.sent.takenBytes === e.bytes;
          const intact = !found || d.sent.takenCrc === e.crc;
          frameOrder(
            inOrder,
            node,
            inOrder
              ? ''
              : `conn ${e.conn} from ${e.fromAddr}: frame at offset ${offset} (${e.bytes} B) but expected offset ${expected}${found ? '' : ', and no frame was sent there'}`,
          );
          checksum(
            intact,
            node,
            intact
              ? ''
              : `conn ${e.conn} from ${e.fromAddr}: frame at offset ${offset} arrived with CRC ${e.crc} but was sent with ${d.sent.takenCrc}`,
          );
          d.nextOffset = offset + e.bytes;
          return;
        }
        case 'message_queued': {
          const config = configOf(node);
          const ok = e.queued <= config.maxQueuedMessages && e.queuedBytes <= config.maxQueuedBytes;
          queueBounds(
            ok,
            node,
            ok
              ? ''
              : `peer ${e.peerAddr}: ${e.queued} messages / ${e.queuedBytes} B queued, bounds ${config.maxQueuedMessages} / ${config.maxQueuedBytes}`,
          );
          return;
        }
        case 'backoff_scheduled': {
          const { lo, hi } = expectedBackoffWindowUs(configOf(node), e.attempt);
          const delay = e.delayUs;
          const ok = delay >= lo && delay <= hi;
          a.always(
            ok,
            INV_BACKOFF_BOUNDS,
            node,
            ok
              ? ''
              : `peer ${e.peerAddr}: attempt ${e.attempt} backoff ${delay} µs outside [${lo}, ${hi}]`,
          );
          return;
        }
      }
    },
    ['packet_sent', 'packet_delivered', 'message_queued', 'backoff_scheduled'],
  );
}
