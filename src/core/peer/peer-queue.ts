/*
 * A peer's outgoing messages, with FoundationDB's reliable semantics:
 * - `reliable` lists every reliable message until its sender cancels it, sent
 *   or not; on a disconnect all of them are queued again, in original order.
 * - `unsent` is the send order of what still has to be written; unreliable
 *   messages live only there and are discarded on a disconnect.
 * Both are bounded together by message count and bytes; a full queue rejects
 * (back-pressure) or evicts the oldest message, by policy. Knows nothing of
 * connections or time.
 */
import type { Token } from '../wire';
import type { PeerConfig } from './peer-config';

export interface OutgoingMessage {
  readonly id: number;
  readonly token: Token;
  /** The whole serialised frame: serialised once, resent byte for byte. */
  readonly frame: Uint8Array;
  readonly reliable: boolean;
  /** What the message is, for traces and the UI ('request', 'reply', 'data', ...). */
  readonly label: string;
  readonly enqueuedAtUs: number;
  /** Times written to a connection (more than 1 = retransmitted). */
  sends: number;
}

export type EnqueueResult =
  { ok: true; evicted: readonly OutgoingMessage[] } | { ok: false; reason: 'QueueFull' };

// Every send enqueues: the common outcomes are shared, not allocated per message.
const ACCEPTED: EnqueueResult = Object.freeze({
  ok: true,
  evicted: Object.freeze([]) as readonly OutgoingMessage[],
});
const REFUSED: EnqueueResult = Object.freeze({ ok: false, reason: 'QueueFull' });

export class PeerQueue {
  private reliableList: OutgoingMessage[] = [];
  private unsentList: OutgoingMessage[] = [];
  private heldBytes = 0;
  /** Unreliable messages waiting in `unsentList` (kept, not counted per call: every send asks). */
  private queuedUnreliable = 0;

  constructor(
    private readonly config: PeerConfig,
    /** The queue-unbounded mutant: the bounds are ignored (a broken transport, for the oracle to catch). */
    private readonly unbounded = false,
  ) {}

  /** Messages held (listed reliable + queued unreliable), the quantity bounded by the config. */
  get count(): number {
    return this.reliableList.length + this.queuedUnreliable;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  get reliable(): readonly OutgoingMessage[] {
    return this.reliableList;
  }

  get unsent(): readonly OutgoingMessage[] {
    return this.unsentList;
  }

  enqueue(message: OutgoingMessage): EnqueueResult {
    // A message larger than the whole bound can never fit: refuse it before evicting anything.
    if (
      !this.unbounded &&
      (message.frame.length > this.config.maxQueuedBytes || this.config.maxQueuedMessages < 1)
    )
      return REFUSED;
    let evicted: OutgoingMessage[] | null = null;
    while (this.wouldOverflow(message)) {
      if (this.config.queueFullPolicy === 'reject') return REFUSED;
      const oldest = this.oldest() as OutgoingMessage; // non-empty: the message itself fits the bound
      this.remove(oldest.id);
      (evicted ??= []).push(oldest);
    }
    if (message.reliable) this.reliableList.push(message);
    this.unsentList.push(message);
    this.heldBytes += message.frame.length;
    if (!message.reliable) this.queuedUnreliable++;
    return evicted === null ? ACCEPTED : { ok: true, evicted };
  }

  /** The sender is done with a message (reply arrived, caller gave up). Returns it if it was held. */
  remove(id: number): OutgoingMessage | undefined {
    const inUnsent = indexOfId(this.unsentList, id);
    const inReliable = indexOfId(this.reliableList, id);
    const message = this.unsentList[inUnsent] ?? this.reliableList[inReliable];
    if (inUnsent >= 0) {
      this.unsentList.splice(inUnsent, 1);
      if (!message?.reliable) this.queuedUnreliable--;
    }
    if (inReliable >= 0) this.reliableList.splice(inReliable, 1);
    if (message) this.heldBytes -= message.frame.length;
    return message;
  }

  /** Takes everything waiting to be written, in order; reliable ones stay listed. */
  takeUnsent(): OutgoingMessage[] {
    const out = this.unsentList;
    this.unsentList = [];
    this.queuedUnreliable = 0;
    for (const m of out) if (!m.reliable) this.heldBytes -= m.frame.length;
    return out;
  }

  /**
   * A connection was lost: unreliable messages still waiting are discarded and
   * every listed reliable message is queued again in original order.
   * Returns the discarded ones.
   */
  requeueAfterDisconnect(): OutgoingMessage[] {
    if (!this.config.resendReliable) return this.forgetAll();
    const dropped = this.unsentList.filter((m) => !m.reliable);
    for (const m of dropped) this.heldBytes -= m.frame.length;
    this.unsentList = [...this.reliableList];
    this.queuedUnreliable = 0;
    return dropped;
  }

  /** The broken, at-most-once variant: everything held is lost with the connection. */
  private forgetAll(): OutgoingMessage[] {
    const lost = [...this.reliableList, ...this.unsentList.filter((m) => !m.reliable)];
    this.reliableList = [];
    this.unsentList = [];
    this.queuedUnreliable = 0;
    this.heldBytes = 0;
    return lost;
  }

  private wouldOverflow(message: OutgoingMessage): boolean {
    if (this.unbounded) return false;
    return (
      this.count + 1 > this.config.maxQueuedMessages ||
      this.heldBytes + message.frame.length > this.config.maxQueuedBytes
    );
  }

  /** The oldest held message (lowest id) — the one drop-oldest evicts. */
  private oldest(): OutgoingMessage | undefined {
    const firstUnreliable = this.unsentList.find((m) => !m.reliable);
    const firstReliable = this.reliableList[0];
    if (!firstUnreliable) return firstReliable;
    if (!firstReliable) return firstUnreliable;
    return firstUnreliable.id < firstReliable.id ? firstUnreliable : firstReliable;
  }
}

/** Index of the message with `id`, or -1 (a plain loop: this runs for every answered request). */
function indexOfId(list: readonly OutgoingMessage[], id: number): number {
  for (let i = 0; i < list.length; i++) if ((list[i] as OutgoingMessage).id === id) return i;
  return -1;
}
