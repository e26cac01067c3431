import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventHeap, type ScheduledEvent } from './heap';

describe('EventHeap', () => {
  it('pops in (time, seq) order for any insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const heap = new EventHeap();
        const events: ScheduledEvent[] = times.map((timeUs, seq) => ({ timeUs, seq, label: '', run: null }));
        for (const e of [...events].reverse()) heap.push(e);
        const popped: ScheduledEvent[] = [];
        for (let e = heap.pop(); e; e = heap.pop()) popped.push(e);
        const expected = [...events].sort((a, b) => a.timeUs - b.timeUs || a.seq - b.seq);
        expect(popped.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
      }),
    );
  });

  it('is empty after popping everything', () => {
    const heap = new EventHeap();
    heap.push({ timeUs: 1, seq: 0, label: '', run: null });
    expect(heap.pop()?.seq).toBe(0);
    expect(heap.pop()).toBeUndefined();
    expect(heap.size).toBe(0);
  });
});
