/*
 * Half-open detection for an outbound connection. While connected it sends a
 * ping every `pingInterval` (one outstanding at a time). If the pong is late
 * by `pingTimeout` *and no whole frame arrived in the last pingTimeout*, the
 * connection is declared dead; if frames are still arriving (a busy but slow
 * link) it looks again one timeout after the last frame. A stalled connection
 * is therefore detected within pingInterval + pingTimeout of the stall, and
 * one whose far side stopped reading within pingInterval + 2 · pingTimeout.
 * Frames, not bytes: a bit flip in a length field can leave the decoder
 * waiting for a frame of up to maxPayloadSize that never completes while
 * bytes keep coming (FoundationDB counts bytes and would wait). The oracle's
 * liveness check found that connection stuck for the rest of a run.
 *
 *   idle ──interval──► ping sent ──pong──► idle
 *                         │
 *                      timeout: frame in last window, and waited < 2 timeouts? ──yes──► look again later
 *                         │ no
 *                         ▼
 *                        dead
 *
 * Knows nothing of queues or reconnects: it reports through callbacks.
 */
import type { Sim, TimerHandle } from '../sim';
import type { PeerConfig } from './peer-config';

/**
 * However busy the link, a pong later than this many timeouts means the far
 * side is not reading our frames: frames arriving prove only the other
 * direction (the far side writing while it cannot read, e.g. its decoder
 * stuck on a corrupted length field, kept a connection up for good).
 */
export const PING_PATIENCE_TIMEOUTS = 2;

export interface PingIo {
  sendPing(seq: number): void;
  /** Virtual time the last whole frame arrived, or -1. */
  lastFrameReceivedUs(): number;
  onRtt(rttUs: number): void;
  onDead(waitedUs: number): void;
}

export class PingMonitor {
  private timer: TimerHandle | null = null;
  private seq = 0;
  private outstanding: { seq: number; sentUs: number } | null = null;

  constructor(
    private readonly sim: Sim,
    private readonly config: PeerConfig,
    private readonly io: PingIo,
  ) {}

  start(): void {
    this.stop();
    this.timer = this.sim.schedule(this.config.pingIntervalUs, 'ping', () => this.ping());
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
    this.outstanding = null;
  }

  /** The ping awaiting its pong, and when the monitor next judges it (µs); null when none is out. */
  pending(): { readonly sentUs: number; readonly verdictAtUs: number } | null {
    if (!this.outstanding || !this.timer) return null;
    return { sentUs: this.outstanding.sentUs, verdictAtUs: this.timer.dueUs };
  }

  /** A pong arrived; stale pongs (from an earlier ping) are ignored. */
  onPong(seq: number): void {
    if (this.sim.mutant === 'ignore-pongs') return; // a broken monitor: every connection times out
    if (!this.outstanding || seq !== this.outstanding.seq) return;
    this.io.onRtt(this.sim.now() - this.outstanding.sentUs);
    this.start();
  }

  private ping(): void {
    this.outstanding = { seq: ++this.seq, sentUs: this.sim.now() };
    this.io.sendPing(this.seq);
    this.timer = this.sim.schedule(this.config.pingTimeoutUs, 'ping-timeout', () => this.check());
  }

  private check(): void {
    if (!this.outstanding) return;
    const waitedUs = this.sim.now() - this.outstanding.sentUs;
    const quietUs =
      this.sim.now() - Math.max(this.io.lastFrameReceivedUs(), this.outstanding.sentUs);
    const patienceUs = PING_PATIENCE_TIMEOUTS * this.config.pingTimeoutUs;
    if (quietUs >= this.config.pingTimeoutUs || waitedUs >= patienceUs) {
      this.stop();
      this.io.onDead(waitedUs);
      return;
    }
    const nextUs = Math.min(this.config.pingTimeoutUs - quietUs, patienceUs - waitedUs);
    this.timer = this.sim.schedule(nextUs, 'ping-timeout', () => this.check());
  }
}
