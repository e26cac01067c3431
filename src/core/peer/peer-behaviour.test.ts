/*
 * Scenario-level tests of one Peer between two hosts (docs/network.md, docs/peer.md):
 * n1 (10.0.0.1) sends through the Peer its PeerRegistry keeps for n2
 * (10.0.0.2:4500); n2's PeerRegistry records every delivered frame's message.
 * Fixed 1 ms latency, no chunk splitting, no chaos, fixed seeds: every time
 * and every trace event below is exact. Each test asserts what a broken
 * implementation would get wrong.
 */
import { describe, expect, it } from 'vitest';
import { Sim, type TraceEventOf, type TraceKind } from '../sim';
import { Network, type Address, type Connection } from '../net';
import { serializeFrame, type DecodedFrame, type Token } from '../wire';
import { PeerRegistry } from '../transport/peer-registry';
import {
  encodeHello,
  HELLO_TOKEN,
  PROTOCOL_VERSION,
  type Peer,
  type PeerConfig,
  type SendResult,
} from '.';

const PORT = 4500;
const LAT = 1_000; // µs, every hop (data and handshake legs)
const MS = 1_000;
const S = 1_000_000;
const N1: Address = { ip: '10.0.0.1', port: PORT };
const N2: Address = { ip: '10.0.0.2', port: PORT };
const DATA: Token = { first: 7n, second: 1_000n };
/** Frame size of a message of `n` bytes: 8-byte header + 16-byte token + message. */
const frameOf = (n: number) => 24 + n;

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const text = (b: Uint8Array): string => String.fromCharCode(...b);

interface World {
  sim: Sim;
  net: Network;
  sender: PeerRegistry;
  /** n1's peer for n2. */
  peer: Peer;
  receiver: PeerRegistry | null;
  /** Messages n2 received, in delivery order (copies, as text). */
  delivered: string[];
  /** Raw bytes n2 received, to compare with what was sent. */
  deliveredBytes: Uint8Array[];
  /** Messages n1 received from n2. */
  toSender: string[];
  /** Starts n2's registry (it listens on 4500 from now on). */
  listen(): PeerRegistry;
}

function setup(
  options: { seed?: bigint; config?: Partial<PeerConfig>; listen?: boolean } = {},
): World {
  const sim = new Sim({ seed: options.seed ?? 42n });
  const fixed = { kind: 'fixed', us: LAT } as const;
  const net = new Network(sim, {
    latency: fixed,
    connectLatency: fixed,
    chunking: { splitPpm: 0, maxChunkBytes: 1 << 20 },
  });
  const h1 = net.addHost('n1', N1.ip);
  const h2 = net.addHost('n2', N2.ip);
  const toSender: string[] = [];
  const sender = new PeerRegistry({
    sim,
    host: h1,
    port: PORT,
    config: options.config ?? {},
    onFrame: (_p, f) => void toSender.push(text(f.message)),
  });
  const w: World = {
    sim,
    net,
    sender,
    peer: sender.peerFor(N2),
    receiver: null,
    delivered: [],
    deliveredBytes: [],
    toSender,
    listen() {
      w.receiver = new PeerRegistry({
        sim,
        host: h2,
        port: PORT,
        config: options.config ?? {},
        onFrame: (_p: Peer, f: DecodedFrame) => {
          w.deliveredBytes.push(f.message.slice());
          w.delivered.push(text(f.message));
        },
      });
      return w.receiver;
    },
  };
  if (options.listen !== false) w.listen();
  return w;
}

function send(w: World, message: string, reliable: boolean): SendResult {
  return w.peer.send(DATA, bytes(message), { reliable, label: reliable ? 'data' : 'datagram' });
}

function idOf(result: SendResult): number {
  if (!result.ok) throw new Error(`send failed: ${result.error}`);
  return result.id;
}

const runFor = (w: World, us: number) => w.sim.runUntil({ timeUs: w.sim.now() + us });

function events<K extends TraceKind>(
  w: World,
  kind: K,
  node?: string,
  fromUs = 0,
): TraceEventOf<K>[] {
  return w.sim.trace
    .since(0)
    .events.filter(
      (e): e is TraceEventOf<K> =>
        e.kind === kind && (node === undefined || e.node === node) && e.timeUs >= fromUs,
    );
}

