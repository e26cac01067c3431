/*
 * Liveness with a quiet tail, on real runs: judged after chaos goes quiet and
 * the grace window passes, never a silent pass when the run is too short or
 * the user left a fault standing, and a violation when a settled network
 * fails a call.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd, session } from '../../testing/scenario-runs';
import { peerConfig } from '../../peer';
import { INV_LIVE_CALLS, Liveness, livenessGraceUs } from './liveness';
import { Sim } from '../../sim';
import { Network } from '../../net';

describe('liveness', () => {
  it('grace is the transport’s own numbers: connect timeout + max backoff + ping interval + two ping timeouts', () => {
    expect(livenessGraceUs(peerConfig())).toBe(5_000_000 + 30_000_000 + 1_000_000 + 2 * 2_000_000);
    expect(livenessGraceUs(peerConfig({ maxBackoffUs: 5_000_000 }))).toBe(15_000_000);
  });

  it('on calm nothing ever faults: judged from 0, every ping answered', () => {
    const s = runToEnd(session('ping-pong', 3n, 'calm', { pings: 250 }));
    expect(s.liveness).toMatchObject({ status: 'held', judgedFromUs: 0 });
    expect(s.outcomes).toEqual({ answered: 250 });
  });

  it('under storm: judged from chaos going quiet + grace, and held', () => {
    const s = runToEnd(session('mesh', 3n, 'storm'));
    expect(s.liveness.status).toBe('held');
    expect(s.liveness.judgedFromUs).toBe(10_000_000 + 42_000_000 - 2_000_000); // quiet at 10 s, grace 40 s
    expect(s.violations).toEqual([]);
  });

  it('a run that ends before its quiet tail is "not judged", and says from when it would be', () => {
    const s = runToEnd(session('mesh', 3n, 'storm'), 30_000_000);
    expect(s.liveness.status).toBe('not judged');
    expect(s.liveness.reason).toContain('judged from 50.000s');
    expect(s.assertions.find((a) => a.name === INV_LIVE_CALLS)).toMatchObject({ pass: 0, fail: 0 });
  });

  it('a cut the user left standing is "not judged", naming the intervention — no false positive', () => {
    const cut = {
      atUs: 2_000_000,
      action: { kind: 'partition' as const, a: 'n1', b: 'n2', oneWay: false },
    };
    const s = runToEnd(session('ping-pong', 1n, 'calm', undefined, [cut]));
    expect(s.violations).toEqual([]);
    expect(s.liveness.status).toBe('not judged');
    expect(s.liveness.reason).toContain('`partition n1 n2` at 2.000s is still in force');
  });

  it('a cut the user healed moves the judgement to heal + grace', () => {
    const script = [
      { atUs: 2_000_000, action: { kind: 'kill' as const, node: 'n1' } },
      { atUs: 3_000_000, action: { kind: 'restart' as const, node: 'n1' } },
    ];
    const s = runToEnd(session('ping-pong', 1n, 'calm', undefined, script));
    expect(s.liveness).toMatchObject({ status: 'held', judgedFromUs: 3_000_000 + 40_000_000 });
  });

  it('a server that drops every second reply fails liveness on calm, naming the call', () => {
    const s = runToEnd(session('ping-pong', 1n, 'calm', { pings: 250 }, undefined, 'drop-replies'));
    expect(s.liveness.status).toBe('violated');
    expect(s.violations[0]?.name).toBe(INV_LIVE_CALLS);
    expect(s.violations[0]?.message).toMatch(/call n2#\d+, issued at .* failed with Timeout/);
  });

  it('reliable-stream judges at-least-once from the quiet tail: a 45 s run catches a transport that forgets', () => {
    let caught = 0;
    for (let seed = 1n; seed <= 10n; seed++) {
      const s = runToEnd(
        session('reliable-stream', seed, 'storm', { resendReliable: 0 }),
        45_000_000,
      );
      expect(s.liveness.status).not.toBe('not judged');
      if (s.liveness.status === 'violated') caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(5);
  });

  it('MaybeDelivered on a settled network is normal only when the caller’s connection to that address was lost or replaced after the call', () => {
    const sim = new Sim({ seed: 1n });
    const net = new Network(sim);
    net.addHost('n1', '10.0.0.1');
    net.addHost('n2', '10.0.0.2');
    const liveness = new Liveness(sim, net, {
      graceUs: 1_000_000,
      quietAfterUs: null,
      holdUs: 1_000_000,
    });
    const to = '10.0.0.2:4500/0000000000000001:0000000000000002';
    liveness.callEnded('n1#1', 'n1', 0, 'MaybeDelivered', to);
    expect(sim.assertions.violations.map((v) => v.name)).toEqual([INV_LIVE_CALLS]);
    sim.runUntil({ timeUs: 5 });
    sim.emit('n1', 'peer_state_changed', {
      peerAddr: '10.0.0.2:4500',
      fromState: 'connected',
      toState: 'connected',
      reason: 'incoming connection',
      conn: 9,
    });
    liveness.callEnded('n1#2', 'n1', 3, 'MaybeDelivered', to); // its connection was replaced after it was sent
    liveness.callEnded('n1#3', 'n1', 6, 'MaybeDelivered', to); // sent after the replacement: unexplained
    expect(sim.assertions.violations.map((v) => v.name)).toEqual([INV_LIVE_CALLS, INV_LIVE_CALLS]);
    expect(sim.assertions.violations[1]?.message).toContain('n1#3');
  });
});
