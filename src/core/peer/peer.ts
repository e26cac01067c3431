/*
 * Peer: one per remote address. It owns the connection to that address,
 * connects lazily when something is queued, reconnects with jittered backoff,
 * keeps FoundationDB's reliable semantics across reconnects, writes the hello
 * first on every outbound connection and watches the connection with pings.
 *
 *               send() while idle
 *  Disconnected ──────────────────► Connecting ──connected──► Connected
 *       ▲                               │  ▲                      │
 *       │                    fail/timeout│  │backoff elapsed       │ read/write error, EOF,
 *       │                               ▼  │                      │ wire error, ping timeout
 *       └──────── (nothing queued) ─── Backoff ◄──────────────────┘
 *
 * An incoming connection (filed under this address by its hello) can also be
 * adopted. Frames for anything but ping go up through the context. Knows
 * nothing of endpoints, RPC or drawing.
 */
import type { PeerStateName, Rng, Sim, TimerHandle } from '../sim';
import { formatAddress, type Address, type Host, type PendingConnect } from '../net';
import { serializeFrame, type DecodedFrame, type Token } from '../wire';
import { drawBackoff } from './backoff';
import { FramedConnection } from './framed-connection';
import { encodeHello, PROTOCOL_VERSION } from './hello';
import type { PeerConfig } from './peer-config';
import { PeerMetricsRecorder, type PeerMetrics } from './peer-metrics';
import { PeerQueue, type OutgoingMessage } from './peer-queue';
import { PingMonitor } from './ping-monitor';
import { decodePing, encodePing } from './ping-frame';
import { HELLO_TOKEN, PING_TOKEN, sameToken } from './well-known';

/** Declared with the trace's vocabulary (core/sim/trace-schema.ts): peer_state_changed carries it. */
export type PeerState = PeerStateName;

/** A new outbound connection's callbacks until the peer attaches it. */
const IGNORE_FRAMES = { onFrame: () => {}, onClosed: () => {} };

export interface PeerContext {
  readonly sim: Sim;
  readonly host: Host;
  /** Our own listening address, announced in every hello. */
  readonly listenAddress: Address;
  onFrame(peer: Peer, frame: DecodedFrame): void;
  /** Every state change, after it happened (a failure monitor watches for edges). */
  onStateChange?(peer: Peer): void;
  /** A connection of this peer is gone, even if another took its place at once (a replacement). */
  onConnectionLost?(peer: Peer): void;
}

export interface SendOptions {
  readonly reliable: boolean;
  /** For traces and the UI: 'request', 'reply', 'data', ... */
  readonly label?: string;
  /** false: never open a connection for this message; drop it when not connected (replies). */
  readonly connect?: boolean;
}

export type SendResult =
  { ok: true; id: number } | { ok: false; error: 'QueueFull' | 'PacketTooLarge' | 'NotConnected' };

export class Peer {
  private current: PeerState = 'disconnected';
  private readonly queue: PeerQueue;
  private readonly metricsRecorder: PeerMetricsRecorder;
  private readonly monitor: PingMonitor;
  private readonly rng: Rng;
  private readonly incarnation: number;
  private framed: FramedConnection | null = null;
  private outbound = false;
  private pending: PendingConnect | null = null;
  private timer: TimerHandle | null = null;
  private failures = 0;
  /** When the current connection became Connected (µs): FoundationDB's reset rule asks how long it lasted. */
  private connectedAtUs = 0;
  private nextMessageId = 1;
  readonly label: string;

