/*
 * A peer's counters for the inspector and for sweeps: connection attempts and
 * failures, traffic, drops, retransmissions, ping round-trip times and time
 * spent in each state. Plain numbers, snapshotted into immutable objects.
 * Knows nothing of how the peer uses them.
 */
import type { Sim } from '../sim';
import type { PeerState } from './peer';
import type { PeerQueue } from './peer-queue';

export interface PeerMetrics {
  readonly state: PeerState;
  readonly connectAttempts: number;
  readonly connectFailures: number;
  readonly disconnects: number;
  /** Consecutive failures since the last successful connection (the backoff attempt number). */
  readonly attempt: number;
  /** When the pending timer (backoff or connect timeout) fires, or null. */
  readonly timerDueUs: number | null;
  readonly messagesSent: number;
  readonly bytesSent: number;
  readonly messagesReceived: number;
  readonly bytesReceived: number;
  readonly queuedMessages: number;
  readonly queuedBytes: number;
  readonly dropped: number;
  readonly retransmitted: number;
  readonly pingRttUs: { readonly last: number; readonly min: number; readonly max: number } | null;
  /** The ping awaiting its pong: when it was sent and when the ping monitor judges it (µs); null when none is out. */
  readonly pingPending: { readonly sentUs: number; readonly verdictAtUs: number } | null;
  readonly timeInStateUs: Readonly<Record<PeerState, number>>;
}

type Counter = 'connectAttempts' | 'connectFailures' | 'disconnects' | 'dropped' | 'retransmitted';

export class PeerMetricsRecorder {
  private readonly counters: Record<Counter, number> = {
    connectAttempts: 0,
    connectFailures: 0,
    disconnects: 0,
    dropped: 0,
    retransmitted: 0,
  };
  private traffic = { messagesSent: 0, bytesSent: 0, messagesReceived: 0, bytesReceived: 0 };
  private rttUs: { last: number; min: number; max: number } | null = null;
  private readonly timeInState: Record<PeerState, number> = {
    disconnected: 0,
    connecting: 0,
    connected: 0,
    backoff: 0,
  };
  private state: PeerState = 'disconnected';
  private enteredUs: number;

  constructor(private readonly sim: Sim) {
    this.enteredUs = sim.now();
  }

  count(counter: Counter): void {
    this.counters[counter]++;
  }

  sent(bytes: number): void {
    this.traffic.messagesSent++;
    this.traffic.bytesSent += bytes;
  }

  received(bytes: number): void {
    this.traffic.messagesReceived++;
    this.traffic.bytesReceived += bytes;
  }

  rtt(us: number): void {
    this.rttUs = this.rttUs
      ? { last: us, min: Math.min(this.rttUs.min, us), max: Math.max(this.rttUs.max, us) }
      : { last: us, min: us, max: us };
  }

  enter(state: PeerState): void {
    this.timeInState[this.state] += this.sim.now() - this.enteredUs;
    this.state = state;
    this.enteredUs = this.sim.now();
  }

  snapshot(
    state: PeerState,
    queue: PeerQueue,
    attempt: number,
    timerDueUs: number | null,
    pingPending: PeerMetrics['pingPending'] = null,
  ): PeerMetrics {
    const timeInStateUs = {
      ...this.timeInState,
      [this.state]: this.timeInState[this.state] + this.sim.now() - this.enteredUs,
    };
    return {
      state,
      ...this.counters,
      attempt,
      timerDueUs,
      ...this.traffic,
      queuedMessages: queue.count,
      queuedBytes: queue.bytes,
      pingRttUs: this.rttUs,
      pingPending,
      timeInStateUs,
    };
  }
}
