/*
 * Tests of the one packet/RPC lifecycle model (lifecycle.ts): each rule of
 * its header table on typed synthetic events, then a real mesh storm run
 * cross-checked against its own trace (and against the engine's
 * LifecycleTracker, which is fed by the same model).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { makeSession } from '../session';
import {
  toTraceEvent,
  type Trace,
  type TraceEvent,
  type TraceEventOf,
  type TraceListener,
  type TraceSchema,
} from '../sim';
import { packetKey } from '../peer/packet-id';
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
import { LifecycleTracker } from './packet-tracker';

interface PacketEndCall {
  key: string;
  end: PacketEnd;
  atUs: number;
  node: string;
  reason: string;
  seq: number;
}
interface RpcEndCall {
  rpc: string;
  end: RpcEnd;
  atUs: number;
  reason: string;
  seq: number;
}

class Recorder implements LifecycleSink {
  readonly born: PacketBirth[] = [];
  readonly ended: PacketEndCall[] = [];
  readonly rpcsBorn: RpcBirth[] = [];
  readonly rpcsEnded: RpcEndCall[] = [];
  packetBorn(p: PacketBirth): void {
    this.born.push(p);
  }
  packetEnded(
    key: string,
    end: PacketEnd,
    atUs: number,
    node: string,
    reason: string,
    seq: number,
  ): void {
    this.ended.push({ key, end, atUs, node, reason, seq });
  }
  rpcBorn(r: RpcBirth): void {
    this.rpcsBorn.push(r);
  }
  rpcEnded(rpc: string, end: RpcEnd, atUs: number, reason: string, seq: number): void {
    this.rpcsEnded.push({ rpc, end, atUs, reason, seq });
  }
}

/** A model, its recorder, and typed events with increasing seqs and times. */
function setup() {
  const sink = new Recorder();
  const model = new Lifecycles(sink);
  let seq = 0;
  function ev<K extends LifecycleKind>(
    kind: K,
    node: string,
    fields: TraceSchema[K],
  ): TraceEventOf<K> {
    const n = seq++;
    return {
      seq: n,
      timeUs: 1_000 * n,
      node,
      kind,
      cause: n - 1,
      ...fields,
    } as unknown as TraceEventOf<K>;
  }
  const feed = <K extends LifecycleKind>(
    kind: K,
    node: string,
    fields: TraceSchema[K],
  ): TraceEventOf<K> => {
    const e = ev(kind, node, fields);
    model.observe(e);
    return e;
  };
  return { sink, model, feed };
}

// conn 7: n1 (10.0.0.1:49152) dialled n2 (10.0.0.2:4500). conn 8: n3 → n2.
const A = '10.0.0.1:49152';
const B = '10.0.0.2:4500';
const C = '10.0.0.3:49152';
const sent = (
  conn: number,
  fromAddr: string,
  toAddr: string,
  offset: number,
  packet = 'request',
) => ({ conn, fromAddr, toAddr, offset, bytes: 40, packet, msg: 3, crc: 12345 });
const delivered = (conn: number, fromAddr: string, toAddr: string, offset: number) => ({
  conn,
  fromAddr,
  toAddr,
  offset,
  bytes: 40,
  packet: 'message',
  crc: 12345,
});

