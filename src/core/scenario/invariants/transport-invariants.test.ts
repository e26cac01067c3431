/* The transport checker, fed hand-written trace events: it must pass a clean stream and name each kind of breakage. */
import { describe, expect, it } from 'vitest';
import { Sim } from '../../sim';
import { peerConfig } from '../../peer';
import {
  expectedBackoffWindowUs,
  INV_BACKOFF_BOUNDS,
  INV_CHECKSUM,
  INV_FRAME_ORDER,
  INV_QUEUE_BOUNDS,
  watchTransportInvariants,
} from './transport-invariants';

const config = peerConfig({ maxQueuedMessages: 4, maxQueuedBytes: 1000 });

function checked(): Sim {
  const sim = new Sim({ seed: 1n });
  watchTransportInvariants(sim, () => config);
  return sim;
}

const sent = (sim: Sim, offset: number, bytes: number, crc: number) =>
  sim.emit('n1', 'packet_sent', {
    conn: 7,
    fromAddr: '10.0.0.1:4500',
    toAddr: '10.0.0.2:4500',
    offset,
    bytes,
    packet: 'data',
    msg: 1,
    crc,
  });
const delivered = (sim: Sim, offset: number, bytes: number, crc: number) =>
  sim.emit('n2', 'packet_delivered', {
    conn: 7,
    fromAddr: '10.0.0.1:4500',
    toAddr: '10.0.0.2:4500',
    offset,
    bytes,
    packet: 'message',
    crc,
  });
const violated = (sim: Sim) => sim.assertions.violations.map((v) => v.name);

describe('transport invariants', () => {
  it('pass frames delivered in order with the CRC they were sent with, large frames included', () => {
    const sim = checked();
    const big = 3 * 1024 * 1024; // above what packs into one number with its CRC
    sent(sim, 0, 100, 0xffffffff);
    sent(sim, 100, big, 0x12345678);
    sent(sim, 100 + big, 50, 7);
    delivered(sim, 0, 100, 0xffffffff);
    delivered(sim, 100, big, 0x12345678);
    delivered(sim, 100 + big, 50, 7);
    expect(violated(sim)).toEqual([]);
    expect(sim.assertions.report().find((r) => r.name === INV_FRAME_ORDER)?.pass).toBe(3);
  });

  it('follow a long stream (past the compaction of their sent-frame list) and still catch the first bad frame', () => {
    const sim = checked();
    for (let i = 0; i < 300; i++) sent(sim, i * 10, 10, i);
    for (let i = 0; i < 299; i++) delivered(sim, i * 10, 10, i);
    expect(violated(sim)).toEqual([]);
    delivered(sim, 2990, 10, 1);
    expect(violated(sim)).toEqual([INV_CHECKSUM]);
  });

  it('catch a frame that skips ahead, one never sent, and one of the wrong size', () => {
    for (const [offset, bytes] of [
      [100, 50],
      [40, 60],
      [0, 99],
    ] as const) {
      const sim = checked();
      sent(sim, 0, 100, 1);
      sent(sim, 100, 50, 2);
      delivered(sim, offset, bytes, offset === 0 ? 1 : 2);
      expect(violated(sim)).toContain(INV_FRAME_ORDER);
    }
  });

  it('catch a payload delivered with a CRC other than the one sent, big or small', () => {
    for (const bytes of [100, 3 * 1024 * 1024]) {
      const sim = checked();
      sent(sim, 0, bytes, 0xdeadbeef);
      delivered(sim, 0, bytes, 0xdeadbeee);
      expect(violated(sim)).toEqual([INV_CHECKSUM]);
      expect(sim.assertions.violations[0]?.message).toContain(String(0xdeadbeef));
    }
  });

  it('catch a queue over its bounds and a backoff outside its window', () => {
    const sim = checked();
    sim.emit('n1', 'message_queued', {
      peerAddr: 'p',
      msg: 1,
      reliable: true,
      bytes: 10,
      packet: 'data',
      queued: 4,
      queuedBytes: 1000,
    });
    expect(violated(sim)).toEqual([]);
    sim.emit('n1', 'message_queued', {
      peerAddr: 'p',
      msg: 2,
      reliable: true,
      bytes: 10,
      packet: 'data',
      queued: 5,
      queuedBytes: 10,
    });
    expect(violated(sim)).toEqual([INV_QUEUE_BOUNDS]);
    const { lo, hi } = expectedBackoffWindowUs(config, 2);
    const first = expectedBackoffWindowUs(config, 1).lo + 7;
    // Each peer fails twice in a row (attempts 1, 2): the second draw is the one under test.
    // The window fields are what a peer reports alongside; the checker recomputes the window from the config.
    const reported = (attempt: number) => {
      const w = expectedBackoffWindowUs(config, attempt);
      return { minUs: w.lo, maxUs: w.hi, capUs: config.maxBackoffUs };
    };
    const twoFailures = (peerAddr: string, secondDelayUs: number) => {
      sim.emit('n1', 'backoff_scheduled', { peerAddr, attempt: 1, delayUs: first, ...reported(1) });
      sim.emit('n1', 'backoff_scheduled', {
        peerAddr,
        attempt: 2,
        delayUs: secondDelayUs,
        ...reported(2),
      });
    };
    twoFailures('p', lo);
    twoFailures('q', hi);
    expect(violated(sim)).toEqual([INV_QUEUE_BOUNDS]);
    twoFailures('r', hi + 1);
    expect(violated(sim)).toEqual([INV_QUEUE_BOUNDS, INV_BACKOFF_BOUNDS]);
  });
});
