/*
 * What the engine's view needs of packets and RPCs: those in flight or
 * pending, plus a short history of finished packets so a viewer can draw them
 * arriving. Fed by the one lifecycle model (lifecycle.ts) as the trace is
 * written, so it changes only when events happen — building a view never
 * moves a packet on. Knows trace shapes only; delivery times come from the
 * caller.
 */
import { toTraceEvent, type Trace, type TraceEventOf } from '../sim';
import {
  LIFECYCLE_KINDS,
  Lifecycles,
  type LifecycleKind,
  type LifecycleSink,
  type PacketBirth,
  type PacketEnd,
  type RpcBirth,
  type RpcEnd,
} from './lifecycle';
import type { RpcOutcomeView, RpcView } from './view-types';

export interface TrackedPacket extends PacketBirth {
  endUs: number | null;
  end: PacketEnd | null;
  endSeq: number;
}

const HISTORY = 256;

export class LifecycleTracker implements LifecycleSink {
  private readonly live = new Map<string, TrackedPacket>();
  private readonly finished: (TrackedPacket | undefined)[] = new Array(HISTORY);
  private finishedCount = 0;
  private readonly pending = new Map<string, RpcView>();
  private readonly ended: (RpcOutcomeView | undefined)[] = new Array(HISTORY);
  private endedCount = 0;

  /** Without a trace (a headless run) it tracks nothing. */
  constructor(trace: Trace | null) {
    const lifecycles = new Lifecycles(this);
    trace?.subscribe(
      (r) => lifecycles.observe(toTraceEvent(r) as TraceEventOf<LifecycleKind>),
      LIFECYCLE_KINDS,
    );
  }

  inFlight(): TrackedPacket[] {
    return [...this.live.values()];
  }

  /** The last finished packets, oldest first. */
  recent(): TrackedPacket[] {
    const out: TrackedPacket[] = [];
    for (let i = Math.max(0, this.finishedCount - HISTORY); i < this.finishedCount; i++)
      out.push(this.finished[i % HISTORY] as TrackedPacket);
    return out;
  }

  /** Calls without an outcome yet. */
  pendingRpcs(): RpcView[] {
    return [...this.pending.values()];
  }

  /** The last calls that ended, oldest first. */
  recentRpcs(): RpcOutcomeView[] {
    const out: RpcOutcomeView[] = [];
    for (let i = Math.max(0, this.endedCount - HISTORY); i < this.endedCount; i++)
      out.push(this.ended[i % HISTORY] as RpcOutcomeView);
    return out;
  }

  packetBorn(p: PacketBirth): void {
    this.live.set(p.key, { ...p, endUs: null, end: null, endSeq: -1 });
  }

  packetEnded(
    key: string,
    end: PacketEnd,
    atUs: number,
    _node: string,
    _reason: string,
    seq: number,
  ): void {
    const p = this.live.get(key);
    if (!p) return;
    this.live.delete(key);
    p.end = end;
    p.endUs = atUs;
    p.endSeq = seq;
    this.finished[this.finishedCount++ % HISTORY] = p;
  }

  rpcBorn(r: RpcBirth): void {
    this.pending.set(r.rpc, {
      rpc: r.rpc,
      node: r.node,
      to: r.toEndpoint,
      sentUs: r.sentUs,
      deadlineAtUs: r.deadlineAtUs,
      reliable: r.reliable,
      seq: r.seq,
    });
  }

  rpcEnded(rpc: string, end: RpcEnd, atUs: number, reason: string, seq: number): void {
    const call = this.pending.get(rpc);
    if (!call) return;
    this.pending.delete(rpc);
    this.ended[this.endedCount++ % HISTORY] = {
      ...call,
      end,
      error: reason,
      endUs: atUs,
      endSeq: seq,
    };
  }
}
