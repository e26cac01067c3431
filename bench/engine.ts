/*
 * Engine throughput benchmark: raw events per second of the Sim with about a
 * thousand pending timers that do no work beyond rescheduling themselves,
 * against a bare binary-heap loop on (time, sequence) doing the same in the
 * same run. The ratio is what matters; absolute numbers depend on the machine.
 */
import { Sim } from '../src/core/sim';

const PENDING = 1_000;
const DELAYS = Array.from({ length: 4096 }, (_, i) => 1 + (((i * 2654435761) >>> 0) % 1000));

export interface HeapBench {
  eventsPerSec: number;
}

/** Runs `runChunk` (which returns how many units it did) for `budgetMs`; returns units per second. */
export function timeLoop(runChunk: () => number, budgetMs: number): number {
  const start = performance.now();
  let events = 0;
  while (performance.now() - start < budgetMs) events += runChunk();
  return events / ((performance.now() - start) / 1000);
}

export function benchEngine(budgetMs = 1000): HeapBench {
  const sim = new Sim({ seed: 1n });
  let d = 0;
  const tick = () => {
    sim.schedule(DELAYS[d++ & 4095] as number, 'tick', tick);
  };
  for (let i = 0; i < PENDING; i++) sim.schedule(DELAYS[i & 4095] as number, 'tick', tick);
  timeLoop(() => sim.runUntil({ events: 10_000 }).events, budgetMs / 4); // warm-up
  return { eventsPerSec: timeLoop(() => sim.runUntil({ events: 10_000 }).events, budgetMs) };
}

/** The baseline: the simplest correct heap loop, events as plain objects, no cancellation. */
export function benchBareHeap(budgetMs = 1000): HeapBench {
  type E = { t: number; s: number };
  const heap: E[] = [];
  let seq = 0;
  const less = (a: E, b: E) => a.t < b.t || (a.t === b.t && a.s < b.s);
  const push = (e: E) => {
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, heap[p] as E)) break;
      heap[i] = heap[p] as E;
      i = p;
    }
    heap[i] = e;
  };
  const pop = (): E => {
    const top = heap[0] as E;
    const last = heap.pop() as E;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && less(heap[l + 1] as E, heap[l] as E) ? l + 1 : l;
        if (!less(heap[c] as E, last)) break;
        heap[i] = heap[c] as E;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  for (let i = 0; i < PENDING; i++) push({ t: DELAYS[i & 4095] as number, s: seq++ });
  let d = 0;
  const chunk = () => {
    for (let i = 0; i < 10_000; i++) {
      const e = pop();
      push({ t: e.t + (DELAYS[d++ & 4095] as number), s: seq++ });
    }
    return 10_000;
  };
  timeLoop(chunk, budgetMs / 4);
  return { eventsPerSec: timeLoop(chunk, budgetMs) };
}