  constructor(
    private readonly ctx: PeerContext,
    readonly remote: Address,
    readonly config: PeerConfig,
  ) {
    this.label = formatAddress(remote);
    const mutant = ctx.sim.mutant;
    // Two mutants break the queue: it forgets reliable messages on a disconnect, or ignores its bounds.
    this.queue = new PeerQueue(
      mutant === 'forget-reliable' ? { ...config, resendReliable: false } : config,
      mutant === 'queue-unbounded',
    );
    this.metricsRecorder = new PeerMetricsRecorder(ctx.sim);
    this.rng = ctx.sim.rng(`backoff:${ctx.host.name}>${this.label}`);
    this.incarnation = ctx.host.incarnation;
    this.monitor = new PingMonitor(ctx.sim, config, {
      sendPing: (seq) =>
        void (
          !this.killed() &&
          this.framed?.write(
            serializeFrame(PING_TOKEN, encodePing({ ping: seq })) as Uint8Array,
            'ping',
            -1,
          )
        ),
      lastFrameReceivedUs: () => this.framed?.lastFrameReceivedUs ?? -1,
      onRtt: (rttUs) => this.metricsRecorder.rtt(rttUs),
      onDead: (waitedUs) => void (!this.killed() && this.pingTimedOut(waitedUs)),
    });
  }

  get state(): PeerState {
    return this.current;
  }

  /** Seq of the trace event that put the peer in its state (-1: it never moved). */
  stateSeq = -1;

  get node(): string {
    return this.ctx.host.name;
  }

  /** Id of the current connection, or null when not connected. */
  get connectionId(): number | null {
    return this.framed?.conn.id ?? null;
  }

  get queued(): PeerQueue {
    return this.queue;
  }

  metrics(): PeerMetrics {
    return this.metricsRecorder.snapshot(
      this.current,
      this.queue,
      this.failures,
      this.timer?.dueUs ?? null,
      this.monitor.pending(),
    );
  }

  send(token: Token, message: Uint8Array, options: SendOptions): SendResult {
    if (this.killed()) return { ok: false, error: 'NotConnected' };
    const frame = serializeFrame(token, message, this.config.maxPayloadSize);
    if (!(frame instanceof Uint8Array)) return { ok: false, error: 'PacketTooLarge' };
    const label = options.label ?? 'data';
    if (options.connect === false && this.current !== 'connected') {
      this.ctx.sim.emit(this.node, 'message_dropped', {
        peerAddr: this.label,
        msg: -1,
        packet: label,
        reason: 'not connected',
      });
      return { ok: false, error: 'NotConnected' };
    }
    const msg: OutgoingMessage = {
      id: this.nextMessageId++,
      token,
      frame,
      reliable: options.reliable,
      label,
      enqueuedAtUs: this.ctx.sim.now(),
      sends: 0,
    };
    const result = this.queue.enqueue(msg);
    if (!result.ok) {
      this.ctx.sim.emit(this.node, 'queue_full', {
        peerAddr: this.label,
        policy: this.config.queueFullPolicy,
        queued: this.queue.count,
        queuedBytes: this.queue.bytes,
      });
      return { ok: false, error: 'QueueFull' };
    }
    this.ctx.sim.emit(this.node, 'message_queued', {
      peerAddr: this.label,
      msg: msg.id,
      reliable: msg.reliable,
      bytes: frame.length,
      packet: label,
      queued: this.queue.count,
      queuedBytes: this.queue.bytes,
    });
    if (result.evicted.length > 0) {
      for (const old of result.evicted) this.dropped(old, 'evicted (queue full, drop-oldest)');
      this.ctx.sim.emit(this.node, 'queue_full', {
        peerAddr: this.label,
        policy: 'drop-oldest',
        queued: this.queue.count,
        queuedBytes: this.queue.bytes,
      });
    }
    if (this.current === 'connected') this.flush();
    else if (this.current === 'disconnected') this.connect();
    return { ok: true, id: msg.id };
  }

  /** The sender is done with a reliable message (answered, or given up): stop resending it. */
  cancel(messageId: number): void {
    this.queue.remove(messageId);
  }

  /**
   * Takes over an incoming connection whose hello named our remote address.
   * When both sides hold an established connection they dialled themselves,
   * the one opened by the lower address wins on both ends, so they converge on
   * one. A dial of ours that is still pending (perhaps hanging) never beats a
   * working incoming connection: we take it and cancel the dial.
   */
  adopt(framed: FramedConnection): boolean {
    if (this.killed()) return false;
    const ownWins =
      this.outbound &&
      this.framed !== null &&
      compareAddresses(this.ctx.listenAddress, this.remote) < 0;
    if (ownWins) return false;
    this.pending?.cancel();
    this.pending = null;
    this.dropConnection('replaced by an incoming connection', false);
    this.attach(framed, false, 'incoming connection');
    return true;
  }

