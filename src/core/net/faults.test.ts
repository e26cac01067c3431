/* Explicit faults on links: partitions, one-way, isolate, clog, latency spikes, per-pair latency, fault views. */
import { describe, expect, it } from 'vitest';
import { LATENCY_US, PORT, events, openPair, text, world } from './test-kit';

describe('partitions', () => {
  it('stop bytes both ways without closing; healing lets the stalled streams continue in order', () => {
    const { sim, net } = world();
    const { client, server, clientRec, serverRec } = openPair(sim, net);
    client.write(text('before|'));
    net.partition('n1', 'n2');
    client.write(text('during|'));
    server.write(text('reply'));
    sim.runUntil({ timeUs: sim.now() + 5_000_000 });
    expect(serverRec.text).toBe('');
    expect(clientRec.text).toBe('');
    expect([client.state, server.state]).toEqual(['open', 'open']);
    expect(net.connectionInfos()[0]?.aToB).toMatchObject({ bytesInFlight: 14, stalled: true });
    const healedAt = sim.now();
    net.heal('n1', 'n2');
    client.write(text('after'));
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    expect(serverRec.text).toBe('before|during|after');
    expect(clientRec.text).toBe('reply');
    expect(serverRec.chunks[0]?.atUs).toBe(healedAt + LATENCY_US);
    expect(events(sim, 'partition_healed')[0]).toMatchObject({
      a: 'n1',
      b: 'n2',
      mode: 'both',
      origin: 'explicit',
    });
  });

  it('one-way a→b stalls only that direction', () => {
    const { sim, net } = world();
    const { client, server, clientRec, serverRec } = openPair(sim, net);
    net.partition('n1', 'n2', { oneWay: true });
    client.write(text('lost for now'));
    server.write(text('flows'));
    sim.runUntil({ timeUs: sim.now() + 100_000 });
    expect(serverRec.text).toBe('');
    expect(clientRec.text).toBe('flows');
    net.heal();
    sim.runUntil({ timeUs: sim.now() + 100_000 });
    expect(serverRec.text).toBe('lost for now');
  });

  it('isolate cuts a host from every other host; durationUs heals on its own', () => {
    const { sim, net } = world();
    const p12 = openPair(sim, net, 'n1', 'n2');
    const p32 = openPair(sim, net, 'n3', 'n2');
    const p13 = openPair(sim, net, 'n1', 'n3');
    net.isolate('n2', { durationUs: 50_000 });
    for (const p of [p12, p32, p13]) p.client.write(text('x'));
    sim.runUntil({ timeUs: sim.now() + 40_000 });
    expect([p12.serverRec.text, p32.serverRec.text, p13.serverRec.text]).toEqual(['', '', 'x']);
    sim.runUntil({ timeUs: sim.now() + 40_000 });
    expect([p12.serverRec.text, p32.serverRec.text]).toEqual(['x', 'x']);
    expect(events(sim, 'partition_created')[0]).toMatchObject({
      node: 'n2',
      mode: 'isolate',
      durationUs: 50_000,
    });
  });

  it('a connect across a partition hangs with no callback; cancel works', () => {
    const { sim, net } = world();
    net.host('n2').listen(PORT, () => {});
    net.partition('n1', 'n2');
    const calls: string[] = [];
    const pending = net
      .host('n1')
      .connect(
        { ip: '10.0.0.2', port: PORT },
        { onOpen: () => calls.push('open'), onFail: (r) => calls.push(r) },
      );
    sim.runUntil({ timeUs: 1_000_000 });
    expect(calls).toEqual([]);
    expect(events(sim, 'connect_hung')[0]).toMatchObject({ conn: pending.id, reason: 'partition' });
    pending.cancel();
    net.heal();
    sim.runUntil({ timeUs: 2_000_000 });
    expect(calls).toEqual([]);
    expect(events(sim, 'connect_cancelled')).toHaveLength(1);
  });
});

