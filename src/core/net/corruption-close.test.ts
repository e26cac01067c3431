/* Explicit faults on streams and connects: bit flips, network-initiated close, armed connect failures. */
import { describe, expect, it } from 'vitest';
import { LATENCY_US, PORT, events, openPair, text, world } from './test-kit';

describe('bit flips', () => {
  it('corruptNext flips exactly k bits of the next chunk only, and traces their positions', () => {
    const { sim, net } = world();
    const { client, serverRec } = openPair(sim, net);
    net.corruptNext('n1', 'n2', { bits: 5 });
    const payload = new Uint8Array(64).fill(0xaa);
    client.write(payload);
    client.write(payload);
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    const [first, second] = serverRec.chunks.map((c) => c.bytes);
    const flipped = [...(first as Uint8Array)].reduce((n, b) => n + popcount(b ^ 0xaa), 0);
    expect(flipped).toBe(5);
    expect(second).toEqual(payload);
    expect(payload[0]).toBe(0xaa);
    const trace = events(sim, 'bits_flipped');
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({
      conn: client.id,
      fromNode: 'n1',
      offset: 0,
      count: 5,
      origin: 'explicit',
    });
    const positions = (trace[0]?.positions ?? '').split(',').map(Number);
    for (const bit of positions)
      expect(((((first as Uint8Array)[bit >> 3] as number) ^ 0xaa) >> (bit & 7)) & 1).toBe(1);
  });

  it('at a chosen byte, flips exactly its low bit, counting on into later chunks', () => {
    const { sim, net } = world();
    const { client, serverRec } = openPair(sim, net);
    net.corruptNext('n1', 'n2', { atByte: 40 });
    net.corruptNext('n1', 'n2', { atByte: 400 });
    const payload = new Uint8Array(64).fill(0xaa);
    client.write(payload);
    client.write(payload);
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    const [first, second] = serverRec.chunks.map((c) => c.bytes as Uint8Array);
    expect(
      [...(first as Uint8Array)].map((b, i) => (b !== 0xaa ? i : -1)).filter((i) => i >= 0),
    ).toEqual([40]);
    expect(first?.[40]).toBe(0xab);
    // The second flip was armed at byte 400 from the second chunk's start; that chunk is 64 long, so it lands on byte 336 of what follows.
    expect(second).toEqual(payload);
    client.write(new Uint8Array(400).fill(0xaa));
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    const later = serverRec.chunks.slice(2).flatMap((c) => [...c.bytes]);
    expect(later.map((b, i) => (b !== 0xaa ? i : -1)).filter((i) => i >= 0)).toEqual([336]);
    expect(events(sim, 'bits_flipped').map((e) => e.count)).toEqual([1, 1]);
    expect(events(sim, 'corruption_armed').map((e) => e.atByte)).toEqual([40, 400]);
  });

  it('without a count, flips a geometric number of bits in 1..32', () => {
    const { sim, net } = world();
    const { client } = openPair(sim, net);
    for (let i = 0; i < 50; i++) net.corruptNext('n1', 'n2');
    for (let i = 0; i < 50; i++) client.write(new Uint8Array(100));
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    const counts = events(sim, 'bits_flipped').map((e) => e.count);
    expect(counts).toHaveLength(50);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(32);
    expect(new Set(counts).size).toBeGreaterThan(2);
  });
});

describe('network-initiated close', () => {
  it('graceful one side: the remote reads the data, then end', () => {
    const { sim, net } = world();
    const { client, server, serverRec } = openPair(sim, net);
    client.write(text('data'));
    net.closeConnection(client.id, 'graceful', 'one');
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    expect(serverRec.text).toBe('data');
    expect(serverRec.ended).toBe(true);
    expect(client.write(text('no'))).toBe(false);
    expect(server.state).toBe('closing');
  });

  it('abort both sides: both reset at once, in-flight data dropped', () => {
    const { sim, net } = world();
    const { client, clientRec, serverRec } = openPair(sim, net);
    client.write(text('data'));
    const t0 = sim.now();
    net.closeConnection(client.id, 'abort', 'both', { cause: 'chaos' });
    expect([clientRec.resetAtUs, serverRec.resetAtUs]).toEqual([t0, t0]);
    sim.runUntil({ timeUs: t0 + 10_000 });
    expect(serverRec.text).toBe('');
    expect(
      events(sim, 'connection_reset').filter((e) => e.step === 'rst_sent' && e.origin === 'chaos'),
    ).toHaveLength(2);
  });

  it('abort one side: that side resets now, the remote one latency later', () => {
    const { sim, net } = world();
    const { server, clientRec, serverRec } = openPair(sim, net);
    const t0 = sim.now();
    net.closeConnection(server.id, 'abort', 'one', { side: 'b' });
    sim.runUntil({ timeUs: t0 + 10_000 });
    expect([serverRec.resetAtUs, clientRec.resetAtUs]).toEqual([t0, t0 + LATENCY_US]);
  });
});

describe('armed connect failures', () => {
  it('refuse then hang, each for one connect only', () => {
    const { sim, net } = world();
    net.host('n2').listen(PORT, () => {});
    net.failNextConnect('n1', 'n2', 'refuse');
    net.failNextConnect('n1', 'n2', 'hang');
    const calls: string[] = [];
    const connect = () =>
      net
        .host('n1')
        .connect(
          { ip: '10.0.0.2', port: PORT },
          { onOpen: () => calls.push('open'), onFail: (r) => calls.push(r) },
        );
    connect();
    sim.runUntil({ timeUs: 10_000 });
    connect();
    sim.runUntil({ timeUs: 20_000 });
    connect();
    sim.runUntil({ timeUs: 30_000 });
    expect(calls).toEqual(['refused', 'open']);
    expect(events(sim, 'connect_hung')[0]).toMatchObject({ reason: 'explicit' });
  });
});

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
