import { describe, expect, it } from 'vitest';
import { Trace, type TraceEvent, type TraceFieldsOf, type TraceKind } from '../../../core/sim';
import { Intervals, lowerBound, upperBound } from './columns';
import { PacketCode, RpcOutcome, TimelineIndex } from './timeline-index';

const NODES = [
  { name: 'n1', ip: '10.0.0.1' },
  { name: 'n2', ip: '10.0.0.2' },
  { name: 'n3', ip: '10.0.0.3' },
];

/** A tiny trace builder on a real Trace: seq numbers are assigned in order, fields are the schema's. */
function tracer() {
  const trace = new Trace();
  const emit = <K extends TraceKind>(
    timeUs: number,
    node: string,
    kind: K,
    fields: TraceFieldsOf<K>,
    cause = -1,
  ) => trace.emit(timeUs, node, kind, fields, cause);
  const sent = (
    t: number,
    from: 'n1' | 'n2' | 'n3',
    to: 'n1' | 'n2' | 'n3',
    conn: number,
    offset: number,
    packet = 'request',
    bytes = 100,
  ) =>
    emit(t, from, 'packet_sent', {
      conn,
      fromAddr: `10.0.0.${from[1]}:4500`,
      toAddr: `10.0.0.${to[1]}:4500`,
      offset,
      bytes,
      packet,
      msg: 1,
      crc: offset,
    });
  const delivered = (
    t: number,
    from: 'n1' | 'n2' | 'n3',
    to: 'n1' | 'n2' | 'n3',
    conn: number,
    offset: number,
    packet = 'request',
    bytes = 100,
  ) =>
    emit(t, to, 'packet_delivered', {
      conn,
      fromAddr: `10.0.0.${from[1]}:4500`,
      toAddr: `10.0.0.${to[1]}:4500`,
      offset,
      bytes,
      packet,
      crc: offset,
    });
  return {
    emit,
    sent,
    delivered,
    get events(): TraceEvent[] {
      return trace.since(0).events;
    },
  };
}

describe('binary searches', () => {
  it('find bounds in sorted arrays with duplicates', () => {
    const a = [1, 2, 2, 2, 5, 9];
    expect(lowerBound(a, a.length, 2)).toBe(1);
    expect(upperBound(a, a.length, 2)).toBe(4);
    expect(lowerBound(a, a.length, 0)).toBe(0);
    expect(upperBound(a, a.length, 9)).toBe(6);
    expect(lowerBound(a, a.length, 6)).toBe(5);
  });
});

describe('Intervals', () => {
  it('finds short, long and open intervals overlapping a window, each once', () => {
    const iv = new Intervals(10);
    const a = iv.add(0); // short, [0, 5]
    const b = iv.add(3); // long, [3, 100]
    const c = iv.add(20); // open
    const d = iv.add(30); // short, [30, 32]
    iv.close(a, 5);
    iv.close(b, 100);
    iv.close(d, 32);
    const q = (t0: number, t1: number) => iv.query(t0, t1, []).sort((x, y) => x - y);
    expect(q(0, 1)).toEqual([a]);
    expect(q(6, 19)).toEqual([b]);
    expect(q(25, 31)).toEqual([b, c, d]);
    expect(q(101, 200)).toEqual([c]);
    expect(q(4, 4)).toEqual([a, b]);
    expect(iv.isOpen(c)).toBe(true);
  });
});