describe('clog', () => {
  it('holds a→b deliveries, then releases them in order as a burst at the end', () => {
    const { sim, net } = world();
    const { client, server, clientRec, serverRec } = openPair(sim, net);
    const t0 = sim.now();
    net.clog('n1', 'n2', 100_000);
    for (let i = 0; i < 5; i++) {
      client.write(text(`${i}`));
      sim.runUntil({ timeUs: sim.now() + 10_000 });
    }
    server.write(text('unclogged way'));
    sim.runUntil({ timeUs: t0 + 99_999 });
    expect(serverRec.text).toBe('');
    expect(clientRec.text).toBe('unclogged way');
    sim.runUntil({ timeUs: t0 + 200_000 });
    expect(serverRec.text).toBe('01234');
    expect(serverRec.chunks.map((c) => c.atUs)).toEqual(Array(5).fill(t0 + 100_000));
    client.write(text('later'));
    const t1 = sim.now();
    sim.runUntil({ timeUs: t1 + 10_000 });
    expect(serverRec.chunks.at(-1)?.atUs).toBe(t1 + LATENCY_US);
    expect(events(sim, 'clog_released')).toHaveLength(1);
  });
});

describe('latency', () => {
  it('a spike changes delivery times for its duration only', () => {
    const { sim, net } = world();
    const { client, serverRec } = openPair(sim, net);
    const t0 = sim.now();
    net.latencySpike('n1', 'n2', { kind: 'fixed', us: 50_000 }, 20_000);
    client.write(text('a'));
    sim.runUntil({ timeUs: t0 + 30_000 });
    client.write(text('b'));
    sim.runUntil({ timeUs: t0 + 200_000 });
    expect(serverRec.chunks.map((c) => c.atUs)).toEqual([t0 + 50_000, t0 + 50_000]);
    client.write(text('c'));
    sim.runUntil({ timeUs: t0 + 300_000 });
    expect(serverRec.chunks.at(-1)?.atUs).toBe(t0 + 200_000 + LATENCY_US);
    expect(events(sim, 'latency_spike_ended')).toHaveLength(1);
  });

  it('a per-pair model applies to that pair only until cleared', () => {
    const { sim, net } = world();
    const a = openPair(sim, net, 'n1', 'n2');
    const b = openPair(sim, net, 'n1', 'n3');
    net.setPairLatency('n2', 'n1', { kind: 'fixed', us: 7_000 });
    const t0 = sim.now();
    a.client.write(text('x'));
    b.client.write(text('y'));
    sim.runUntil({ timeUs: t0 + 20_000 });
    expect([a.serverRec.chunks[0]?.atUs, b.serverRec.chunks[0]?.atUs]).toEqual([
      t0 + 7_000,
      t0 + LATENCY_US,
    ]);
    net.setPairLatency('n1', 'n2', null);
    a.client.write(text('z'));
    sim.runUntil({ timeUs: t0 + 40_000 });
    expect(a.serverRec.chunks[1]?.atUs).toBe(t0 + 20_000 + LATENCY_US);
  });
});

describe('introspection', () => {
  it('lists active faults and connections as plain sorted data', () => {
    const { sim, net } = world();
    const { client } = openPair(sim, net);
    net.partition('n1', 'n3', { oneWay: true });
    net.clog('n1', 'n2', 1_000);
    net.isolate('n3');
    client.write(text('abc'));
    expect(net.faultInfos().map((f) => f.kind)).toEqual(['partition', 'clog', 'isolate']);
    expect(net.faultInfos()[0]).toMatchObject({ a: 'n1', b: 'n3', oneWay: true, untilUs: null });
    expect(net.connectionInfos()).toEqual([
      {
        id: client.id,
        a: { host: 'n1', address: '10.0.0.1:49152', state: 'open', established: true },
        b: { host: 'n2', address: '10.0.0.2:7000', state: 'open', established: true },
        aToB: {
          bytesInFlight: 3,
          stalled: false,
          clogged: true,
          segments: [{ offset: 0, bytes: 3, dueUs: expect.any(Number) }],
        },
        bToA: { bytesInFlight: 0, stalled: false, clogged: false, segments: [] },
      },
    ]);
    net.heal();
    expect(net.faultInfos().map((f) => f.kind)).toEqual(['clog']);
  });
});
