/*
 * The trace's ring: what `since` hands back, and `keep` turning the ring on
 * mid-run (a headless engine that starts watching before a far moment). The
 * hash never depends on what the ring keeps.
 */
import { describe, expect, it } from 'vitest';
import { Trace } from './trace';

function emitN(trace: Trace, n: number): void {
  for (let i = 0; i < n; i++) trace.emit(i, 'n1', 'buggify_fired', { site: `s${i}` }, -1);
}

describe('trace ring', () => {
  it('keeps the newest `capacity` events and counts the rest as evicted', () => {
    const trace = new Trace(4);
    emitN(trace, 10);
    const { events, evicted, next } = trace.since(0);
    expect(events.map((e) => e.seq)).toEqual([6, 7, 8, 9]);
    expect(evicted).toBe(6);
    expect(next).toBe(10);
    expect(trace.firstKeptSeq).toBe(6);
    expect(trace.since(8).events.map((e) => e.seq)).toEqual([8, 9]);
  });

  it('keeps nothing with capacity 0, and from `keep` on after it; the hash is the same either way', () => {
    const headless = new Trace(0);
    const full = new Trace(100);
    emitN(headless, 5);
    emitN(full, 5);
    expect(headless.since(0)).toEqual({ events: [], evicted: 5, next: 5 });
    expect(headless.firstKeptSeq).toBe(5);
    headless.keep(100);
    emitN(headless, 3);
    full.keep(100); // keeping again drops what the ring held: its events start anew too
    emitN(full, 3);
    const { events, evicted } = headless.since(0);
    expect(events.map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(evicted).toBe(5);
    expect(headless.firstKeptSeq).toBe(5);
    expect(full.since(0).events.map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(headless.hash()).toBe(full.hash());
    expect(headless.length).toBe(8);
  });
});
