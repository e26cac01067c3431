/* Kill and restart: resets, half-open connections across partitions, cancelled tasks, boot callbacks. */
import { describe, expect, it } from 'vitest';
import { LATENCY_US, PORT, events, openPair, text, world } from './test-kit';

describe('kill', () => {
  it('resets the remote after one latency, closes listeners, cancels tasks, bumps incarnation', () => {
    const { sim, net } = world();
    const { client, clientRec, serverRec } = openPair(sim, net);
    const task = sim.spawn(
      'forever',
      'n2',
      (function* () {
        yield* sim.sleep(1_000_000_000);
      })(),
    );
    const other = sim.spawn(
      'bystander',
      'n1',
      (function* () {
        yield* sim.sleep(1_000_000_000);
      })(),
    );
    sim.runUntil({ timeUs: sim.now() + 1 });
    const t0 = sim.now();
    client.write(text('to the dead'));
    net.kill('n2');
    expect(net.host('n2')).toMatchObject({ alive: false, incarnation: 1 });
    expect(task.running).toBe(false);
    expect(other.running).toBe(true);
    sim.runUntil({ timeUs: t0 + 10_000 });
    expect(clientRec.resetAtUs).toBe(t0 + LATENCY_US);
    expect(clientRec.resetReason).toBe('killed');
    expect(serverRec.text).toBe('');
    expect(events(sim, 'node_killed')[0]).toMatchObject({
      node: 'n2',
      origin: 'explicit',
      connections: 1,
      listeners: 1,
    });
  });

  it('across a partition the remote sees nothing (half-open); a dead host stays silent; a restarted one answers RST', () => {
    const { sim, net } = world();
    const { client, clientRec } = openPair(sim, net);
    net.partition('n1', 'n2');
    net.kill('n2');
    sim.runUntil({ timeUs: sim.now() + 1_000_000 });
    net.heal();
    client.write(text('anyone there?'));
    sim.runUntil({ timeUs: sim.now() + 1_000_000 });
    expect(client.state).toBe('open');
    expect(clientRec.resetReason).toBeNull();
    expect(events(sim, 'connection_reset').map((e) => e.step)).toEqual(['rst_sent', 'rst_lost']);
    net.restart('n2');
    client.write(text('hello again'));
    sim.runUntil({ timeUs: sim.now() + 1_000_000 });
    expect(clientRec.resetReason).toBe('no such connection');
    expect(client.state).toBe('closed');
  });

  it('a target killed during the handshake fails the connect with "killed"', () => {
    const { sim, net } = world();
    net.host('n2').listen(PORT, () => {});
    const calls: string[] = [];
    net
      .host('n1')
      .connect(
        { ip: '10.0.0.2', port: PORT },
        { onOpen: () => calls.push('open'), onFail: (r) => calls.push(r) },
      );
    sim.runUntil({ timeUs: LATENCY_US });
    expect(events(sim, 'connect_accepted')).toHaveLength(1);
    net.kill('n2');
    sim.runUntil({ timeUs: 10 * LATENCY_US });
    expect(calls).toEqual(['killed']);
  });

  it('a killed caller hears nothing about its pending connect', () => {
    const { sim, net } = world();
    net.host('n2').listen(PORT, () => {});
    const calls: string[] = [];
    net
      .host('n1')
      .connect(
        { ip: '10.0.0.2', port: PORT },
        { onOpen: () => calls.push('open'), onFail: (r) => calls.push(r) },
      );
    net.kill('n1');
    net.restart('n1');
    sim.runUntil({ timeUs: 100_000 });
    expect(calls).toEqual([]);
  });
});

describe('restart', () => {
  it('runs the boot callbacks, which can listen again', () => {
    const { sim, net } = world();
    const n2 = net.host('n2');
    const boots: number[] = [];
    n2.onBoot(() => {
      boots.push(n2.incarnation);
      n2.listen(PORT, () => {});
    });
    net.kill('n2');
    expect(() => n2.listen(PORT, () => {})).toThrow(/dead/);
    net.restart('n2');
    expect(boots).toEqual([1]);
    const calls: string[] = [];
    net
      .host('n1')
      .connect(
        { ip: n2.ip, port: PORT },
        { onOpen: () => calls.push('open'), onFail: (r) => calls.push(r) },
      );
    sim.runUntil({ timeUs: 100_000 });
    expect(calls).toEqual(['open']);
  });

  it('killing a dead host or restarting a live one is a no-op with no event', () => {
    const { sim, net } = world();
    net.restart('n1');
    net.kill('n2');
    net.kill('n2');
    expect(events(sim, 'node_restarted')).toHaveLength(0);
    expect(events(sim, 'node_killed')).toHaveLength(1);
    expect(net.host('n2').incarnation).toBe(1);
  });
});