/** Sends one unreliable warm-up message and runs until it arrived: the connection is up on both sides. */
function connected(w: World): number {
  send(w, 'warmup', false);
  runFor(w, 10 * MS);
  expect(w.peer.state).toBe('connected');
  expect(w.delivered).toEqual(['warmup']);
  return w.peer.connectionId as number;
}

function states(w: World, node: string, fromUs = 0): string[] {
  return events(w, 'peer_state_changed', node, fromUs).map((e) => `${e.fromState}>${e.toState}`);
}

// ---------------------------------------------------------------------------

describe('reconnect after a random close', () => {
  it('queues while disconnected (surviving a refused attempt) and drains in order after reconnecting', () => {
    const w = setup();
    const firstConn = connected(w);
    w.net.closeConnection(firstConn, 'abort', 'both');
    expect(w.peer.state).toBe('backoff');
    expect(events(w, 'backoff_scheduled', 'n1')).toMatchObject([{ attempt: 1 }]);

    const plan: [string, boolean][] = [
      ['r1', true],
      ['u1', false],
      ['r2', true],
      ['u2', false],
      ['r3', true],
    ];
    for (const [m, reliable] of plan) expect(send(w, m, reliable).ok).toBe(true);
    expect(w.peer.queued.count).toBe(5);
    expect(events(w, 'message_queued', 'n1').map((e) => e.queued)).toEqual([1, 1, 2, 3, 4, 5]);

    // The first reconnect is refused: a failed connect is not a disconnect, nothing queued is lost.
    w.net.failNextConnect('n1', 'n2', 'refuse');
    w.sim.runUntil({
      predicate: () => events(w, 'connect_refused', 'n1').length === 1,
      timeUs: 5 * S,
    });
    expect(w.peer.state).toBe('backoff');
    expect(w.peer.queued.count).toBe(5);
    expect(w.delivered).toEqual(['warmup']);

    runFor(w, 2 * S);
    expect(w.peer.state).toBe('connected');
    expect(w.peer.connectionId).not.toBe(firstConn);
    expect(w.delivered).toEqual(['warmup', 'r1', 'u1', 'r2', 'u2', 'r3']);
    expect(events(w, 'message_dropped')).toEqual([]);
    // Reliable messages stay listed until cancelled; the unreliable ones are gone once written.
    expect(w.peer.queued.unsent).toEqual([]);
    expect(w.peer.queued.reliable.map((m) => text(m.frame.subarray(24)))).toEqual([
      'r1',
      'r2',
      'r3',
    ]);
    expect(states(w, 'n1')).toEqual([
      'disconnected>connecting',
      'connecting>connected',
      'connected>backoff',
      'backoff>connecting',
      'connecting>backoff',
      'backoff>connecting',
      'connecting>connected',
    ]);
  });

  it('loses unreliable messages that were in flight when the connection died, and resends reliable ones', () => {
    const w = setup();
    const conn = connected(w);
    w.net.partition('n1', 'n2'); // the connection stalls: writes go into the stuck pipe
    const r1 = idOf(send(w, 'r1', true));
    const u1 = idOf(send(w, 'u1', false));
    const r2 = idOf(send(w, 'r2', true));
    runFor(w, 50 * MS);
    expect(events(w, 'packet_sent', 'n1').map((e) => e.msg)).toEqual(
      expect.arrayContaining([r1, u1, r2]),
    );
    w.net.closeConnection(conn, 'abort', 'both');
    w.net.heal();
    runFor(w, 2 * S);
    expect(w.delivered).toEqual(['warmup', 'r1', 'r2']);
    expect(events(w, 'message_retransmitted', 'n1').map((e) => [e.msg, e.sends])).toEqual([
      [r1, 2],
      [r2, 2],
    ]);
  });

  // BUG (peer.ts flush/FramedConnection.write): a failed write is ignored. docs/peer.md lists
  // "read/write error" as a Connected → Backoff edge and says unreliable messages are discarded
  // on a disconnect (traced); today the message silently vanishes and the peer stays 'connected'
  // until the ping monitor notices ~3 s later.
  it('a write error (network half-closed our side) tears the connection down and traces the lost unreliable message', () => {
    const w = setup();
    const conn = connected(w);
    w.net.closeConnection(conn, 'graceful', 'one', { side: 'a' }); // n1 can no longer write
    const u1 = idOf(send(w, 'u1', false));
    send(w, 'r1', true);
    expect(w.peer.state).not.toBe('connected');
    expect(events(w, 'message_dropped', 'n1')).toMatchObject([{ msg: u1, reason: 'disconnected' }]);
    runFor(w, 1 * S);
    expect(w.delivered).toEqual(['warmup', 'r1']);
  });
});

