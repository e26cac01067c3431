/*
 * The timeline's compact index of a run, fed trace batches in order:
 * packets and RPC spans (as the one lifecycle model, core/view/lifecycle.ts,
 * says they live and end), fault spans, each lane's peer states
 * (peer-state-spans.ts), kills and restarts, and invariant violations — in typed-array columns
 * sorted by time so a visible window is found by binary search. Pure: no DOM,
 * no store; the component feeds it and draws from it.
 */
import type { TraceEvent, TraceEventOf, TraceKind } from '../../../core/sim';
import {
  addrOfEndpointText,
  ipOf,
  LIFECYCLE_KINDS,
  Lifecycles,
  packetKey,
  parsePacketKey,
  type LifecycleKind,
  type LifecycleSink,
  type PacketBirth,
  type PacketEnd,
  type RpcBirth,
  type RpcEnd,
} from '../../../core/view';
import { Column, Interner, Intervals, lowerBound } from './columns';
import { PeerStateSpans } from './peer-state-spans';

/** Packet states as stored in `PacketTable.status` (a byte per packet; the lifecycle itself is core/view/lifecycle.ts). */
export const PacketCode = { InFlight: 0, Delivered: 1, Corrupted: 2, Lost: 3 } as const;
export type PacketCode = (typeof PacketCode)[keyof typeof PacketCode];
const PACKET_CODE: Record<PacketEnd, PacketCode> = {
  delivered: PacketCode.Delivered,
  corrupted: PacketCode.Corrupted,
  lost: PacketCode.Lost,
};

/** RPC outcome codes in `RpcTable.outcome`. */
export const RpcOutcome = { Pending: 0, Replied: 1, Failed: 2 } as const;
export type RpcOutcome = (typeof RpcOutcome)[keyof typeof RpcOutcome];

export type FaultKind = 'partition' | 'isolate' | 'clog' | 'spike';

export interface FaultSpan {
  readonly fault: number;
  readonly kind: FaultKind;
  /** Lanes; b is −1 for an isolation (and for an unknown node). */
  readonly a: number;
  readonly b: number;
  /** 'both' | 'one_way' | 'isolate' for partitions, '' otherwise. */
  readonly mode: string;
  /** Who started it: 'explicit' (a user) or 'chaos'. */
  readonly origin: string;
  readonly startUs: number;
  /** NaN while the fault lasts. */
  endUs: number;
}

export interface PointMark {
  readonly timeUs: number;
  /** −1 for the world. */
  readonly lane: number;
  readonly kind: 'killed' | 'restarted' | 'violation';
  readonly label: string;
  readonly detail: string;
  /** Its trace event (for "Why?"). */
  readonly seq: number;
}

export interface LaneNode {
  readonly name: string;
  readonly ip: string;
}

/** Lanes the timeline draws at most: more nodes share lanes (see setNodes). */
export const LANES_MAX = 16;

/** Packets shorter than this are found by a binary search alone (longer ones sit in a side list). */
const PACKET_LONG_US = 20_000;
const RPC_LONG_US = 50_000;

export class PacketTable {
  readonly spans = new Intervals(PACKET_LONG_US);
  readonly fromLane = new Column(Int16Array);
  readonly toLane = new Column(Int16Array);
  readonly bytes = new Column(Uint32Array);
  readonly kind = new Column(Uint8Array);
  readonly status = new Column(Uint8Array);
  readonly conn = new Column(Uint32Array);
  readonly offset = new Column(Float64Array);
  readonly fromAddr = new Column(Uint32Array);
  readonly kinds = new Interner();
  readonly addrs = new Interner();
  /** Why a packet ended the way it did (lost: the reset reason; corrupted: the wire error), by packet index. */
  readonly endReason = new Map<number, string>();

  get count(): number {
    return this.spans.count;
  }

  clear(): void {
    for (const c of [
      this.fromLane,
      this.toLane,
      this.bytes,
      this.kind,
      this.status,
      this.conn,
      this.offset,
      this.fromAddr,
    ])
      c.clear();
    this.spans.clear();
    this.kinds.clear();
    this.addrs.clear();
    this.endReason.clear();
  }
}