describe('TimelineIndex', () => {
  it('pairs sent and delivered packets by conn, sender address and offset', () => {
    const t = tracer();
    t.sent(100, 'n2', 'n1', 1, 0, 'hello', 65);
    t.sent(110, 'n2', 'n1', 1, 65, 'request', 149);
    t.sent(120, 'n1', 'n2', 1, 0, 'hello', 65); // same conn and offset, other direction
    t.delivered(150, 'n2', 'n1', 1, 65, 'request', 149);
    t.delivered(160, 'n1', 'n2', 1, 0, 'hello', 65);
    const index = new TimelineIndex(NODES);
    index.ingest(t.events);
    const p = index.packets;
    expect(p.count).toBe(3);
    expect(p.status.data[0]).toBe(PacketCode.InFlight);
    expect(p.status.data[1]).toBe(PacketCode.Delivered);
    expect(p.spans.end.data[1]).toBe(150);
    expect(p.status.data[2]).toBe(PacketCode.Delivered);
    expect(p.spans.end.data[2]).toBe(160);
    expect([p.fromLane.data[1], p.toLane.data[1]]).toEqual([1, 0]);
    expect(index.packetKind(1)).toBe('request');
    expect(index.packetId(1)).toBe('1:10.0.0.2:4500:65');
    expect(index.findPacket('1:10.0.0.2:4500:65')).toBe(1);
    expect(index.findPacket('1:10.0.0.1:4500:0')).toBe(2);
    expect(index.findPacket('9:10.0.0.1:4500:0')).toBe(-1);
  });

  it('marks corrupted frames at the receiver and loses the rest of a reset connection', () => {
    const t = tracer();
    t.sent(0, 'n1', 'n2', 4, 0);
    t.sent(1, 'n1', 'n2', 4, 100);
    t.sent(2, 'n2', 'n1', 4, 0);
    t.sent(3, 'n3', 'n1', 5, 0); // another connection
    t.emit(10, 'n2', 'checksum_failed', {
      conn: 4,
      fromAddr: '10.0.0.1:4500',
      offset: 0,
      error: 'ChecksumMismatch',
      expected: 1,
      actual: 2,
    });
    t.emit(11, 'n2', 'connection_reset', {
      conn: 4,
      peerNode: 'n1',
      step: 'rst_sent',
      reason: 'wire error',
      origin: 'app',
      dropped: 0,
    });
    const index = new TimelineIndex(NODES);
    index.ingest(t.events);
    const s = index.packets.status.data;
    expect([s[0], s[1], s[2], s[3]]).toEqual([
      PacketCode.Corrupted,
      PacketCode.Lost,
      PacketCode.Lost,
      PacketCode.InFlight,
    ]);
    expect(index.packets.spans.end.data[1]).toBe(11);
    expect(index.packets.endReason.get(1)).toContain('reset');
  });

  it('keeps packets sorted by send time and answers windowed queries', () => {
    const t = tracer();
    for (let k = 0; k < 100; k++) {
      t.sent(k * 10, 'n1', 'n2', 1, k * 100);
      if (k !== 50) t.delivered(k * 10 + 3, 'n1', 'n2', 1, k * 100); // #50 stays in flight
    }
    const index = new TimelineIndex(NODES);
    // Fed in uneven batches, as the host does.
    index.ingest(t.events.slice(0, 7));
    index.ingest(t.events.slice(7, 150));
    index.ingest(t.events.slice(150));
    const starts = Array.from(index.packets.spans.start.data.subarray(0, index.packets.count));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const win = index.packetsIn(200, 251, []).sort((a, b) => a - b);
    // Packets 20..25 overlap [200, 251]; #19 ended at 193; #50 (open) is sent after 251.
    expect(win).toEqual([20, 21, 22, 23, 24, 25]);
    expect(index.packetsIn(900, 1000, []).sort((a, b) => a - b)).toEqual([
      50, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99,
    ]);
    expect(index.packetsSentBetween(0, 100)).toBe(10);
  });

  it('ignores duplicate events and notes gaps', () => {
    const t = tracer();
    t.sent(0, 'n1', 'n2', 1, 0);
    t.sent(5, 'n1', 'n2', 1, 100);
    t.sent(6, 'n1', 'n2', 1, 200);
    const index = new TimelineIndex(NODES);
    index.ingest(t.events.slice(0, 2));
    expect(index.ingest(t.events.slice(0, 2))).toBe(false);
    expect(index.packets.count).toBe(2);
    const fresh = new TimelineIndex(NODES);
    fresh.ingest([t.events[2] as TraceEvent]);
    expect(fresh.truncated).toBe(true);
  });

  it('tracks RPC spans, failures and callers killed mid-call', () => {
    const t = tracer();
    t.emit(0, 'n2', 'rpc_sent', {
      rpc: 'n2#1',
      toEndpoint: '10.0.0.1:4500/ff:03',
      reliable: true,
      deadlineUs: 700_000,
      replyTo: 1,
      digest: 0,
    });
    t.emit(1, 'n2', 'rpc_sent', {
      rpc: 'n2#2',
      toEndpoint: '10.0.0.1:4500/ff:03',
      reliable: true,
      deadlineUs: 700_000,
      replyTo: 2,
      digest: 0,
    });
    t.emit(2, 'n3', 'rpc_sent', {
      rpc: 'n3#1',
      toEndpoint: '10.0.0.1:4500/ff:03',
      reliable: false,
      deadlineUs: null,
      replyTo: 3,
      digest: 0,
    });
    t.emit(5, 'n2', 'rpc_replied', { rpc: 'n2#1', latencyUs: 5, digest: 0 });
    t.emit(700_001, 'n2', 'rpc_failed', { rpc: 'n2#2', error: 'Timeout', latencyUs: 700_000 });
    t.emit(800_000, 'n3', 'node_killed', {
      incarnation: 1,
      origin: 'explicit',
      connections: 0,
      listeners: 0,
    });
    const index = new TimelineIndex(NODES);
    index.ingest(t.events);
    const r = index.rpcs;
    expect(Array.from(r.outcome.data.subarray(0, 3))).toEqual([
      RpcOutcome.Replied,
      RpcOutcome.Failed,
      RpcOutcome.Failed,
    ]);
    expect(r.errors.get(1)).toBe('Timeout');
    expect(r.errors.get(2)).toBe('caller killed');
    expect(r.toLane.data[0]).toBe(0);
    expect(index.rpcsIn(600_000, 600_001, []).sort()).toEqual([1, 2]);
    expect(index.marks.map((m) => m.kind)).toEqual(['killed']);
  });

  it('records fault spans, marks and violations', () => {
    const t = tracer();
    t.emit(10, 'n1', 'partition_created', {
      fault: 1,
      a: 'n1',
      b: '',
      mode: 'isolate',
      durationUs: 100,
      origin: 'chaos',
    });
    t.emit(20, '', 'partition_created', {
      fault: 2,
      a: 'n2',
      b: 'n3',
      mode: 'both',
      durationUs: null,
      origin: 'explicit',
    });
    t.emit(30, '', 'clog_started', { fault: 3, a: 'n1', b: 'n2', durationUs: 5, origin: 'chaos' });
    t.emit(35, '', 'clog_released', { fault: 3, a: 'n1', b: 'n2' });
    t.emit(110, 'n1', 'partition_healed', {
      fault: 1,
      a: 'n1',
      b: '',
      mode: 'isolate',
      origin: 'chaos',
    });
    t.emit(200, 'n2', 'invariant_violated', { name: 'no-dup', message: 'duplicate delivery' });
    const index = new TimelineIndex(NODES);
    index.ingest(t.events);
    expect(index.faults.map((f) => [f.kind, f.a, f.b, f.startUs, f.endUs])).toEqual([
      ['isolate', 0, -1, 10, 110],
      ['partition', 1, 2, 20, NaN],
      ['clog', 0, 1, 30, 35],
    ]);
    expect(index.faultsIn(36, 50).map((f) => f.fault)).toEqual([1, 2]);
    expect(index.faultsIn(111, 300).map((f) => f.fault)).toEqual([2]);
    expect(index.marksIn(0, 199)).toEqual([]);
    expect(index.marksIn(200, 200).map((m) => [m.kind, m.label, m.lane])).toEqual([
      ['violation', 'no-dup', 1],
    ]);
  });

  it('resets for a rebuilt run and refills from the start', () => {
    const t = tracer();
    t.sent(0, 'n1', 'n2', 1, 0);
    t.delivered(4, 'n1', 'n2', 1, 0);
    t.emit(10, '', 'clog_started', { fault: 3, a: 'n1', b: 'n2', durationUs: 5, origin: 'chaos' });
    const index = new TimelineIndex(NODES);
    index.ingest(t.events);
    const v = index.version;
    index.reset();
    expect(index.version).toBeGreaterThan(v);
    expect([index.packets.count, index.faults.length, index.nextSeq, index.lastTimeUs]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(index.lanes).toEqual(['n1', 'n2', 'n3']);
    index.ingest(t.events);
    expect(index.packets.count).toBe(1);
    expect(index.packets.status.data[0]).toBe(PacketCode.Delivered);
    expect(index.faults.length).toBe(1);
  });
});

describe('many nodes share lanes', () => {
  it('a 32-node run gets 16 lanes of two neighbours each; a packet lands in its nodes’ lanes', () => {
    const nodes = Array.from({ length: 32 }, (_, i) => ({
      name: `n${i + 1}`,
      ip: `10.0.0.${i + 1}`,
    }));
    const index = new TimelineIndex(nodes);
    expect(index.lanes).toHaveLength(16);
    expect(index.lanes[0]).toBe('n1–n2');
    expect(index.lanes[15]).toBe('n31–n32');
    expect(index.laneOf('n3')).toBe(1);
    expect(index.laneOfAddress('10.0.0.32:4500')).toBe(15);
    expect(index.laneHas(1, 'n4')).toBe(true);
    expect(index.laneHas(1, 'n5')).toBe(false);
    // Up to the limit, one lane per node.
    expect(new TimelineIndex(nodes.slice(0, 16)).lanes).toEqual(
      nodes.slice(0, 16).map((n) => n.name),
    );
    const twenty = new TimelineIndex(nodes.slice(0, 20));
    expect(twenty.lanes).toHaveLength(10);
  });
});
