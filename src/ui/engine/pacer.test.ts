import { describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine';
import { makeSession, type Session, type SessionInput } from '../../core/session';
import { CROSSING_MS_AT_DEFAULT, DWELL_MS, PacketPacer, crossingMsAt } from './pacer';
import { EngineHost } from './engine-host';

const SPEED_1X = 1_000_000;

function session(input: SessionInput): Session {
  const made = makeSession(input);
  if (!made.ok) throw new Error(made.errors.join());
  return made.session;
}
const base = { wallDtMs: 16, speedUsPerS: SPEED_1X, nextEventUs: 50_000 };

describe('PacketPacer', () => {
  it('slows time so the shortest packet on the wire takes the crossing time', () => {
    const pacer = new PacketPacer();
    const step = pacer.next({
      ...base,
      nowUs: 1_000,
      flights: [
        { sentUs: 1_000, deliverUs: 2_000 }, // 1 ms crossing
        { sentUs: 500, deliverUs: 4_000 },
      ],
    });
    expect(step.rateUsPerS).toBeCloseTo((1_000 * 1000) / CROSSING_MS_AT_DEFAULT, 6);
    expect(step.skippedUs).toBe(0);
    expect(step.targetUs - 1_000).toBe(Math.round((step.rateUsPerS * 16) / 1000));
  });

  it('lingers after the last arrival, then jumps to the next event and reports the gap', () => {
    const pacer = new PacketPacer();
    pacer.next({ ...base, nowUs: 1_000, flights: [{ sentUs: 1_000, deliverUs: 2_000 }] });
    let nowUs = 2_000;
    let lingered = 0;
    for (;;) {
      const step = pacer.next({ ...base, nowUs, flights: [] });
      if (step.skippedUs > 0) {
        expect(step.targetUs).toBe(50_000);
        expect(step.skippedUs).toBe(50_000 - nowUs);
        break;
      }
      lingered += base.wallDtMs;
      expect(step.targetUs - nowUs).toBeLessThan(100); // still at the crossing's pace
      nowUs = step.targetUs;
    }
    expect(lingered).toBeGreaterThanOrEqual(DWELL_MS);
    expect(lingered).toBeLessThan(DWELL_MS + 2 * base.wallDtMs);
  });

  it('packets stalled at a cut set no pace, but while they wait time runs at the speed setting, unskipped', () => {
    const pacer = new PacketPacer();
    const waiting = pacer.next({
      ...base,
      nowUs: 10_000,
      flights: [{ sentUs: 1_000, deliverUs: null }],
    });
    expect(waiting).toEqual({ targetUs: 10_000 + 16_000, rateUsPerS: SPEED_1X, skippedUs: 0 });
    const idle = pacer.next({ ...base, nowUs: 10_000, flights: [] });
    expect(idle).toEqual({ targetUs: 50_000, rateUsPerS: SPEED_1X, skippedUs: 40_000 });
    // Idle, never slower than the speed setting: an event closer than a tick's worth is no skip.
    const close = pacer.next({ ...base, nowUs: 10_000, nextEventUs: 10_001, flights: [] });
    expect(close).toEqual({ targetUs: 26_000, rateUsPerS: SPEED_1X, skippedUs: 0 });
  });

  it('a faster speed setting shortens the crossing in proportion, within bounds', () => {
    expect(crossingMsAt(SPEED_1X)).toBe(CROSSING_MS_AT_DEFAULT);
    expect(crossingMsAt(10 * SPEED_1X)).toBeCloseTo(CROSSING_MS_AT_DEFAULT / 10, 6);
    expect(crossingMsAt(1e12)).toBe(40);
    expect(crossingMsAt(1)).toBe(20_000);
  });
});

describe('EngineHost following packets', () => {
  /** Plays ping-pong for `ticks` frames of 16 ms; counts frames with a packet moving. */
  function playPingPong(choice: 'auto' | 'rate', ticks: number) {
    let wallMs = 0;
    const host = new EngineHost(() => wallMs);
    host.setPacing(choice);
    host.load(session({ scenario: 'ping-pong', seed: 1n }));
    host.finishSeek();
    host.play();
    let moving = 0;
    let skippedUs = 0;
    for (let i = 0; i < ticks; i++) {
      wallMs += 16;
      host.work(1000);
      const frame = host.frame();
      if (frame === null) continue;
      skippedUs += frame.pace.skippedUs;
      if (frame.view.packets.some((p) => p.status === 'in-flight')) moving++;
    }
    return { host, moving, skippedUs };
  }

  it('auto follows packets in ping-pong: most frames show one moving, and quiet gaps are skipped', () => {
    const { host, moving, skippedUs } = playPingPong('auto', 600);
    expect(host.pacingMode).toBe('packets');
    expect(moving / 600).toBeGreaterThan(0.6);
    expect(skippedUs).toBeGreaterThan(100_000);
  });

  it('at a steady 1× rate, packets are rarely on screen (what following packets fixes)', () => {
    const { host, moving, skippedUs } = playPingPong('rate', 600);
    expect(host.pacingMode).toBe('rate');
    expect(moving / 600).toBeLessThan(0.2);
    expect(skippedUs).toBe(0);
  });

  it('auto plays a large mesh at a steady rate', () => {
    const host = new EngineHost(() => 0);
    host.load(session({ scenario: 'mesh', seed: 1n, params: { nodes: 10 } }));
    expect(host.pacingMode).toBe('rate');
  });

  it('following packets changes nothing in the run: the same moment has the same hash', () => {
    const { host } = playPingPong('auto', 300);
    host.pause();
    const engine = host.current!;
    const at = engine.nowUs();
    const events = engine.sim.events;
    const replay = createEngine(engine.session());
    replay.runUntil({ timeUs: at, events });
    expect(replay.traceHash()).toBe(engine.traceHash());
  });

  it('play until a moment pauses exactly there, with the same hash as a seek to it (a lesson plays into its step)', () => {
    let wallMs = 0;
    const host = new EngineHost(() => wallMs);
    host.load(session({ scenario: 'ping-pong', seed: 1n }), 200_000);
    host.finishSeek();
    host.play(523_000);
    for (let i = 0; i < 2000 && host.current?.nowUs() !== 523_000; i++) {
      wallMs += 16;
      host.work(1000);
      host.frame();
    }
    const frame = host.frame() ?? (host.touch(), host.frame());
    expect(frame?.timeUs).toBe(523_000);
    expect(frame?.playing).toBe(false);
    wallMs += 500;
    host.work(1000);
    expect(host.current?.nowUs()).toBe(523_000);
    const straight = new EngineHost(() => wallMs);
    straight.load(session({ scenario: 'ping-pong', seed: 1n }), 523_000);
    straight.finishSeek();
    expect(host.current?.traceHash()).toBe(straight.current?.traceHash());
  });
});
