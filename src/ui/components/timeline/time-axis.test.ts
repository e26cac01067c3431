import { describe, expect, it } from 'vitest';
import {
  centreOn,
  followStart,
  formatSpan,
  formatTick,
  niceStep,
  panWindow,
  ticks,
  zoomWindow,
  type TimeWindow,
} from './time-axis';

describe('time axis', () => {
  it('picks 1-2-5 steps', () => {
    expect(niceStep(0.3)).toBe(1);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(150)).toBe(200);
    expect(niceStep(1000)).toBe(1000);
    expect(niceStep(6_000_000)).toBe(10_000_000);
  });

  it('lists ticks inside the window', () => {
    expect(ticks(150, 1000, 200)).toEqual([200, 400, 600, 800, 1000]);
    expect(ticks(0, 0, 10)).toEqual([0]);
  });

  it('labels ticks in ms or s with the digits the step needs', () => {
    expect(formatTick(105_000, 5_000)).toBe('105 ms');
    expect(formatTick(105_250, 50)).toBe('105.25 ms');
    expect(formatTick(105_257, 1)).toBe('105.257 ms');
    expect(formatTick(1_500_000, 500_000)).toBe('1.5 s');
    expect(formatTick(4_000_000, 2_000_000)).toBe('4 s');
    expect(formatTick(4_000_000, 1_000_000)).toBe('4 s');
    expect(formatSpan(2_000_000)).toBe('2 s');
    expect(formatSpan(250)).toBe('250 µs');
  });
});

describe('time window', () => {
  const w: TimeWindow = { t0: 0, spanUs: 1000, follow: true };

  it('follows the playhead smoothly, or by pages with reduced motion', () => {
    expect(followStart(w, 500, false)).toBe(0);
    expect(followStart(w, 2000, false)).toBe(1150);
    expect(followStart(w, 500, true)).toBe(0);
    expect(followStart(w, 2000, true)).toBe(1950);
    expect(followStart({ ...w, t0: 1950 }, 2500, true)).toBe(1950);
  });

  it('zooms about an anchor and pans without going before 0', () => {
    const z = zoomWindow({ t0: 1000, spanUs: 1000, follow: false }, 0.5, 1500);
    expect(z).toEqual({ t0: 1250, spanUs: 500, follow: false });
    expect(zoomWindow(w, 1e-9, 0).spanUs).toBe(50);
    expect(panWindow({ t0: 100, spanUs: 1000, follow: true }, -500)).toEqual({
      t0: 0,
      spanUs: 1000,
      follow: false,
    });
    expect(centreOn(w, 5000).t0).toBe(4500);
  });
});