export class RpcTable {
  readonly spans = new Intervals(RPC_LONG_US);
  readonly lane = new Column(Int16Array);
  readonly toLane = new Column(Int16Array);
  readonly outcome = new Column(Uint8Array);
  readonly ids: string[] = [];
  /** Seq of the event that ended each call (−1 while pending), for "Why?". */
  readonly endSeq = new Column(Float64Array);
  /** Error text of failed RPCs, by index. */
  readonly errors = new Map<number, string>();

  get count(): number {
    return this.spans.count;
  }

  clear(): void {
    this.spans.clear();
    this.lane.clear();
    this.toLane.clear();
    this.outcome.clear();
    this.ids.length = 0;
    this.endSeq.clear();
    this.errors.clear();
  }
}

export class TimelineIndex implements LifecycleSink {
  /** Lane names in topology order (nodes first seen in the trace are appended). */
  readonly lanes: string[] = [];
  readonly packets = new PacketTable();
  readonly rpcs = new RpcTable();
  readonly faults: FaultSpan[] = [];
  /** Per lane, the worst state of its node's peers over time (the lanes' state bands). */
  readonly peerStates = new PeerStateSpans();
  /** Kills, restarts and violations, in time order. */
  readonly marks: PointMark[] = [];
  /** Seq the next ingested event should have; older ones are ignored (duplicates). */
  nextSeq = 0;
  /** True when events were missing (a gap in seq) since the last reset. */
  truncated = false;
  /** Time of the last ingested event. */
  lastTimeUs = 0;
  /** Bumped on every change, so viewers can tell whether to redraw. */
  version = 0;

  private readonly laneByName = new Map<string, number>();
  /** The nodes drawn in each lane (several when the run has more than LANES_MAX). */
  private readonly members: string[][] = [];
  private readonly nodeByIp = new Map<string, string>();
  private readonly pendingPackets = new Map<string, number>();
  private readonly pendingRpcs = new Map<string, number>();
  private readonly openFaults = new Map<number, FaultSpan>();
  private readonly markTimes = new Column(Float64Array, 64);
  private readonly lifecycles = new Lifecycles(this);

  constructor(nodes: readonly LaneNode[] = []) {
    this.setNodes(nodes);
  }

  /**
   * The run's hosts, in topology order: their lanes and how to resolve their
   * addresses. Beyond LANES_MAX hosts, neighbours share a lane ("n1–n2"), so
   * a 32-node mesh keeps lanes tall enough to read; a shared lane shows what
   * any of its nodes did.
   */
  setNodes(nodes: readonly LaneNode[]): void {
    const perLane = Math.max(1, Math.ceil(nodes.length / LANES_MAX));
    for (let i = 0; i < nodes.length; i += perLane) {
      const group = nodes.slice(i, i + perLane);
      const first = group[0] as LaneNode;
      const last = group[group.length - 1] as LaneNode;
      const lane = this.laneOf(group.length > 1 ? `${first.name}–${last.name}` : first.name);
      for (const n of group) {
        this.nodeByIp.set(n.ip, n.name);
        this.laneByName.set(n.name, lane);
        (this.members[lane] ??= []).push(n.name);
      }
    }
  }

  /** True when `node` is drawn in lane `lane` (alone, or sharing it). */
  laneHas(lane: number, node: string | null): boolean {
    return node !== null && (this.members[lane]?.includes(node) ?? this.lanes[lane] === node);
  }

  /** Lane of a node name (added on first sight); −1 for '' (the world). */
  laneOf(name: string): number {
    if (name === '') return -1;
    let lane = this.laneByName.get(name);
    if (lane === undefined) {
      lane = this.lanes.length;
      this.lanes.push(name);
      this.laneByName.set(name, lane);
    }
    return lane;
  }

  /** Lane of an "ip:port[/…]" address, or −1 when the ip is unknown. */
  laneOfAddress(address: string): number {
    const node = this.nodeByIp.get(ipOf(addrOfEndpointText(address)));
    return node === undefined ? -1 : this.laneOf(node);
  }

