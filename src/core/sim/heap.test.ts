import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventHeap, type ScheduledEvent } from './heap';

describe('EventHeap', () => {
  it('pops in (time, seq) order for any insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const heap = new EventHeap();
        const events: ScheduledEvent[] = times.map((timeUs, seq) => ({
          timeUs,
          seq,
          label: '',
          run: null,
          heapIndex: -1,
          cause: -1,
        }));
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
    heap.push({ timeUs: 1, seq: 0, label: '', run: null, heapIndex: -1, cause: -1 });
    expect(heap.pop()?.seq).toBe(0);
    expect(heap.pop()).toBeUndefined();
    expect(heap.size).toBe(0);
  });

  it('removes any event wherever it sits, and the rest still pop in (time, seq) order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 100 }),
        (times, picks) => {
          const heap = new EventHeap();
          const events: ScheduledEvent[] = times.map((timeUs, seq) => ({
            timeUs,
            seq,
            label: '',
            run: null,
            heapIndex: -1,
            cause: -1,
          }));
          for (const e of events) heap.push(e);
          const removed = new Set<ScheduledEvent>();
          for (const p of picks) {
            const e = events[p % Math.max(1, events.length)];
            if (!e) continue;
            heap.remove(e); // removing twice is a no-op
            removed.add(e);
            expect(e.heapIndex).toBe(-1);
          }
          expect(heap.size).toBe(events.length - removed.size);
          const popped: number[] = [];
          for (let e = heap.pop(); e; e = heap.pop()) popped.push(e.seq);
          const expected = events
            .filter((e) => !removed.has(e))
            .sort((a, b) => a.timeUs - b.timeUs || a.seq - b.seq);
          expect(popped).toEqual(expected.map((e) => e.seq));
        },
      ),
    );
  });
});
