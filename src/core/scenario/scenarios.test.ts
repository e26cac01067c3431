import { describe, expect, it } from 'vitest';
import { Rng } from '../sim';
import { createEngine } from '../engine';
import { sessionFromQuery, sessionToQuery } from '../session-query';
import { RPC_ERROR_KINDS } from '../rpc';
import { SCENARIOS } from './registry';
import { runToEnd, session, sweep } from '../testing/scenario-runs';
import { runInRandomSteps } from '../../cli/check-determinism';

describe('ping-pong (the seed example)', () => {
  it('seed 42, calm, 250 pings: every ping is answered with its own id, and liveness held', () => {
    const s = runToEnd(session('ping-pong', 42n, 'calm', { pings: 250 }));
    expect(s.violations).toEqual([]);
    expect(s.outcomes).toEqual({ answered: 250 });
    expect(s.assertions.find((a) => a.name.startsWith('ping-pong: every pong'))).toMatchObject({
      pass: 250,
      fail: 0,
    });
    expect(s.liveness.status).toBe('held');
  });

  it('seed 42, storm: the run finishes and every failure is a typed error, never a hang', () => {
    const s = runToEnd(session('ping-pong', 42n, 'storm'));
    expect(s.violations).toEqual([]);
    expect(s.simTimeUs).toBe(60_000_000);
    expect(s.liveness.status).toBe('held'); // chaos went quiet at 10 s; judged from 10 s + grace
    const failures = Object.keys(s.outcomes).filter((k) => k !== 'answered');
    expect(failures.length).toBeGreaterThan(0);
    for (const kind of failures) expect(RPC_ERROR_KINDS).toContain(kind);
    const total = Object.values(s.outcomes).reduce((a, b) => a + b, 0);
    expect(total).toBe(s.traceCounts.rpc_sent); // exactly one outcome per request
  });
});

describe('every scenario', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: same seed, same hash; different seeds, different hashes`, () => {
      const a = runToEnd(session(scenario.id, 7n, 'storm'), 5_000_000);
      const b = runToEnd(session(scenario.id, 7n, 'storm'), 5_000_000);
      const c = runToEnd(session(scenario.id, 8n, 'storm'), 5_000_000);
      expect(a.traceHash).toBe(b.traceHash);
      expect(a.traceHash).not.toBe(c.traceHash);
    });

    it(`${scenario.id}: stepping in random-sized chunks gives the hash of a straight run`, () => {
      const s = session(scenario.id, 11n, 'storm');
      const straight = runToEnd(s, 6_000_000);
      const engine = createEngine(s);
      runInRandomSteps(engine, 6_000_000, new Rng(11n, 'test-stepper'));
      expect(engine.finish().traceHash).toBe(straight.traceHash);
    });

    it(`${scenario.id}: 40 seeds under storm have zero violations`, () => {
      expect(sweep(scenario.id, 'storm', 40)).toEqual([]);
    });
  }
});

describe('coverage across the stack (issue 4)', () => {
  it('storm sweeps reach reconnects, retransmissions, MaybeDelivered, BrokenPromise, EndpointNotFound and checksum failures', () => {
    const held = new Map<string, number>();
    for (const id of ['ping-pong', 'mesh', 'fan-in', 'hash-chain']) {
      sweep(id, 'storm', 15, (s) => {
        for (const a of s.assertions) if (a.pass > 0) held.set(a.name, (held.get(a.name) ?? 0) + 1);
        if ((s.traceCounts.checksum_failed ?? 0) > 0)
          held.set('checksum', (held.get('checksum') ?? 0) + 1);
      });
    }
    for (const name of [
      'coverage: a peer reconnected after losing its connection',
      'coverage: a reliable message was retransmitted',
      'coverage: an RPC failed with MaybeDelivered',
      'coverage: an RPC failed with BrokenPromise',
      'coverage: an RPC failed with EndpointNotFound',
      'checksum',
    ]) {
      expect(held.get(name) ?? 0, name).toBeGreaterThan(0);
    }
  });
});

describe('sessions with interventions replay exactly', () => {
  it('partition at 1 s, heal at 3 s, kill at 5 s: applied live, replayed from the URL query, same hash', () => {
    const live = createEngine(session('ping-pong', 42n, 'calm'));
    live.runUntil({ timeUs: 1_000_000 });
    live.apply({ kind: 'partition', a: 'n1', b: 'n2', oneWay: false });
    live.runUntil({ timeUs: 3_000_000 });
    live.apply({ kind: 'heal' });
    live.runUntil({ timeUs: 5_000_000 });
    live.apply({ kind: 'kill', node: 'n2' });
    live.runUntil({ timeUs: 8_000_000 });
    const query = sessionToQuery(live.session(), live.nowUs());
    expect(query).toContain('script=1s_partition_n1_n2~3s_heal~5s_kill_n2');
    const parsed = sessionFromQuery(query);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    expect(parsed.state.atUs).toBe(8_000_000);
    const replay = createEngine(parsed.state.session);
    replay.runUntil({ timeUs: parsed.state.atUs as number });
    expect(replay.traceHash()).toBe(live.traceHash());
    expect(replay.sim.trace.count('partition_created')).toBe(1);
    expect(replay.sim.trace.count('node_killed')).toBe(1);
  });

  it('an intervention between two events of the same instant replays after exactly as many events', () => {
    const live = createEngine(session('mesh', 3n, 'calm'));
    live.runUntil({ timeUs: 2_000_000 });
    let applied = false;
    for (let i = 0; i < 5000 && !applied; i++) {
      live.step();
      if (live.sim.nextEventUs() === live.nowUs()) {
        live.apply({ kind: 'corrupt', a: 'n1', b: 'n2' });
        applied = true;
      }
    }
    expect(applied).toBe(true);
    expect(live.session().script[0]?.afterEvents).toBeGreaterThan(0);
    live.runUntil({ timeUs: 4_000_000 });
    const parsed = sessionFromQuery(sessionToQuery(live.session()));
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const replay = createEngine(parsed.state.session);
    runInRandomSteps(replay, 4_000_000, new Rng(5n, 'stepper'));
    expect(replay.traceHash()).toBe(live.traceHash());
  });

  it('intervening after seeking back drops the replayed future (a fork)', () => {
    const first = createEngine(session('ping-pong', 1n, 'calm'));
    first.runUntil({ timeUs: 4_000_000 });
    first.apply({ kind: 'partition', a: 'n1', b: 'n2', oneWay: false });
    const rewound = createEngine(first.session()); // seek back to 2 s: rebuild and run
    rewound.runUntil({ timeUs: 2_000_000 });
    rewound.apply({ kind: 'kill', node: 'n1' });
    rewound.runUntil({ timeUs: 6_000_000 });
    expect(rewound.session().script.map((e) => e.action.kind)).toEqual(['kill']);
    expect(rewound.sim.trace.count('partition_created')).toBe(0);
  });
});
