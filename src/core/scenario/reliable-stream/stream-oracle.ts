/*
 * The reliable-stream scenario's oracle: it sits outside the nodes (so it
 * survives kills) and knows what was sent and what arrived. It asserts, as
 * deliveries happen, that payloads are intact, that sequence numbers only
 * grow within a connection (so none arrives twice on one) and that no
 * unreliable message arrives twice; once liveness is judged (the network
 * settled, see invariants/liveness.ts), that every reliable message of the
 * live sender arrived at least once — every second of virtual time as the
 * trace goes by (so a viewer sees it without the run's end) and at the end.
 * Knows nothing of peers' internals.
 */
import type { Sim } from '../../sim';
import type { Host } from '../../net';
import type { DataMessage } from './stream-messages';
import type { Liveness } from '../invariants/liveness';

export const INV_INTACT = 'reliable-stream: no corrupted payload is ever delivered';
export const INV_CONN_ORDER = 'reliable-stream: messages arrive in order within each connection';
export const INV_UNRELIABLE_ONCE = 'reliable-stream: no unreliable message is delivered twice';
export const INV_AT_LEAST_ONCE =
  'reliable-stream: every reliable message is delivered at least once';

const LOOK_EVERY_US = 1_000_000;

export class StreamOracle {
  private readonly acceptedAtUs = new Map<string, number>(); // `${inc}:${seq}` of reliable messages
  private readonly idToSeq = new Map<string, number>(); // `${inc}:${id}` → seq
  private readonly evicted = new Set<string>();
  private readonly deliveredReliable = new Set<string>();
  private readonly deliveredUnreliable = new Set<string>();
  private readonly lastSeqOnConn = new Map<string, number>();
  private readonly counts = {
    accepted: 0,
    delivered: 0,
    duplicates: 0,
    unreliableDelivered: 0,
    backpressureWaits: 0,
  };
  private senderInc = 0;
  /** At-least-once failed already: neither a later look nor the end reports it again. */
  private lossReported = false;
  private nextLookUs = 0;

  constructor(
    private readonly sim: Sim,
    private readonly senderNode: string,
    private readonly liveness: Liveness,
  ) {
    for (const name of [INV_INTACT, INV_CONN_ORDER, INV_UNRELIABLE_ONCE, INV_AT_LEAST_ONCE])
      sim.assertions.register(name, 'always');
    sim.trace.subscribe(
      ({ node, fields: e }) => {
        if (node === this.senderNode && e.reason.startsWith('evicted')) {
          const seq = this.idToSeq.get(`${this.senderInc}:${e.msg}`);
          if (seq !== undefined) this.evicted.add(`${this.senderInc}:${seq}`);
        }
      },
      ['message_dropped'],
    );
  }

  senderStarted(inc: number): void {
    this.senderInc = inc;
  }

  accepted(inc: number, seq: number, reliable: boolean, id: number): void {
    this.counts.accepted++;
    this.idToSeq.set(`${inc}:${id}`, seq);
    if (reliable) this.acceptedAtUs.set(`${inc}:${seq}`, this.sim.now());
  }

  backpressured(): void {
    this.counts.backpressureWaits++;
  }

  delivered(receiver: Host, connId: number, msg: DataMessage | null, intact: boolean): void {
    const a = this.sim.assertions;
    if (
      !a.always(
        intact,
        INV_INTACT,
        receiver.name,
        `a payload that does not match what was sent was delivered (${msg ? `message ${msg.seq}` : 'undecodable'})`,
      ) ||
      !msg
    )
      return;
    const key = `${msg.inc}:${msg.seq}`;
    const connKey = `${receiver.incarnation}:${connId}`;
    const last = this.lastSeqOnConn.get(connKey) ?? -1;
    a.always(
      msg.seq > last,
      INV_CONN_ORDER,
      receiver.name,
      `conn ${connId}: message ${msg.seq} after ${last}`,
    );
    this.lastSeqOnConn.set(connKey, msg.seq);
    this.sim.emit(receiver.name, 'message_delivered', {
      msgSeq: msg.seq,
      inc: msg.inc,
      reliable: msg.reliable,
      conn: connId,
    });
    if (!msg.reliable) {
      a.always(
        !this.deliveredUnreliable.has(key),
        INV_UNRELIABLE_ONCE,
        receiver.name,
        `unreliable message ${msg.seq} delivered twice`,
      );
      this.deliveredUnreliable.add(key);
      this.counts.unreliableDelivered++;
    } else if (this.deliveredReliable.has(key)) this.counts.duplicates++;
    else {
      this.deliveredReliable.add(key);
      this.counts.delivered++;
    }
  }

  /**
   * Judged only in the settled tail (liveness.ts: chaos quiet, every fault
   * over for a grace window) and only while the sender lives: every reliable
   * message its current incarnation accepted at least `holdUs` before the end
   * must have arrived, unless drop-oldest evicted it. One accepted in the last
   * `holdUs` may legitimately still be on its way.
   */
  checkAtLeastOnce(sender: Host, holdUs: number, onlyFailures = false): void {
    const now = this.sim.now();
    if (this.lossReported || !this.liveness.isJudged(now) || !sender.alive) return;
    const missing: string[] = [];
    for (const [key, atUs] of this.acceptedAtUs) {
      if (!key.startsWith(`${this.senderInc}:`) || this.evicted.has(key) || atUs > now - holdUs)
        continue;
      if (!this.deliveredReliable.has(key)) missing.push(key.split(':')[1] as string);
    }
    // A look while the run goes on reports only a loss: the pass is counted once, at the end.
    if (onlyFailures && missing.length === 0) return;
    const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
    this.lossReported = missing.length > 0;
    this.liveness.judge(
      missing.length === 0,
      INV_AT_LEAST_ONCE,
      sender.name,
      () => `reliable messages never delivered: ${missing.slice(0, 10).join(', ')}${more}`,
    );
  }

  /**
   * Looks for lost reliable messages once a second of virtual time while the
   * trace goes by (on deliveries and state changes: it emits nothing itself
   * unless something is missing, so the run is the same either way).
   */
  watchAtLeastOnce(sender: Host, holdUs: number): void {
    this.sim.trace.subscribe(
      ({ timeUs }) => {
        if (timeUs < this.nextLookUs || this.lossReported) return;
        this.nextLookUs = timeUs + LOOK_EVERY_US;
        if (this.liveness.isJudged(timeUs)) this.checkAtLeastOnce(sender, holdUs, true);
      },
      ['packet_delivered', 'peer_state_changed', 'message_queued'],
    );
  }

  outcomes(): Record<string, number> {
    return { ...this.counts, evicted: this.evicted.size };
  }
}
