/*
 * The per-call ledger, fed hand-written trace events: it passes a clean call's
 * life and names each kind of breakage, with the call in the message.
 */
import { describe, expect, it } from 'vitest';
import { Sim, type RpcErrorKind, type TraceFieldsOf } from '../../sim';
import {
  INV_DEAD_CALLS,
  INV_DEADLINE,
  INV_INTACT,
  INV_ONE_OUTCOME,
  INV_ROUTE,
  INV_SEEN,
  watchRpcLedger,
} from './rpc-ledger';

const REPLY_TO = 1111;
const BODY = 42;
const ANSWER = 77;

function ledger() {
  const sim = new Sim({ seed: 1n });
  const l = watchRpcLedger(sim, null);
  const at = (timeUs: number) => sim.runUntil({ timeUs });
  const sent = (rpc: string, extra: Partial<TraceFieldsOf<'rpc_sent'>> = {}) =>
    sim.emit('n2', 'rpc_sent', {
      rpc,
      toEndpoint: 'n1/ep',
      reliable: true,
      deadlineUs: 1000,
      replyTo: REPLY_TO,
      digest: BODY,
      ...extra,
    });
  const received = (
    rpc: string,
    conn: number,
    extra: Partial<TraceFieldsOf<'rpc_received'>> = {},
  ) =>
    sim.emit('n1', 'rpc_received', {
      rpc,
      endpoint: 'ping',
      conn,
      replyTo: REPLY_TO,
      digest: BODY,
      ...extra,
    });
  const answered = (rpc: string, extra: Partial<TraceFieldsOf<'rpc_answered'>> = {}) =>
    sim.emit('n1', 'rpc_answered', {
      rpc,
      replyTo: REPLY_TO,
      digest: ANSWER,
      error: null,
      ...extra,
    });
  const replied = (rpc: string, digest = ANSWER) =>
    sim.emit('n2', 'rpc_replied', { rpc, latencyUs: 5, digest });
  const failed = (rpc: string, error: RpcErrorKind) =>
    sim.emit('n2', 'rpc_failed', { rpc, error, latencyUs: 5 });
  const violations = () => sim.assertions.violations.map((v) => v.name);
  const messages = () => sim.assertions.violations.map((v) => v.message);
  return { sim, l, at, sent, received, answered, replied, failed, violations, messages };
}

describe('the RPC ledger', () => {
  it('passes a call resent on a new connection, answered twice, replied once', () => {
    const t = ledger();
    t.sent('n2#1');
    t.received('n2#1', 7);
    t.answered('n2#1');
    t.received('n2#1', 9); // resent after a reconnect: once per connection is allowed
    t.answered('n2#1');
    t.replied('n2#1');
    t.l.finish();
    expect(t.violations()).toEqual([]);
    expect(
      t.sim.assertions
        .report()
        .filter((r) => r.name.startsWith('ledger:'))
        .every((r) => r.fail === 0),
    ).toBe(true);
  });

  it('catches a reply sent to another call’s endpoint and names both calls', () => {
    const t = ledger();
    t.sent('n2#1');
    t.sent('n2#2', { replyTo: 2222 });
    t.received('n2#2', 7, { replyTo: 2222 });
    t.answered('n2#2', { replyTo: REPLY_TO });
    expect(t.violations()).toEqual([INV_ROUTE]);
    expect(t.messages()[0]).toContain('n2#2');
    expect(t.messages()[0]).toContain('n2#1');
  });

  it('catches a reply the server never produced for the call, and a BrokenPromise nobody gave', () => {
    const t = ledger();
    t.sent('n2#1');
    t.received('n2#1', 7);
    t.answered('n2#1');
    t.replied('n2#1', ANSWER + 1);
    t.sent('n2#2', { replyTo: 3 });
    t.failed('n2#2', 'BrokenPromise');
    expect(t.violations()).toEqual([INV_INTACT, INV_ROUTE]);
  });

  it('catches a request seen twice on one connection, an at-most-once request seen twice, and one nobody sent', () => {
    const t = ledger();
    t.sent('n2#1');
    t.received('n2#1', 7);
    t.received('n2#1', 7);
    t.sent('n2#2', { reliable: false, replyTo: 5 });
    t.received('n2#2', 7, { replyTo: 5 });
    t.received('n2#2', 8, { replyTo: 5 });
    t.received('n2#99', 7);
    expect(t.violations()).toEqual([INV_SEEN, INV_SEEN, INV_SEEN]);
    expect(t.messages()[0]).toContain('connection 7');
    expect(t.messages()[2]).toContain('n2#99');
  });

  it('catches a body that changed between the two applications', () => {
    const t = ledger();
    t.sent('n2#1');
    t.received('n2#1', 7, { digest: BODY + 1 });
    expect(t.violations()).toEqual([INV_INTACT]);
  });

  it('catches an outcome after the deadline as it happens, and a call still pending past it', () => {
    const t = ledger();
    t.sent('n2#1'); // deadline 1000 µs
    t.at(1500);
    t.failed('n2#1', 'Timeout');
    expect(t.violations()).toEqual([INV_DEADLINE]);
    t.sent('n2#2', { replyTo: 9 });
    t.at(3000);
    t.sent('n2#3', { replyTo: 10 }); // any ledger event sweeps the overdue ones
    expect(t.violations()).toEqual([INV_DEADLINE, INV_DEADLINE]);
    expect(t.messages()[1]).toContain('n2#2 has no outcome');
    t.failed('n2#2', 'Timeout'); // already reported: not twice
    expect(t.violations()).toHaveLength(2);
  });

  it('catches two outcomes, an outcome for a call never made, and an outcome for a killed node’s call', () => {
    const t = ledger();
    t.sent('n2#1');
    t.received('n2#1', 7);
    t.answered('n2#1');
    t.replied('n2#1');
    t.replied('n2#1');
    t.failed('n2#404', 'Timeout');
    t.sent('n2#2', { replyTo: 6 });
    t.sim.emit('n2', 'node_killed', {
      incarnation: 0,
      origin: 'chaos',
      connections: 1,
      listeners: 1,
    });
    t.failed('n2#2', 'Timeout');
    expect(t.violations()).toEqual([INV_ONE_OUTCOME, INV_ONE_OUTCOME, INV_DEAD_CALLS]);
  });
});