describe('Lifecycles: packets', () => {
  it('packet_sent is a birth with the packet identity and its fields', () => {
    const { sink, feed } = setup();
    const e = feed('packet_sent', 'n1', { ...sent(7, A, B, 128, 'ping'), msg: -1 });
    expect(sink.born).toEqual([
      {
        key: packetKey({ conn: 7, fromAddr: A, offset: 128 }),
        conn: 7,
        fromAddr: A,
        toAddr: B,
        offset: 128,
        fromNode: 'n1',
        bytes: 40,
        packet: 'ping',
        msg: -1,
        sentUs: e.timeUs,
        seq: e.seq,
      },
    ]);
    expect(sink.born[0]?.key).toBe(`7:${A}:128`);
    expect(sink.ended).toEqual([]);
  });

  it('packet_delivered with its key: delivered, on the receiver, no reason', () => {
    const { sink, feed } = setup();
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    feed('packet_sent', 'n1', sent(7, A, B, 40));
    const d = feed('packet_delivered', 'n2', delivered(7, A, B, 40));
    expect(sink.ended).toEqual([
      { key: `7:${A}:40`, end: 'delivered', atUs: d.timeUs, node: 'n2', reason: '', seq: d.seq },
    ]);
  });

  it('checksum_failed / wire_error with its key: corrupted, the wire error as reason', () => {
    const { sink, feed } = setup();
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    feed('packet_sent', 'n1', sent(7, A, B, 40));
    const bad = feed('checksum_failed', 'n2', {
      conn: 7,
      fromAddr: A,
      offset: 0,
      error: 'checksum mismatch: header says 0x1, payload hashes to 0x2',
      expected: 1,
      actual: 2,
    });
    const wire = feed('wire_error', 'n2', {
      conn: 7,
      fromAddr: A,
      offset: 40,
      error: 'frame too large: 9999999 bytes',
      wireError: 'TooLarge',
    });
    expect(sink.ended).toEqual([
      {
        key: `7:${A}:0`,
        end: 'corrupted',
        atUs: bad.timeUs,
        node: 'n2',
        reason: 'checksum mismatch: header says 0x1, payload hashes to 0x2',
        seq: bad.seq,
      },
      {
        key: `7:${A}:40`,
        end: 'corrupted',
        atUs: wire.timeUs,
        node: 'n2',
        reason: 'frame too large: 9999999 bytes',
        seq: wire.seq,
      },
    ]);
  });

  it('an end naming the other direction (same conn and offset, other sender) ends nothing', () => {
    const { sink, feed } = setup();
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    feed('packet_delivered', 'n1', delivered(7, B, A, 0));
    feed('checksum_failed', 'n1', {
      conn: 7,
      fromAddr: B,
      offset: 0,
      error: 'x',
      expected: 1,
      actual: 2,
    });
    expect(sink.ended).toEqual([]);
  });

  it('connection_reset of its connection: every packet on it, both directions, is lost; other connections untouched', () => {
    const { sink, feed } = setup();
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    feed('packet_sent', 'n2', sent(7, B, A, 0, 'reply'));
    feed('packet_sent', 'n2', sent(7, B, A, 40, 'reply'));
    feed('packet_sent', 'n3', sent(8, C, B, 0));
    feed('packet_sent', 'n1', sent(7, A, B, 40));
    feed('packet_delivered', 'n2', delivered(7, A, B, 40)); // already delivered: not lost
    const reset = feed('connection_reset', 'n2', {
      conn: 7,
      peerNode: 'n1',
      step: 'rst_sent',
      reason: 'aborted',
      origin: 'app',
      dropped: 0,
    });
    const lost = sink.ended.filter((c) => c.end === 'lost');
    expect(lost.map((c) => c.key).sort()).toEqual([`7:${A}:0`, `7:${B}:0`, `7:${B}:40`].sort());
    for (const c of lost)
      expect(c).toMatchObject({
        atUs: reset.timeUs,
        node: 'n2',
        reason: 'connection reset: aborted',
        seq: reset.seq,
      });
    // conn 8's packet still lives: it can be delivered later.
    const d = feed('packet_delivered', 'n2', delivered(8, C, B, 0));
    expect(sink.ended.at(-1)).toMatchObject({ key: `8:${C}:0`, end: 'delivered', seq: d.seq });
    // The other side hearing the RST ends nothing more (already lost).
    const before = sink.ended.length;
    feed('connection_reset', 'n1', {
      conn: 7,
      peerNode: 'n2',
      step: 'rst_received',
      reason: 'aborted',
    });
    expect(sink.ended.length).toBe(before);
  });

  it('any side of the reset counts: rst_received and rst_lost (a world event) end packets too; reason falls back to the step', () => {
    const { sink, feed } = setup();
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    const received = feed('connection_reset', 'n1', {
      conn: 7,
      peerNode: 'n2',
      step: 'rst_received',
      reason: 'killed',
    });
    expect(sink.ended).toEqual([
      {
        key: `7:${A}:0`,
        end: 'lost',
        atUs: received.timeUs,
        node: 'n1',
        reason: 'connection reset: killed',
        seq: received.seq,
      },
    ]);
    feed('packet_sent', 'n3', sent(8, C, B, 0));
    const lostRst = feed('connection_reset', '', {
      conn: 8,
      fromNode: 'n2',
      toNode: 'n3',
      step: 'rst_lost',
      reason: '',
    });
    expect(sink.ended.at(-1)).toEqual({
      key: `8:${C}:0`,
      end: 'lost',
      atUs: lostRst.timeUs,
      node: '',
      reason: 'connection reset: rst_lost',
      seq: lostRst.seq,
    });
  });

  it('a packet sent after its connection was reset (a half-open side) lives until the next reset', () => {
    const { sink, feed } = setup();
    feed('connection_reset', '', {
      conn: 7,
      fromNode: 'n2',
      toNode: 'n1',
      step: 'rst_lost',
      reason: 'aborted',
    });
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    expect(sink.ended).toEqual([]);
    feed('connection_reset', 'n1', {
      conn: 7,
      peerNode: 'n2',
      step: 'rst_received',
      reason: 'no such connection',
    });
    expect(sink.ended.map((c) => [c.key, c.end])).toEqual([[`7:${A}:0`, 'lost']]);
  });

  it('an end for an unknown key is ignored', () => {
    const { sink, feed } = setup();
    feed('packet_delivered', 'n2', delivered(7, A, B, 0));
    feed('checksum_failed', 'n2', {
      conn: 7,
      fromAddr: A,
      offset: 40,
      error: 'x',
      expected: 1,
      actual: 2,
    });
    feed('wire_error', 'n2', {
      conn: 7,
      fromAddr: A,
      offset: 80,
      error: 'x',
      wireError: 'BadLength',
    });
    feed('connection_reset', 'n2', {
      conn: 7,
      peerNode: 'n1',
      step: 'rst_sent',
      reason: 'aborted',
      origin: 'app',
      dropped: 0,
    });
    expect(sink.born).toEqual([]);
    expect(sink.ended).toEqual([]);
  });

  it('a packet ends once: delivered, then corrupted or reset, is not ended again', () => {
    const { sink, feed } = setup();
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    feed('packet_delivered', 'n2', delivered(7, A, B, 0));
    feed('packet_delivered', 'n2', delivered(7, A, B, 0));
    feed('checksum_failed', 'n2', {
      conn: 7,
      fromAddr: A,
      offset: 0,
      error: 'x',
      expected: 1,
      actual: 2,
    });
    feed('connection_reset', 'n2', {
      conn: 7,
      peerNode: 'n1',
      step: 'rst_sent',
      reason: 'aborted',
      origin: 'app',
      dropped: 0,
    });
    expect(sink.ended.map((c) => c.end)).toEqual(['delivered']);
    // Corrupted first, then its connection's reset (what really follows a checksum failure): one end.
    feed('packet_sent', 'n3', sent(8, C, B, 0));
    feed('checksum_failed', 'n2', {
      conn: 8,
      fromAddr: C,
      offset: 0,
      error: 'bad crc',
      expected: 1,
      actual: 2,
    });
    feed('connection_reset', 'n2', {
      conn: 8,
      peerNode: 'n3',
      step: 'rst_sent',
      reason: 'checksum',
      origin: 'stack',
      dropped: 0,
    });
    expect(sink.ended.map((c) => [c.key, c.end])).toEqual([
      [`7:${A}:0`, 'delivered'],
      [`8:${C}:0`, 'corrupted'],
    ]);
  });

  it('clear() forgets what is in flight', () => {
    const { sink, model, feed } = setup();
    feed('packet_sent', 'n1', sent(7, A, B, 0));
    feed('rpc_sent', 'n1', {
      rpc: 'n1#1',
      toEndpoint: 'x',
      reliable: true,
      deadlineUs: null,
      replyTo: 1,
      digest: 2,
    });
    model.clear();
    feed('packet_delivered', 'n2', delivered(7, A, B, 0));
    feed('rpc_replied', 'n1', { rpc: 'n1#1', latencyUs: 5, digest: 2 });
    expect(sink.ended).toEqual([]);
    expect(sink.rpcsEnded).toEqual([]);
  });
});