  private connect(): void {
    this.outbound = true; // a lower address keeps its own dial over an incoming one (see adopt)
    this.transition('connecting', this.failures === 0 ? 'message queued' : 'backoff elapsed');
    this.metricsRecorder.count('connectAttempts');
    this.pending = this.ctx.host.connect(this.remote, {
      onOpen: (conn) => {
        this.pending = null;
        if (this.killed()) return conn.abort();
        this.attach(
          new FramedConnection(this.ctx.sim, conn, this.config.maxPayloadSize, IGNORE_FRAMES),
          true,
          'connected',
        );
      },
      onFail: (reason) => {
        this.pending = null;
        this.connectFailed(reason);
      },
    });
    this.setTimer(this.config.connectTimeoutUs, 'connect-timeout', () => {
      this.pending?.cancel();
      this.pending = null;
      this.connectFailed('connect timeout');
    });
  }

  private attach(framed: FramedConnection, outbound: boolean, reason: string): void {
    this.clearTimer();
    this.framed = framed;
    this.outbound = outbound;
    // The backoff count is reset only once a frame arrives: a connection that the
    // other side accepts and drops at once must not reset it (no reconnect storm).
    framed.setHandlers(this.handlersFor(framed));
    this.connectedAtUs = this.ctx.sim.now();
    if (outbound)
      framed.write(
        serializeFrame(
          HELLO_TOKEN,
          encodeHello({ version: PROTOCOL_VERSION, address: this.ctx.listenAddress }),
        ) as Uint8Array,
        'hello',
        -1,
      );
    this.transition('connected', reason);
    if (outbound && this.ctx.sim.mutant !== 'no-ping-monitor') this.monitor.start();
    this.flush();
  }

  /** Callbacks from a connection that has since been replaced are ignored (no phantom backoff). */
  private handlersFor(framed: FramedConnection) {
    return {
      onFrame: (frame: DecodedFrame) => void (this.framed === framed && this.receive(frame)),
      onClosed: (reason: string) => void (this.framed === framed && this.connectionLost(reason)),
    };
  }

  private receive(frame: DecodedFrame): void {
    if (this.killed()) return;
    if (this.config.backoffResetAfterUs === 0 && this.ctx.sim.mutant !== 'backoff-never-resets')
      this.failures = 0; // the connection has proven alive
    this.metricsRecorder.received(frame.message.length + 24);
    if (!sameToken(frame.token, PING_TOKEN)) return this.ctx.onFrame(this, frame);
    const ping = decodePing(frame.message);
    if (ping && 'ping' in ping)
      this.framed?.write(
        serializeFrame(PING_TOKEN, encodePing({ pong: ping.ping })) as Uint8Array,
        'pong',
        -1,
      );
    else if (ping && 'pong' in ping) this.monitor.onPong(ping.pong);
  }

  private flush(): void {
    const framed = this.framed;
    if (!framed) return;
    const batch = this.queue.takeUnsent();
    for (let i = 0; i < batch.length; i++) {
      const msg = batch[i] as OutgoingMessage;
      msg.sends++;
      if (msg.sends > 1) {
        this.metricsRecorder.count('retransmitted');
        this.ctx.sim.emit(this.node, 'message_retransmitted', {
          peerAddr: this.label,
          msg: msg.id,
          sends: msg.sends,
        });
      }
      if (!framed.write(msg.frame, msg.label, msg.id))
        return this.writeFailed(framed, batch.slice(i));
      this.metricsRecorder.sent(msg.frame.length);
    }
  }

  /** A write error is a connection error: unsent unreliable messages are lost, reliable ones stay listed. */
  private writeFailed(framed: FramedConnection, unwritten: readonly OutgoingMessage[]): void {
    for (const msg of unwritten) if (!msg.reliable) this.dropped(msg, 'disconnected');
    framed.abort('write failed');
  }