  /** Forgets the run (it is being rebuilt); lanes and addresses stay. */
  reset(): void {
    this.packets.clear();
    this.rpcs.clear();
    this.faults.length = 0;
    this.peerStates.clear();
    this.marks.length = 0;
    this.markTimes.clear();
    this.pendingPackets.clear();
    this.pendingRpcs.clear();
    this.lifecycles.clear();
    this.openFaults.clear();
    this.nextSeq = 0;
    this.truncated = false;
    this.lastTimeUs = 0;
    this.version++;
  }

  /** Folds a batch of events in; returns whether anything was added. */
  ingest(events: readonly TraceEvent[]): boolean {
    let changed = false;
    for (const e of events) {
      if (e.seq < this.nextSeq) continue;
      if (e.seq > this.nextSeq) this.truncated = true;
      this.nextSeq = e.seq + 1;
      if (e.timeUs > this.lastTimeUs) this.lastTimeUs = e.timeUs;
      changed = true;
      this.observe(e);
    }
    if (changed) this.version++;
    return changed;
  }

  private observe(e: TraceEvent): void {
    // Packets and calls: the lifecycle model's kinds go to it (node_killed also makes a mark below).
    if (isLifecycleEvent(e)) this.lifecycles.observe(e);
    switch (e.kind) {
      case 'partition_created':
        return this.faultStarted(e, e.mode === 'isolate' ? 'isolate' : 'partition', e.mode);
      case 'clog_started':
        return this.faultStarted(e, 'clog', '');
      case 'latency_spike_started':
        return this.faultStarted(e, 'spike', '');
      case 'partition_healed':
      case 'clog_released':
      case 'latency_spike_ended': {
        const f = this.openFaults.get(e.fault);
        if (!f) return;
        f.endUs = e.timeUs;
        this.openFaults.delete(f.fault);
        return;
      }
      case 'peer_state_changed':
        return this.peerStates.changed(this.laneOf(e.node), e.peerAddr, e.toState, e.timeUs);
      case 'node_killed':
        this.peerStates.killed(this.laneOf(e.node), e.timeUs);
        this.addMark({
          timeUs: e.timeUs,
          lane: this.laneOf(e.node),
          kind: 'killed',
          label: `${e.node} killed`,
          detail: e.origin,
          seq: e.seq,
        });
        return; // its calls die with it: the lifecycle model ended them above
      case 'node_restarted':
        return this.addMark({
          timeUs: e.timeUs,
          lane: this.laneOf(e.node),
          kind: 'restarted',
          label: `${e.node} restarted`,
          detail: e.origin,
          seq: e.seq,
        });
      case 'invariant_violated':
        return this.addMark({
          timeUs: e.timeUs,
          lane: this.laneOf(e.node),
          kind: 'violation',
          label: e.name,
          detail: e.message,
          seq: e.seq,
        });
      default:
        return;
    }
  }

  packetBorn(b: PacketBirth): void {
    const p = this.packets;
    const i = p.spans.add(b.sentUs);
    p.fromLane.push(this.laneOf(b.fromNode));
    p.toLane.push(this.laneOfAddress(b.toAddr));
    p.bytes.push(b.bytes);
    p.kind.push(p.kinds.id(b.packet));
    p.status.push(PacketCode.InFlight);
    p.conn.push(b.conn);
    p.offset.push(b.offset);
    p.fromAddr.push(p.addrs.id(b.fromAddr));
    this.pendingPackets.set(b.key, i);
  }

  packetEnded(key: string, end: PacketEnd, atUs: number, node: string, reason: string): void {
    const i = this.pendingPackets.get(key);
    if (i === undefined) return;
    this.pendingPackets.delete(key);
    const p = this.packets;
    p.spans.close(i, atUs);
    p.status.data[i] = PACKET_CODE[end];
    // Where it ended is the receiver, whatever the address said (a lost packet ends nowhere in particular).
    const lane = end === 'lost' ? -1 : this.laneOf(node);
    if (lane >= 0) p.toLane.data[i] = lane;
    if (reason) p.endReason.set(i, reason);
  }

