/* The backoff rules, fed hand-written trace events: attempts must count and reset; delays must be jittered. */
import { describe, expect, it } from 'vitest';
import { Sim } from '../../sim';
import { peerConfig } from '../../peer';
import {
  INV_BACKOFF_JITTER,
  INV_BACKOFF_RESET,
  uncappedBackoffUs,
  watchBackoffRules,
} from './backoff-rules';

const config = peerConfig();

/** The window a real peer would report with a backoff for `attempt` (the rules read only attempt and delayUs). */
function windowOf(attempt: number): { minUs: number; maxUs: number; capUs: number } {
  const baseUs = Math.min(Math.round(uncappedBackoffUs(config, attempt)), config.maxBackoffUs);
  const spreadUs = Math.round((baseUs * config.backoffJitterPpm) / 1_000_000);
  const capUs = config.maxBackoffUs;
  return {
    minUs: Math.min(baseUs - spreadUs, capUs),
    maxUs: Math.min(baseUs + spreadUs, capUs),
    capUs,
  };
}

function checked() {
  const sim = new Sim({ seed: 1n });
  watchBackoffRules(sim, () => config);
  const backoff = (peerAddr: string, attempt: number, delayUs: number) =>
    sim.emit('n1', 'backoff_scheduled', { peerAddr, attempt, delayUs, ...windowOf(attempt) });
  const connected = (peerAddr: string, conn: number) =>
    sim.emit('n1', 'peer_state_changed', {
      peerAddr,
      fromState: 'connecting',
      toState: 'connected',
      reason: 'connected',
      conn,
    });
  const frame = (node: string, conn: number) =>
    sim.emit(node, 'packet_delivered', {
      conn,
      fromAddr: 'x',
      toAddr: 'y',
      offset: 0,
      bytes: 30,
      packet: 'message',
      crc: 1,
    });
  const violations = () => sim.assertions.violations.map((v) => v.name);
  return { sim, backoff, connected, frame, violations };
}

describe('backoff rules', () => {
  it('pass attempts that count up and reset after a frame arrived on the peer’s connection', () => {
    const t = checked();
    t.backoff('p', 1, 95_000);
    t.backoff('p', 2, 210_000);
    t.connected('p', 4);
    t.frame('n1', 4);
    t.backoff('p', 1, 101_000);
    expect(t.violations()).toEqual([]);
  });

  it('catch an attempt that never resets, one that skips, and a reset without a frame', () => {
    const t = checked();
    t.backoff('p', 1, 95_000);
    t.connected('p', 4);
    t.frame('n1', 4);
    t.backoff('p', 2, 190_000); // a frame arrived: should have been 1
    t.backoff('q', 2, 190_000); // q never failed before: should be 1
    t.backoff('r', 1, 95_000);
    t.frame('n2', 4); // a frame on the other side of connection 4 is not r's, and r is on no connection
    t.backoff('r', 1, 95_000); // no frame since: should be 2
    expect(t.violations()).toEqual([INV_BACKOFF_RESET, INV_BACKOFF_RESET, INV_BACKOFF_RESET]);
  });

  it('forget a killed node’s peers (a restart starts counting again)', () => {
    const t = checked();
    t.backoff('p', 1, 95_000);
    t.sim.emit('n1', 'node_killed', {
      incarnation: 0,
      origin: 'chaos',
      connections: 0,
      listeners: 1,
    });
    t.backoff('p', 1, 95_000);
    expect(t.violations()).toEqual([]);
  });

  it('catch three draws in a row exactly on the un-jittered delay, not two', () => {
    const t = checked();
    t.backoff('p', 1, 100_000);
    t.backoff('p', 2, 200_000);
    t.backoff('p', 3, 400_123);
    t.backoff('p', 4, 800_000);
    t.backoff('p', 5, 1_600_000);
    expect(t.violations()).toEqual([]);
    t.backoff('p', 6, 3_200_000);
    expect(t.violations()).toEqual([INV_BACKOFF_JITTER]);
  });
});