  private pingTimedOut(waitedUs: number): void {
    this.ctx.sim.emit(this.node, 'ping_timeout', { peerAddr: this.label, waitedUs });
    this.framed?.abort('ping timeout');
  }

  private connectionLost(reason: string): void {
    if (this.killed()) return;
    this.dropConnection(reason, true);
    if (this.lastedLongEnough()) this.failures = 0;
    this.failures++;
    this.enterBackoff(reason);
  }

  /** Forgets the current connection: unreliable messages are dropped, reliable ones queued again. */
  private dropConnection(reason: string, closed: boolean): void {
    const framed = this.framed;
    this.monitor.stop();
    this.framed = null;
    this.outbound = false;
    if (!framed) return;
    if (!closed) framed.abort(reason);
    this.metricsRecorder.count('disconnects');
    for (const msg of this.queue.requeueAfterDisconnect()) this.dropped(msg, 'disconnected');
    this.ctx.onConnectionLost?.(this);
  }

  /** FoundationDB's reset rule: a connection that stayed up `backoffResetAfterUs` starts the count over. */
  private lastedLongEnough(): boolean {
    const afterUs = this.config.backoffResetAfterUs;
    return (
      afterUs > 0 &&
      this.ctx.sim.now() - this.connectedAtUs >= afterUs &&
      this.ctx.sim.mutant !== 'backoff-never-resets'
    );
  }

  private connectFailed(reason: string): void {
    if (this.killed()) return;
    this.metricsRecorder.count('connectFailures');
    this.failures++;
    this.enterBackoff(reason);
  }

  private enterBackoff(reason: string): void {
    const draw = drawBackoff(this.config, this.failures, this.rng, this.ctx.sim.mutant);
    this.transition('backoff', reason);
    this.ctx.sim.emit(this.node, 'backoff_scheduled', {
      peerAddr: this.label,
      attempt: draw.attempt,
      delayUs: draw.delayUs,
      minUs: draw.minUs,
      maxUs: draw.maxUs,
      capUs: this.config.maxBackoffUs,
    });
    this.setTimer(draw.delayUs, 'backoff', () => {
      if (this.queue.unsent.length > 0 || this.queue.reliable.length > 0) this.connect();
      else this.transition('disconnected', 'nothing queued');
    });
  }

  private dropped(msg: OutgoingMessage, reason: string): void {
    this.metricsRecorder.count('dropped');
    this.ctx.sim.emit(this.node, 'message_dropped', {
      peerAddr: this.label,
      msg: msg.id,
      packet: msg.label,
      reason,
    });
  }

  private transition(to: PeerState, reason: string): void {
    const from = this.current;
    this.current = to;
    this.metricsRecorder.enter(to);
    // `conn`: the connection a Connected peer now uses (-1 otherwise), so checkers can tie frames to peers.
    this.stateSeq = this.ctx.sim.emit(this.node, 'peer_state_changed', {
      peerAddr: this.label,
      fromState: from,
      toState: to,
      reason,
      conn: this.framed?.conn.id ?? -1,
    });
    this.ctx.onStateChange?.(this);
  }

  private setTimer(delayUs: number, label: string, fn: () => void): void {
    this.clearTimer();
    this.timer = this.ctx.sim.schedule(delayUs, label, () => {
      this.timer = null;
      if (!this.killed()) fn();
    });
  }

  private clearTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** A killed node loses all state: this peer object is dead for good (a restart makes new ones). */
  private killed(): boolean {
    if (this.ctx.host.alive && this.ctx.host.incarnation === this.incarnation) return false;
    this.clearTimer();
    this.monitor.stop();
    this.pending?.cancel();
    this.pending = null;
    return true;
  }
}

function compareAddresses(a: Address, b: Address): number {
  const key = (x: Address) =>
    x.ip
      .split('.')
      .map((p) => p.padStart(3, '0'))
      .join('.') + `:${String(x.port).padStart(5, '0')}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