describe('Lifecycles: RPCs', () => {
  const call = (rpc: string, deadlineUs: number | null = 1_000_000) => ({
    rpc,
    toEndpoint: '10.0.0.2:4500/ab:cd',
    reliable: true,
    deadlineUs,
    replyTo: 1,
    digest: 2,
  });

  it('rpc_sent is a birth with an absolute deadline (or none)', () => {
    const { sink, feed } = setup();
    const a = feed('rpc_sent', 'n1', call('n1#1', 250_000));
    const b = feed('rpc_sent', 'n1', { ...call('n1#2', null), reliable: false });
    expect(sink.rpcsBorn).toEqual([
      {
        rpc: 'n1#1',
        node: 'n1',
        toEndpoint: '10.0.0.2:4500/ab:cd',
        reliable: true,
        sentUs: a.timeUs,
        deadlineAtUs: a.timeUs + 250_000,
        seq: a.seq,
      },
      {
        rpc: 'n1#2',
        node: 'n1',
        toEndpoint: '10.0.0.2:4500/ab:cd',
        reliable: false,
        sentUs: b.timeUs,
        deadlineAtUs: null,
        seq: b.seq,
      },
    ]);
  });

  it('rpc_replied: replied; rpc_failed: failed with its error kind as reason', () => {
    const { sink, feed } = setup();
    feed('rpc_sent', 'n1', call('n1#1'));
    feed('rpc_sent', 'n1', call('n1#2'));
    const r = feed('rpc_replied', 'n1', { rpc: 'n1#1', latencyUs: 900, digest: 2 });
    const f = feed('rpc_failed', 'n1', { rpc: 'n1#2', error: 'MaybeDelivered', latencyUs: 1200 });
    expect(sink.rpcsEnded).toEqual([
      { rpc: 'n1#1', end: 'replied', atUs: r.timeUs, reason: '', seq: r.seq },
      { rpc: 'n1#2', end: 'failed', atUs: f.timeUs, reason: 'MaybeDelivered', seq: f.seq },
    ]);
  });

  it("node_killed of the caller abandons its pending calls; other nodes' calls are untouched", () => {
    const { sink, feed } = setup();
    feed('rpc_sent', 'n1', call('n1#1'));
    feed('rpc_sent', 'n2', call('n2#1'));
    feed('rpc_sent', 'n1', call('n1#2'));
    feed('rpc_replied', 'n1', { rpc: 'n1#2', latencyUs: 10, digest: 2 });
    const kill = feed('node_killed', 'n1', {
      incarnation: 1,
      origin: 'chaos',
      connections: 1,
      listeners: 1,
    });
    expect(sink.rpcsEnded.filter((c) => c.end === 'abandoned')).toEqual([
      { rpc: 'n1#1', end: 'abandoned', atUs: kill.timeUs, reason: 'caller killed', seq: kill.seq },
    ]);
    const t = feed('rpc_failed', 'n2', { rpc: 'n2#1', error: 'Timeout', latencyUs: 1_000_000 });
    expect(sink.rpcsEnded.at(-1)).toEqual({
      rpc: 'n2#1',
      end: 'failed',
      atUs: t.timeUs,
      reason: 'Timeout',
      seq: t.seq,
    });
    // The killed node is the callee of nobody here: killing n3 ends nothing.
    const before = sink.rpcsEnded.length;
    feed('node_killed', 'n3', { incarnation: 1, origin: 'explicit', connections: 0, listeners: 0 });
    expect(sink.rpcsEnded.length).toBe(before);
  });

  it('a call ends once; outcomes for unknown calls are ignored', () => {
    const { sink, feed } = setup();
    feed('rpc_replied', 'n1', { rpc: 'n1#9', latencyUs: 10, digest: 2 });
    feed('rpc_failed', 'n1', { rpc: 'n1#9', error: 'Timeout', latencyUs: 10 });
    expect(sink.rpcsEnded).toEqual([]);
    feed('rpc_sent', 'n1', call('n1#1'));
    feed('rpc_replied', 'n1', { rpc: 'n1#1', latencyUs: 10, digest: 2 });
    feed('rpc_failed', 'n1', { rpc: 'n1#1', error: 'Timeout', latencyUs: 10 });
    feed('node_killed', 'n1', { incarnation: 1, origin: 'explicit', connections: 0, listeners: 0 });
    feed('rpc_sent', 'n2', call('n2#1'));
    feed('node_killed', 'n2', { incarnation: 1, origin: 'explicit', connections: 0, listeners: 0 });
    feed('rpc_failed', 'n2', { rpc: 'n2#1', error: 'BrokenPromise', latencyUs: 10 });
    expect(sink.rpcsEnded.map((c) => [c.rpc, c.end])).toEqual([
      ['n1#1', 'replied'],
      ['n2#1', 'abandoned'],
    ]);
  });
});

