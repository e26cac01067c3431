/*
 * Half-open detection for an outbound connection. While connected it sends a
 * ping every `pingInterval` (one outstanding at a time). If the pong is late
 * by `pingTimeout` *and no byte at all arrived in the last pingTimeout*, the
 * connection is declared dead; if bytes are still arriving (a busy but slow
 * link) it looks again one timeout after the last byte. A stalled connection
 * is therefore detected within pingInterval + pingTimeout of the stall.
 *
 *   idle ──interval──► ping sent ──pong──► idle
 *                         │
 *                      timeout: byte in last window? ──yes──► look again later
 *                         │ no
 *                         ▼
 *                        dead
 *
 * Knows nothing of queues or reconnects: it reports through callbacks.
 */
import type { Sim, TimerHandle } from '../sim';
import type { PeerConfig } from './peer-config';

export interface PingIo {
  sendPing(seq: number): void;
  lastByteReceivedUs(): number;
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

  /** A pong arrived; stale pongs (from an earlier ping) are ignored. */
  onPong(seq: number): void {
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
    const quietUs = this.sim.now() - Math.max(this.io.lastByteReceivedUs(), this.outstanding.sentUs);
    if (quietUs >= this.config.pingTimeoutUs) {
      const waitedUs = this.sim.now() - this.outstanding.sentUs;
      this.stop();
      this.io.onDead(waitedUs);
      return;
    }
    this.timer = this.sim.schedule(this.config.pingTimeoutUs - quietUs, 'ping-timeout', () => this.check());
  }
}
