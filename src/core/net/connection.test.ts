/* Connections as ordered byte streams: handshake, delivery order and times, close, abort, refusals. */
import { describe, expect, it } from 'vitest';
import { Sim } from '../sim';
import type { Connection } from './connection';
import { Network } from './network';
import { LATENCY_US, PORT, Recorder, events, openPair, text, world } from './test-kit';

describe('connect', () => {
  it('opens after one round trip and both sides share the id', () => {
    const { sim, net } = world();
    const { client, server } = openPair(sim, net);
    expect(sim.now()).toBe(2 * LATENCY_US);
    expect(client.id).toBe(server.id);
    expect(client.remote).toEqual({ ip: '10.0.0.2', port: PORT });
    expect(server.remote).toEqual(client.local);
    expect(events(sim, 'connect_accepted')).toHaveLength(1);
    expect(events(sim, 'connection_opened')).toHaveLength(1);
  });

  it('is refused when nothing listens, after a round trip', () => {
    const { sim, net } = world();
    const failures: string[] = [];
    net
      .host('n1')
      .connect(
        { ip: '10.0.0.2', port: 9 },
        { onOpen: () => failures.push('open'), onFail: (r) => failures.push(r) },
      );
    sim.runUntil({ timeUs: 10_000 });
    expect(failures).toEqual(['refused']);
    expect(events(sim, 'connect_refused')[0]).toMatchObject({
      timeUs: 2 * LATENCY_US,
      reason: 'no_listener',
    });
  });

  it('is refused when the host is dead, and unreachable for an unknown ip', () => {
    const { sim, net } = world();
    net.host('n2').listen(PORT, () => {});
    net.kill('n2');
    const failures: string[] = [];
    const handlers = {
      onOpen: () => failures.push('open'),
      onFail: (r: string) => failures.push(r),
    };
    net.host('n1').connect({ ip: '10.0.0.2', port: PORT }, handlers);
    net.host('n1').connect({ ip: '10.9.9.9', port: PORT }, handlers);
    sim.runUntil({ timeUs: 10_000 });
    expect(failures.sort()).toEqual(['refused', 'unreachable']);
  });

  it('refuses listening twice on a port and refuses after the listener closes', () => {
    const { sim, net } = world();
    const listener = net.host('n2').listen(PORT, () => {});
    expect(() => net.host('n2').listen(PORT, () => {})).toThrow(/already in use/);
    listener.close();
    const failures: string[] = [];
    net
      .host('n1')
      .connect(
        { ip: '10.0.0.2', port: PORT },
        { onOpen: () => {}, onFail: (r) => failures.push(r) },
      );
    sim.runUntil({ timeUs: 10_000 });
    expect(failures).toEqual(['refused']);
  });

  it('throws clear errors for unknown hosts and duplicate names', () => {
    const { net } = world();
    expect(() => net.host('zz')).toThrow(/unknown host "zz"/);
    expect(() => net.addHost('n1', '10.0.0.50')).toThrow(/already exists/);
    expect(() => net.addHost('n9', '10.0.0.1')).toThrow(/already used/);
  });
});

describe('byte streams', () => {
  it('delivers each write after the latency, in order, across random chunking', () => {
    const sim = new Sim({ seed: 7n });
    const net = new Network(sim, {
      latency: { kind: 'uniform', minUs: 100, maxUs: 5_000 },
      chunking: { splitPpm: 600_000, maxChunkBytes: 7 },
    });
    net.addHost('n1', '10.0.0.1');
    net.addHost('n2', '10.0.0.2');
    const { client, serverRec } = openPair(sim, net);
    const message = 'the quick brown fox jumps over the lazy dog '.repeat(20);
    for (let i = 0; i < message.length; i += 50) client.write(text(message.slice(i, i + 50)));
    sim.runUntil({ timeUs: 1_000_000 });
    expect(serverRec.text).toBe(message);
    expect(serverRec.chunks.length).toBeGreaterThan(message.length / 7);
    const times = serverRec.chunks.map((c) => c.atUs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('delivers at write time + latency and traces sent/delivered per chunk', () => {
    const { sim, net } = world();
    const { client, serverRec } = openPair(sim, net);
    const t0 = sim.now();
    client.write(text('ping'));
    sim.runUntil({ timeUs: t0 + 10_000 });
    expect(serverRec.chunks.map((c) => c.atUs)).toEqual([t0 + LATENCY_US]);
    expect(events(sim, 'bytes_sent')[0]).toMatchObject({
      node: 'n1',
      conn: client.id,
      toNode: 'n2',
      offset: 0,
      bytes: 4,
    });
    expect(events(sim, 'bytes_delivered')[0]).toMatchObject({
      node: 'n2',
      fromNode: 'n1',
      offset: 0,
      bytes: 4,
    });
  });

  it('copies written bytes: changing the buffer after write() changes nothing', () => {
    const { sim, net } = world();
    const { client, serverRec } = openPair(sim, net);
    const buffer = text('original');
    client.write(buffer);
    buffer.fill(0x21);
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    expect(serverRec.text).toBe('original');
  });

  it('buffers data that arrives before handlers are set', () => {
    const { sim, net } = world();
    let server: Connection | null = null;
    net.host('n2').listen(PORT, (c) => (server = c));
    net
      .host('n1')
      .connect(
        { ip: '10.0.0.2', port: PORT },
        { onOpen: (c) => void c.write(text('early')), onFail: () => {} },
      );
    sim.runUntil({ timeUs: 100_000 });
    const rec = new Recorder(sim).attach(server as unknown as Connection);
    sim.runUntil({ timeUs: 100_001 });
    expect(rec.text).toBe('early');
  });
});

describe('close and abort', () => {
  it('graceful close: the remote reads all data, then onEnd; both sides end closed', () => {
    const { sim, net } = world();
    const { client, server, serverRec, clientRec } = openPair(sim, net);
    client.write(text('last words'));
    client.close();
    expect(client.state).toBe('closing');
    expect(client.write(text('more'))).toBe(false);
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    expect(serverRec.text).toBe('last words');
    expect(serverRec.ended).toBe(true);
    expect(server.write(text('half-close reply'))).toBe(true);
    server.close();
    sim.runUntil({ timeUs: sim.now() + 10_000 });
    expect(clientRec.text).toBe('half-close reply');
    expect(clientRec.ended).toBe(true);
    expect([client.state, server.state]).toEqual(['closed', 'closed']);
    expect(net.connectionInfos()).toEqual([]);
  });

  it('abort: local closed at once, remote reset after one latency, queued data dropped', () => {
    const { sim, net } = world();
    const { client, server, serverRec, clientRec } = openPair(sim, net);
    client.write(text('never arrives'));
    const t0 = sim.now();
    client.abort();
    expect(client.state).toBe('closed');
    expect(client.write(text('x'))).toBe(false);
    sim.runUntil({ timeUs: t0 + 10_000 });
    expect(serverRec.text).toBe('');
    expect(serverRec.resetAtUs).toBe(t0 + LATENCY_US);
    expect(clientRec.resetReason).toBeNull();
    expect(server.state).toBe('closed');
  });
});