// ---------------------------------------------------------------------------

describe('backoff under repeated connect failures', () => {
  const MAX = 1_600 * MS;
  const config = { maxBackoffUs: MAX };
  /** d(n) = 100 ms · 2^(n−1), capped at 1.6 s. */
  const base = (n: number) => Math.min(100 * MS * 2 ** (n - 1), MAX);

  function refusedAttempts(seed: bigint, count: number) {
    const w = setup({ seed, config, listen: false }); // nothing listens on n2: every connect is refused
    send(w, 'r1', true);
    w.sim.runUntil({
      predicate: () => events(w, 'backoff_scheduled').length === count,
      timeUs: 60 * S,
    });
    return {
      w,
      draws: events(w, 'backoff_scheduled', 'n1'),
      starts: events(w, 'connect_started', 'n1'),
    };
  }

  it('draws each delay uniformly within [d(1−j), d(1+j)] capped at maxBackoff, jittered, and waits exactly that long', () => {
    const { w, draws, starts } = refusedAttempts(42n, 9);
    expect(draws.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    draws.forEach((e, i) => {
      const d = base(i + 1);
      expect(e).toMatchObject({ minUs: d - d / 5, maxUs: Math.min(d + d / 5, MAX), capUs: MAX });
      expect(e.delayUs as number).toBeGreaterThanOrEqual(d - d / 5);
      expect(e.delayUs as number).toBeLessThanOrEqual(Math.min(d + d / 5, MAX));
    });
    const delays = draws.map((e) => e.delayUs as number);
    expect(delays.filter((x, i) => x !== base(i + 1)).length).toBeGreaterThan(5); // jittered, not the bare d
    expect(new Set(delays.slice(4)).size).toBeGreaterThan(1); // capped attempts still differ from each other
    // Each attempt: refusal after one round trip, then exactly the drawn delay until the next connect.
    for (let i = 0; i < draws.length; i++) {
      expect(draws[i]!.timeUs - starts[i]!.timeUs).toBe(2 * LAT);
      if (starts[i + 1]) expect(starts[i + 1]!.timeUs - draws[i]!.timeUs).toBe(delays[i]);
    }
    expect(w.peer.metrics()).toMatchObject({ attempt: 9, connectFailures: 9, connectAttempts: 9 });
    expect(w.peer.state).toBe('backoff');
  });

  it('is a pure function of the seed', () => {
    const a = refusedAttempts(7n, 6).draws.map((e) => e.delayUs);
    const b = refusedAttempts(7n, 6).draws.map((e) => e.delayUs);
    const c = refusedAttempts(8n, 6).draws.map((e) => e.delayUs);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('resets the attempt counter once the connection proves alive (a frame arrives), not at connect', () => {
    const { w } = refusedAttempts(42n, 6);
    w.listen();
    w.sim.runUntil({ predicate: () => w.delivered.length === 1, timeUs: 10 * S });
    expect(w.delivered).toEqual(['r1']);
    expect(w.peer.metrics().attempt).toBe(6); // connected, but nothing has come back yet
    w.sim.runUntil({
      predicate: () => w.peer.metrics().attempt === 0,
      timeUs: w.sim.now() + 3 * S,
    });
    expect(w.peer.metrics().attempt).toBe(0);
    expect(events(w, 'packet_delivered', 'n1').at(-1)).toMatchObject({ packet: 'ping' }); // the first pong
    const t = w.sim.now();
    w.net.closeConnection(w.peer.connectionId as number, 'abort', 'both');
    const next = events(w, 'backoff_scheduled', 'n1', t);
    expect(next).toMatchObject([{ attempt: 1, minUs: 80 * MS, maxUs: 120 * MS }]);
    expect(next[0]!.delayUs as number).toBeGreaterThanOrEqual(80 * MS);
    expect(next[0]!.delayUs as number).toBeLessThanOrEqual(120 * MS);
    runFor(w, 1 * S);
    expect(w.delivered).toEqual(['r1', 'r1']); // reliable and never cancelled: resent after the reconnect
  });

  it('a hanging connect is abandoned after connectTimeout and retried after backoff', () => {
    const w = setup({ config: { connectTimeoutUs: 500 * MS } });
    w.net.failNextConnect('n1', 'n2', 'hang');
    send(w, 'r1', true);
    runFor(w, 500 * MS - 1);
    expect(w.peer.state).toBe('connecting');
    runFor(w, 1);
    expect(w.peer.state).toBe('backoff');
    expect(events(w, 'peer_state_changed', 'n1').at(-1)).toMatchObject({
      timeUs: 500 * MS,
      toState: 'backoff',
      reason: 'connect timeout',
    });
    expect(events(w, 'connect_cancelled', 'n1')).toHaveLength(1);
    runFor(w, 1 * S);
    expect(w.delivered).toEqual(['r1']);
  });
});

// ---------------------------------------------------------------------------

describe("back-pressure with queueFullPolicy 'reject'", () => {
  it('rejects the 6th message with QueueFull, loses nothing, and delivers all 5 in order after healing', () => {
    const w = setup({ config: { maxQueuedMessages: 5 } });
    w.net.partition('n1', 'n2'); // the connect hangs: the peer stays disconnected
    const plan: [string, boolean][] = [
      ['m1', true],
      ['m2', false],
      ['m3', true],
      ['m4', false],
      ['m5', true],
    ];
    for (const [m, reliable] of plan) expect(send(w, m, reliable).ok).toBe(true);
    expect(w.peer.state).toBe('connecting');
    expect(send(w, 'm6', true)).toEqual({ ok: false, error: 'QueueFull' });
    expect(send(w, 'm7', false)).toEqual({ ok: false, error: 'QueueFull' });
    expect(events(w, 'queue_full', 'n1')).toMatchObject([
      { policy: 'reject', queued: 5 },
      { policy: 'reject', queued: 5 },
    ]);
    expect(events(w, 'message_queued', 'n1')).toHaveLength(5);
    expect(w.peer.queued.count).toBe(5);
    runFor(w, 1 * S);
    w.net.heal();
    runFor(w, 10 * S); // connect timeout (5 s), backoff, reconnect
    expect(w.delivered).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(events(w, 'message_dropped')).toEqual([]);
  });

  it('bounds queued bytes too', () => {
    const w = setup({ config: { maxQueuedBytes: 3 * frameOf(5) + 10 } });
    w.net.isolate('n2');
    for (const m of ['msg-1', 'msg-2', 'msg-3']) expect(send(w, m, true).ok).toBe(true);
    expect(send(w, 'msg-4', true)).toEqual({ ok: false, error: 'QueueFull' });
    expect(events(w, 'queue_full', 'n1')).toMatchObject([
      { policy: 'reject', queued: 3, queuedBytes: 3 * frameOf(5) },
    ]);
    expect(w.peer.queued.bytes).toBe(3 * frameOf(5));
    w.net.heal();
    runFor(w, 10 * S);
    expect(w.delivered).toEqual(['msg-1', 'msg-2', 'msg-3']);
  });
});

// ---------------------------------------------------------------------------

describe("eviction with queueFullPolicy 'drop-oldest'", () => {
  it('accepts the 6th message, evicts the oldest (traced), and delivers exactly 2..6 after healing', () => {
    const w = setup({ config: { maxQueuedMessages: 5, queueFullPolicy: 'drop-oldest' } });
    w.net.partition('n1', 'n2');
    const ids = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((m, i) => idOf(send(w, m, i % 2 === 0)));
    const dropped = events(w, 'message_dropped', 'n1');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ msg: ids[0] });
    expect(String(dropped[0]!.reason)).toMatch(/^evicted/);
    expect(events(w, 'queue_full', 'n1')).toMatchObject([{ policy: 'drop-oldest', queued: 5 }]);
    expect(w.peer.queued.count).toBe(5);
    w.net.heal();
    runFor(w, 10 * S);
    expect(w.delivered).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
  });

  // BUG (peer-queue.ts enqueue, the eviction loop): when one message is larger than
  // maxQueuedBytes, drop-oldest evicts *everything* queued, finds nothing left to evict and
  // returns QueueFull without the evicted list — the queued messages vanish untraced and the
  // new one is rejected anyway (peer.ts also labels that queue_full 'reject').
  it('a message larger than maxQueuedBytes is rejected without evicting (or silently losing) what is queued', () => {
    const w = setup({ config: { maxQueuedBytes: 100, queueFullPolicy: 'drop-oldest' } });
    w.net.partition('n1', 'n2');
    send(w, 'm1', true);
    send(w, 'm2', true);
    expect(send(w, 'x'.repeat(200), true)).toEqual({ ok: false, error: 'QueueFull' });
    expect(w.peer.queued.count).toBe(2);
    w.net.heal();
    runFor(w, 10 * S);
    expect(w.delivered).toEqual(['m1', 'm2']);
  });
});

// ---------------------------------------------------------------------------

describe('ping monitor', () => {
  it('detects a partitioned connection within pingInterval + pingTimeout, then reconnects after heal and delivers the queue', () => {
    const w = setup();
    connected(w);
    runFor(w, 2_500 * MS); // a few ping/pong rounds
    expect(w.peer.metrics().pingRttUs).toMatchObject({ last: 2 * LAT, min: 2 * LAT, max: 2 * LAT });
    const p = w.sim.now();
    w.net.partition('n1', 'n2');
    runFor(w, 100 * MS);
    expect(w.peer.state).toBe('connected'); // it cannot know yet
    const r1 = idOf(send(w, 'r1', true)); // written into the stalled connection
    idOf(send(w, 'u1', false));
    w.sim.runUntil({
      predicate: () => events(w, 'ping_timeout', 'n1').length > 0,
      timeUs: p + 10 * S,
    });
    const [timeout] = events(w, 'ping_timeout', 'n1');
    expect(timeout).toMatchObject({ waitedUs: 2 * S });
    expect(timeout!.timeUs).toBeGreaterThanOrEqual(p + 2 * S);
    expect(timeout!.timeUs).toBeLessThanOrEqual(p + 3 * S + LAT);
    expect(w.peer.state).toBe('backoff');
    expect(events(w, 'peer_state_changed', 'n1').at(-1)).toMatchObject({
      fromState: 'connected',
      toState: 'backoff',
      reason: 'ping timeout',
    });
    const r2 = idOf(send(w, 'r2', true)); // queued while down
    w.sim.runUntil({ timeUs: p + 8 * S });
    expect(w.delivered).toEqual(['warmup']);
    w.net.heal();
    runFor(w, 15 * S);
    expect(w.peer.state).toBe('connected');
    expect(w.delivered).toEqual(['warmup', 'r1', 'r2']); // u1 died with the old connection
    expect(events(w, 'message_retransmitted', 'n1').map((e) => e.msg)).toEqual([r1]);
    expect(r2).toBeGreaterThan(r1);
  });

  it('keeps a busy connection (frames arriving, pongs lost) for two ping timeouts at most, then declares it dead', () => {
    const w = setup();
    connected(w);
    const back = w.receiver!.peerFor(N1); // n2's peer for n1 rides the same (adopted) connection
    expect(back.state).toBe('connected');
    runFor(w, 1_500 * MS);
    const p = w.sim.now();
    w.net.partition('n1', 'n2', { oneWay: true }); // pings n1→n2 are lost, n2→n1 still flows
    for (let k = 0; k <= 16; k++) {
      w.sim.schedule(
        k * 500 * MS,
        'test:stream',
        () => void back.send(DATA, bytes(`b${k}`), { reliable: false, connect: false }),
      );
    }
    const lastSend = p + 16 * 500 * MS;
    w.sim.runUntil({ timeUs: lastSend + LAT });
    const lostPing = events(w, 'packet_sent', 'n1', p).find((e) => e.packet === 'ping')!.timeUs;
    expect(events(w, 'packet_delivered', 'n1', p).some((e) => e.packet === 'ping')).toBe(false); // no pong came back
    // Frames from n2 kept arriving all along, yet a pong two timeouts late means n2 is not reading: dead.
    expect(events(w, 'ping_timeout', 'n1')).toMatchObject([
      { timeUs: lostPing + 2 * 2 * S, waitedUs: 2 * 2 * S },
    ]);
    expect(
      events(w, 'packet_delivered', 'n1').filter(
        (e) => e.timeUs > lostPing + 2 * S && e.timeUs < lostPing + 4 * S,
      ).length,
    ).toBeGreaterThan(0);
    expect(states(w, 'n1', p)[0]).toBe('connected>backoff');
  });
});

// ---------------------------------------------------------------------------

describe('bit flips', () => {
  /** r0 delivered and acknowledged (cancelled); then the next chunk n1→n2 is corrupted under r1. */
  function corruptedSend(seed: bigint, bits?: number, r1Text = `r1:${'abcdefghij'.repeat(20)}`) {
    const w = setup({ seed });
    const r0 = idOf(send(w, 'r0', true));
    runFor(w, 10 * MS);
    w.peer.cancel(r0);
    const conn = w.peer.connectionId;
    w.net.corruptNext('n1', 'n2', { bits });
    const r1 = idOf(send(w, r1Text, true));
    runFor(w, 10 * S);
    return { w, conn, r1, r1Text };
  }

  it('a flipped payload bit fails the checksum, tears the connection down, and the reliable message is resent intact', () => {
    const { w, conn, r1, r1Text } = corruptedSend(42n, 1);
    expect(events(w, 'bits_flipped', 'n2')).toMatchObject([{ conn, count: 1 }]);
    expect(events(w, 'checksum_failed', 'n2')).toMatchObject([{ conn }]);
    expect(events(w, 'wire_error')).toEqual([]);
    expect(
      events(w, 'peer_state_changed', 'n1').find((e) => e.fromState === 'connected'),
    ).toMatchObject({ toState: 'backoff' });
    expect(w.peer.state).toBe('connected');
    expect(w.peer.connectionId).not.toBe(conn);
    expect(events(w, 'message_retransmitted', 'n1').map((e) => [e.msg, e.sends])).toEqual([
      [r1, 2],
    ]);
    expect(w.deliveredBytes).toEqual([bytes('r0'), bytes(r1Text)]);
  });

  it('over many seeds and bit counts, a corrupted frame is never delivered and the message still arrives exactly once', () => {
    const outcomes = new Set<string>();
    for (let seed = 1n; seed <= 60n; seed++) {
      // A short message: the 8-byte header is a third of the frame, so flips hit length and CRC too.
      const { w, r1Text } = corruptedSend(seed, undefined, seed % 2n === 0n ? 'r1' : 'r1:payload');
      expect(w.deliveredBytes, `seed ${seed}`).toEqual([bytes('r0'), bytes(r1Text)]);
      expect(events(w, 'bits_flipped', 'n2'), `seed ${seed}`).toHaveLength(1);
      const how = events(w, 'checksum_failed').length
        ? 'checksum'
        : events(w, 'wire_error').length
          ? 'wire_error'
          : events(w, 'ping_timeout').length
            ? 'ping_timeout'
            : 'none';
      expect(how, `seed ${seed}`).not.toBe('none');
      outcomes.add(how);
    }
    // All three detection paths occur: payload/CRC flips, impossible lengths, and a too-large
    // length that stalls the decoder until the sender's ping monitor gives up.
    expect([...outcomes].sort()).toEqual(['checksum', 'ping_timeout', 'wire_error']);
  });
});

// ---------------------------------------------------------------------------

describe('reliable delivery (FoundationDB semantics)', () => {
  it('resends every still-listed reliable message after each reconnect, never a cancelled one', () => {
    const w = setup();
    const a = idOf(send(w, 'A', true));
    const b = idOf(send(w, 'B', true));
    runFor(w, 10 * MS);
    expect(w.delivered).toEqual(['A', 'B']);
    w.peer.cancel(a); // A was answered; B was not
    expect(w.peer.queued.count).toBe(1);
    w.net.closeConnection(w.peer.connectionId as number, 'abort', 'both');
    const c = idOf(send(w, 'C', true));
    const d = idOf(send(w, 'D', true));
    w.peer.cancel(d); // given up before it was ever sent
    runFor(w, 1 * S);
    expect(w.delivered).toEqual(['A', 'B', 'B', 'C']);
    expect(events(w, 'message_retransmitted', 'n1').map((e) => [e.msg, e.sends])).toEqual([[b, 2]]);

    w.net.closeConnection(w.peer.connectionId as number, 'abort', 'both');
    runFor(w, 1 * S);
    expect(w.delivered).toEqual(['A', 'B', 'B', 'C', 'B', 'C']); // at least once: duplicates across reconnects
    expect(w.peer.metrics().retransmitted).toBe(3);
    expect(events(w, 'packet_sent', 'n1').filter((e) => e.msg === a)).toHaveLength(1);
    expect(events(w, 'packet_sent', 'n1').filter((e) => e.msg === d)).toHaveLength(0);
    expect(c).toBeGreaterThan(b);
  });
});

// ---------------------------------------------------------------------------

describe('hello', () => {
  /** Opens a raw connection n1 → n2:4500 and writes `frame` first. */
  function rawConnect(w: World, frame: Uint8Array, then?: Uint8Array) {
    const seen = { reset: null as string | null, conn: null as Connection | null };
    w.net.host('n1').connect(N2, {
      onOpen: (conn) => {
        seen.conn = conn;
        conn.setHandlers({
          onData: () => {},
          onEnd: () => {},
          onReset: (r) => void (seen.reset = r),
        });
        conn.write(frame);
        if (then) conn.write(then);
      },
      onFail: (r) => {
        throw new Error(`connect failed: ${r}`);
      },
    });
    runFor(w, 10 * MS);
    return seen;
  }
  const data = serializeFrame(DATA, bytes('sneaky')) as Uint8Array;
  const hello = (version: number) =>
    serializeFrame(HELLO_TOKEN, encodeHello({ version, address: N1 })) as Uint8Array;

  it('a compatible hello by hand is accepted and files the connection under the announced address (control)', () => {
    const w = setup();
    const seen = rawConnect(w, hello(PROTOCOL_VERSION), data);
    expect(events(w, 'hello_rejected')).toEqual([]);
    expect(seen.reset).toBeNull();
    expect(w.delivered).toEqual(['sneaky']);
    expect(w.receiver!.peerFor(N1).connectionId).toBe(seen.conn!.id);
  });

  it('an incompatible version is rejected with a clear hello_rejected and the connection is reset', () => {
    const w = setup();
    const seen = rawConnect(w, hello(999), data);
    expect(events(w, 'hello_rejected', 'n2')).toMatchObject([
      {
        conn: seen.conn!.id,
        fromAddr: '10.0.0.1:49152',
        reason: `incompatible protocol version 999 (expected ${PROTOCOL_VERSION})`,
      },
    ]);
    expect(seen.reset).not.toBeNull();
    expect(w.delivered).toEqual([]);
    expect(w.receiver!.all()).toEqual([]);
  });

  it('a connection whose first frame is not a hello is rejected and its frames never reach the application', () => {
    const w = setup();
    const seen = rawConnect(w, data, hello(PROTOCOL_VERSION));
    expect(events(w, 'hello_rejected', 'n2')).toMatchObject([
      { conn: seen.conn!.id, reason: 'first frame was not a hello' },
    ]);
    expect(seen.reset).not.toBeNull();
    expect(w.delivered).toEqual([]);
    expect(w.receiver!.all()).toEqual([]);
  });

  it('a malformed hello is rejected', () => {
    const w = setup();
    rawConnect(w, serializeFrame(HELLO_TOKEN, bytes('{"version":1}')) as Uint8Array);
    expect(events(w, 'hello_rejected', 'n2')).toMatchObject([{ reason: 'malformed hello' }]);
  });
});

// ---------------------------------------------------------------------------

describe('adopting a replacement connection', () => {
  // BUG (peer.ts adopt → dropConnection(…, false) → framed.abort → onClosed → connectionLost):
  // aborting the old connection re-enters the peer's own close handler, so the peer passes
  // through 'backoff' (with a backoff_scheduled that never fires) before attaching the new one.
  // docs/peer.md has no such edge; the UI shows a phantom backoff and failure.
  it('the receiver swaps its half-open connection for the new one without a phantom backoff', () => {
    const w = setup();
    connected(w);
    const p = w.sim.now();
    w.net.partition('n1', 'n2');
    w.sim.runUntil({
      predicate: () => events(w, 'ping_timeout', 'n1').length > 0,
      timeUs: p + 10 * S,
    });
    runFor(w, 5 * MS); // n1's RST meets the partition (checked when due) and is lost
    expect(events(w, 'connection_reset').some((e) => e.step === 'rst_lost')).toBe(true);
    w.net.heal(); // n2 still holds the old, half-open connection
    expect(w.receiver!.peerFor(N1).state).toBe('connected');
    send(w, 'again', false);
    runFor(w, 2 * S);
    expect(w.delivered).toEqual(['warmup', 'again']);
    expect(events(w, 'backoff_scheduled', 'n2')).toEqual([]);
    expect(states(w, 'n2', p).filter((t) => t.includes('backoff'))).toEqual([]);
  });
});
