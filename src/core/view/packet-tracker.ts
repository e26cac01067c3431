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

/** The last HISTORY items added, oldest first: the finished packets, the ended calls. */
class History<T> {
  private readonly items: (T | undefined)[] = new Array(HISTORY);
  private count = 0;

  add(item: T): void {
    this.items[this.count++ % HISTORY] = item;
  }

  list(): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, this.count - HISTORY); i < this.count; i++)
      out.push(this.items[i % HISTORY] as T);
    return out;
  }
}

export class LifecycleTracker implements LifecycleSink {
  private readonly live = new Map<string, TrackedPacket>();
  private readonly finished = new History<TrackedPacket>();
  private readonly pending = new Map<string, RpcView>();
  private readonly ended = new History<RpcOutcomeView>();

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
    return this.finished.list();
  }

  /** Calls without an outcome yet. */
  pendingRpcs(): RpcView[] {
    return [...this.pending.values()];
  }

  /** The last calls that ended, oldest first. */
  recentRpcs(): RpcOutcomeView[] {
    return this.ended.list();
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
    this.finished.add(p);
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
    this.ended.add({
      ...call,
      end,
      error: reason,
      endUs: atUs,
      endSeq: seq,
    });
  }
}
