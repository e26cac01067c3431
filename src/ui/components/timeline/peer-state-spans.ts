/*
 * Per lane, how its node's peers stood over time, as spans: the worst state
 * of any of its peers (backoff, then connecting, then connected), so a lane
 * shows at a glance when its node was cut off, dialling, or up. Fed
 * `peer_state_changed` and kills in trace order; pure data, no drawing.
 */
import type { PeerStateName } from '../../../core/sim/trace-schema';
import { lowerBound } from './columns';

export interface StateSpan {
  readonly state: PeerStateName;
  readonly startUs: number;
  /** NaN while it lasts. */
  endUs: number;
}

/** Worse states win a lane: a node with one peer in backoff is in trouble, however many are up. */
const SEVERITY: Record<PeerStateName, number> = {
  disconnected: 0,
  connected: 1,
  connecting: 2,
  backoff: 3,
};

export class PeerStateSpans {
  /** Per lane, its spans in time order (a disconnected stretch is left out). */
  readonly byLane: StateSpan[][] = [];
  private readonly starts: number[][] = [];
  private readonly peers = new Map<number, Map<string, PeerStateName>>();

  clear(): void {
    this.byLane.length = 0;
    this.starts.length = 0;
    this.peers.clear();
  }

  /** `lane`'s peer to `peerAddr` is now in `state`. */
  changed(lane: number, peerAddr: string, state: PeerStateName, atUs: number): void {
    if (lane < 0) return;
    let peers = this.peers.get(lane);
    if (!peers) this.peers.set(lane, (peers = new Map()));
    peers.set(peerAddr, state);
    this.settle(lane, atUs);
  }

  /** A killed node's peers are gone with it. */
  killed(lane: number, atUs: number): void {
    if (lane < 0) return;
    this.peers.delete(lane);
    this.settle(lane, atUs);
  }

  /** Spans of `lane` that overlap [t0, t1]. */
  spansIn(lane: number, t0: number, t1: number): StateSpan[] {
    const spans = this.byLane[lane];
    const starts = this.starts[lane];
    if (!spans || !starts) return [];
    // Spans of a lane never overlap: the first that can reach t0 is the one before the first start past it.
    const from = Math.max(0, lowerBound(starts, starts.length, t0) - 1);
    const out: StateSpan[] = [];
    for (let i = from; i < spans.length && (starts[i] as number) <= t1; i++) {
      const s = spans[i] as StateSpan;
      if (!(s.endUs < t0)) out.push(s);
    }
    return out;
  }

  private settle(lane: number, atUs: number): void {
    let worst: PeerStateName = 'disconnected';
    for (const s of this.peers.get(lane)?.values() ?? [])
      if (SEVERITY[s] > SEVERITY[worst]) worst = s;
    const spans = (this.byLane[lane] ??= []);
    const starts = (this.starts[lane] ??= []);
    const open = spans[spans.length - 1];
    const current = open && Number.isNaN(open.endUs) ? open : null;
    if (current?.state === worst) return;
    if (current) current.endUs = atUs;
    if (worst === 'disconnected') return;
    spans.push({ state: worst, startUs: atUs, endUs: Number.NaN });
    starts.push(atUs);
  }
}
