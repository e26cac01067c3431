import { describe, expect, it } from 'vitest';
import { sweep, runToEnd, session } from '../../testing/scenario-runs';
import {
  INV_AT_LEAST_ONCE,
  INV_CONN_ORDER,
  INV_INTACT,
  INV_UNRELIABLE_ONCE,
  StreamOracle,
} from './stream-oracle';
import { payloadFor } from './stream-messages';
import { Sim } from '../../sim';
import { Network } from '../../net';
import { Liveness } from '../invariants/liveness';

const COVERAGE_KINDS = [
  'checksum_failed',
  'ping_timeout',
  'queue_full',
  'message_retransmitted',
] as const;

describe('reliable-stream sweeps (issue 3)', () => {
  for (const chaos of ['storm', 'corrupt']) {
    it(`200 seeds under ${chaos}: zero violations, and the invariants were really checked`, () => {
      const seen: Record<string, number> = {};
      let reconnects = 0;
      let judged = 0;
      const failures = sweep('reliable-stream', chaos, 200, (s) => {
        for (const k of COVERAGE_KINDS) seen[k] = (seen[k] ?? 0) + (s.traceCounts[k] ?? 0);
        reconnects +=
          s.assertions.find((a) => a.name.startsWith('coverage: a peer reconnected'))?.pass ?? 0;
        judged += s.assertions.find((a) => a.name === INV_AT_LEAST_ONCE)?.pass ?? 0;
        for (const name of [INV_INTACT, INV_CONN_ORDER])
          expect(s.assertions.find((a) => a.name === name)?.pass).toBeGreaterThan(0);
      });
      expect(failures).toEqual([]);
      expect(judged).toBeGreaterThan(150); // the end-of-run liveness check ran in most seeds
      seen.reconnect = reconnects;
      if (chaos === 'storm')
        for (const k of [...COVERAGE_KINDS, 'reconnect']) expect(seen[k], k).toBeGreaterThan(0);
      else expect(seen.checksum_failed).toBeGreaterThan(0);
    });
  }

  it('the oracle catches reordering, duplicate unreliable delivery, corruption and loss (it can fail)', () => {
    const sim = new Sim({ seed: 1n });
    const net = new Network(sim);
    const sender = net.addHost('n1', '10.0.0.1');
    const receiver = net.addHost('n2', '10.0.0.2');
    const oracle = new StreamOracle(
      sim,
      'n1',
      new Liveness(sim, net, { graceUs: 1_000_000, quietAfterUs: null, holdUs: 5_000_000 }),
    );
    const msg = (seq: number, reliable: boolean) => ({
      seq,
      inc: 0,
      reliable,
      payload: payloadFor(0, seq, 4),
    });
    oracle.accepted(0, 0, true, 1);
    oracle.accepted(0, 1, true, 2);
    oracle.accepted(0, 2, false, 3);
    oracle.delivered(receiver, 7, msg(1, true), true);
    oracle.delivered(receiver, 7, msg(0, true), true); // reordered within connection 7
    oracle.delivered(receiver, 8, msg(2, false), true);
    oracle.delivered(receiver, 9, msg(2, false), true); // unreliable twice
    oracle.delivered(receiver, 9, msg(3, true), false); // corrupted payload
    const names = () => sim.assertions.violations.map((v) => v.name);
    expect(names()).toEqual([INV_CONN_ORDER, INV_UNRELIABLE_ONCE, INV_INTACT]);
    oracle.accepted(0, 4, true, 5); // never delivered
    sim.runUntil({ timeUs: 60_000_000 });
    oracle.checkAtLeastOnce(sender, 5_000_000);
    expect(names()[3]).toBe(INV_AT_LEAST_ONCE);
    expect(sim.assertions.violations[3]?.message).toContain('4');
  });

  it('a broken transport that forgets reliable messages on reconnect is caught by the sweep', () => {
    const failing: string[] = [];
    for (let seed = 1n; seed <= 10n; seed++) {
      const s = runToEnd(session('reliable-stream', seed, 'storm', { resendReliable: 0 }));
      if (s.violations.some((v) => v.name === INV_AT_LEAST_ONCE)) failing.push(String(seed));
    }
    expect(failing.length).toBeGreaterThanOrEqual(5);
  });

  it('a partition that is never healed is not judged for liveness (no false positive)', () => {
    const s = runToEnd(
      session('reliable-stream', 7n, 'calm', undefined, [
        { atUs: 5_000_000, action: { kind: 'partition', a: 'n1', b: 'n2', oneWay: false } },
      ]),
    );
    expect(s.violations).toEqual([]);
    expect(s.assertions.find((a) => a.name === INV_AT_LEAST_ONCE)).toMatchObject({
      pass: 0,
      fail: 0,
    });
  });

  it('unreliable messages are never delivered twice and drop-oldest evictions are excluded from at-least-once', () => {
    const failures = sweep('reliable-stream', 'storm', 30, (s) => {
      expect(s.assertions.find((a) => a.name === INV_UNRELIABLE_ONCE)?.fail).toBe(0);
    });
    expect(failures).toEqual([]);
    const evicting = runToEnd(
      session('reliable-stream', 5n, 'storm', { dropOldest: 1, maxQueuedMessages: 4 }),
    );
    expect(evicting.violations).toEqual([]);
    expect(evicting.outcomes.evicted).toBeGreaterThan(0);
  });
});