  rpcBorn(b: RpcBirth): void {
    const r = this.rpcs;
    const i = r.spans.add(b.sentUs);
    r.lane.push(this.laneOf(b.node));
    r.toLane.push(this.laneOfAddress(b.toEndpoint));
    r.outcome.push(RpcOutcome.Pending);
    r.ids.push(b.rpc);
    r.endSeq.push(-1);
    this.pendingRpcs.set(b.rpc, i);
  }

  rpcEnded(rpc: string, end: RpcEnd, atUs: number, reason: string, seq: number): void {
    const i = this.pendingRpcs.get(rpc);
    if (i === undefined) return;
    this.pendingRpcs.delete(rpc);
    this.rpcs.spans.close(i, atUs);
    this.rpcs.outcome.data[i] = end === 'replied' ? RpcOutcome.Replied : RpcOutcome.Failed;
    this.rpcs.endSeq.data[i] = seq;
    if (reason) this.rpcs.errors.set(i, reason);
  }

  private faultStarted(
    e: TraceEventOf<'partition_created' | 'clog_started' | 'latency_spike_started'>,
    kind: FaultKind,
    mode: string,
  ): void {
    const a = this.laneOf(e.a);
    const b = kind === 'isolate' ? -1 : this.laneOf(e.b);
    const f: FaultSpan = {
      fault: e.fault,
      kind,
      a,
      b,
      mode,
      origin: e.origin,
      startUs: e.timeUs,
      endUs: Number.NaN,
    };
    this.faults.push(f);
    this.openFaults.set(f.fault, f);
  }

  private addMark(m: PointMark): void {
    this.marks.push(m);
    this.markTimes.push(m.timeUs);
  }

  // ---- queries ----

  /** Packet indices whose arrow overlaps [t0, t1] (in-flight ones run to +∞). */
  packetsIn(t0: number, t1: number, out: number[] = []): number[] {
    return this.packets.spans.query(t0, t1, out);
  }

  rpcsIn(t0: number, t1: number, out: number[] = []): number[] {
    return this.rpcs.spans.query(t0, t1, out);
  }

  faultsIn(t0: number, t1: number): FaultSpan[] {
    return this.faults.filter((f) => f.startUs <= t1 && !(f.endUs < t0));
  }

  marksIn(t0: number, t1: number): PointMark[] {
    const times = this.markTimes.data;
    const n = this.markTimes.length;
    const out: PointMark[] = [];
    for (let i = lowerBound(times, n, t0); i < n && (times[i] as number) <= t1; i++)
      out.push(this.marks[i] as PointMark);
    return out;
  }

  /** Packets sent in [t0, t1) — the overview's density. */
  packetsSentBetween(t0: number, t1: number): number {
    const s = this.packets.spans.start;
    return lowerBound(s.data, s.length, t1) - lowerBound(s.data, s.length, t0);
  }

  /** The PacketView id (core/peer/packet-id.ts key) of packet `i`. */
  packetId(i: number): string {
    const p = this.packets;
    return packetKey({
      conn: p.conn.data[i] as number,
      fromAddr: p.addrs.get(p.fromAddr.data[i] as number),
      offset: p.offset.data[i] as number,
    });
  }

  /** Index of the packet with PacketView id `id`, or −1. */
  findPacket(id: string): number {
    const key = parsePacketKey(id);
    const p = this.packets;
    const addr = key ? p.addrs.values.indexOf(key.fromAddr) : -1;
    if (!key || addr < 0) return -1;
    for (let i = p.count - 1; i >= 0; i--) {
      if (
        p.conn.data[i] === key.conn &&
        p.offset.data[i] === key.offset &&
        p.fromAddr.data[i] === addr
      )
        return i;
    }
    return -1;
  }

  packetKind(i: number): string {
    return this.packets.kinds.get(this.packets.kind.data[i] as number);
  }

  lane(i: number): string {
    return this.lanes[i] ?? '?';
  }
}

const LIFECYCLE: ReadonlySet<TraceKind> = new Set<TraceKind>(LIFECYCLE_KINDS);

function isLifecycleEvent(e: TraceEvent): e is TraceEventOf<LifecycleKind> {
  return LIFECYCLE.has(e.kind);
}