describe('Lifecycles on a real run (mesh seed 2, chaos storm: kills, resets, corruption)', () => {
  const UNTIL_US = 10_000_000;
  let events: TraceEvent[];
  let sink: Recorder;
  let tracker: LifecycleTracker;

  beforeAll(() => {
    const made = makeSession({ scenario: 'mesh', seed: 2n, chaos: 'storm' });
    if (!made.ok) throw new Error(made.errors.join('; '));
    events = [];
    sink = new Recorder();
    const model = new Lifecycles(sink);
    const kinds = new Set<string>(LIFECYCLE_KINDS);
    // The engine's own tracker, fed through a stand-in trace that forwards the same records.
    const listeners: TraceListener[] = [];
    const fakeTrace = {
      subscribe: (l: TraceListener) => void listeners.push(l),
    } as unknown as Trace;
    tracker = new LifecycleTracker(fakeTrace);
    const engine = createEngine(made.session, {
      onTrace: (r) => {
        const e = toTraceEvent(r);
        events.push(e);
        if (kinds.has(e.kind)) {
          model.observe(e as TraceEventOf<LifecycleKind>);
          for (const l of listeners) l(r);
        }
      },
    });
    engine.runUntil({ timeUs: UNTIL_US });
  });

  it('the run exercised every kind of end', () => {
    expect(new Set(sink.ended.map((c) => c.end))).toEqual(
      new Set(['delivered', 'lost', 'corrupted']),
    );
    expect(sink.born.length).toBeGreaterThan(100);
    expect(new Set(sink.rpcsEnded.map((c) => c.end))).toEqual(
      new Set(['replied', 'failed', 'abandoned']),
    );
  });

  it('every packet is born once and ends at most once, after its birth, by an event of the trace that names it', () => {
    const born = new Map<string, PacketBirth>();
    for (const p of sink.born) {
      expect(born.has(p.key), `born twice: ${p.key}`).toBe(false);
      born.set(p.key, p);
    }
    expect(sink.born.length).toBe(events.filter((e) => e.kind === 'packet_sent').length);
    const endedKeys = new Set<string>();
    for (const c of sink.ended) {
      expect(endedKeys.has(c.key), `ended twice: ${c.key}`).toBe(false);
      endedKeys.add(c.key);
      const p = born.get(c.key) as PacketBirth;
      expect(p).toBeDefined();
      expect(c.seq).toBeGreaterThan(p.seq);
      const e = events[c.seq] as TraceEvent;
      expect(e.timeUs).toBe(c.atUs);
      expect(e.node).toBe(c.node);
      if (c.end === 'delivered')
        expect(e.kind === 'packet_delivered' && packetKey(e) === c.key).toBe(true);
      else if (c.end === 'corrupted')
        expect(
          (e.kind === 'checksum_failed' || e.kind === 'wire_error') &&
            packetKey(e) === c.key &&
            c.reason === e.error,
        ).toBe(true);
      else expect(e.kind === 'connection_reset' && e.conn === p.conn).toBe(true);
    }
    // Every delivery of a born packet is its end.
    for (const e of events)
      if (e.kind === 'packet_delivered')
        expect(endedKeys.has(packetKey(e)), `delivered but not ended: #${e.seq}`).toBe(true);
  });

  it('what is still in flight at the end had no reset of its connection since it was sent', () => {
    const ended = new Set(sink.ended.map((c) => c.key));
    const live = sink.born.filter((p) => !ended.has(p.key));
    const lastReset = new Map<number, number>();
    for (const e of events) if (e.kind === 'connection_reset') lastReset.set(e.conn, e.seq);
    for (const p of live) {
      const reset = lastReset.get(p.conn);
      expect(
        reset === undefined || reset < p.seq,
        `${p.key} (sent #${p.seq}) still in flight after reset #${reset}`,
      ).toBe(true);
    }
    // On this run, none of them is on a reset connection at all.
    expect(live.filter((p) => lastReset.has(p.conn)).map((p) => p.key)).toEqual([]);
    // The engine's tracker, fed the same events, agrees.
    expect(
      tracker
        .inFlight()
        .map((p) => p.key)
        .sort(),
    ).toEqual(live.map((p) => p.key).sort());
  });

  it('every call is born once and ends at most once; pending calls belong to callers not killed since', () => {
    const born = new Map<string, RpcBirth>();
    for (const r of sink.rpcsBorn) {
      expect(born.has(r.rpc)).toBe(false);
      born.set(r.rpc, r);
    }
    const ended = new Set<string>();
    for (const c of sink.rpcsEnded) {
      expect(ended.has(c.rpc), `ended twice: ${c.rpc}`).toBe(false);
      ended.add(c.rpc);
      const e = events[c.seq] as TraceEvent;
      const caller = (born.get(c.rpc) as RpcBirth).node;
      if (c.end === 'abandoned') expect(e.kind === 'node_killed' && e.node === caller).toBe(true);
      else
        expect(
          e.kind === (c.end === 'replied' ? 'rpc_replied' : 'rpc_failed') &&
            'rpc' in e &&
            e.rpc === c.rpc,
        ).toBe(true);
    }
    for (const r of sink.rpcsBorn) {
      if (ended.has(r.rpc)) continue;
      const killedSince = events.some(
        (e) => e.kind === 'node_killed' && e.node === r.node && e.seq > r.seq,
      );
      expect(killedSince, `${r.rpc} pending though its caller was killed`).toBe(false);
    }
    expect(
      tracker
        .pendingRpcs()
        .map((r) => r.rpc)
        .sort(),
    ).toEqual(
      sink.rpcsBorn
        .filter((r) => !ended.has(r.rpc))
        .map((r) => r.rpc)
        .sort(),
    );
  });
});
