import { describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine';
import { makeSession } from '../../core/session';
import { DEFAULT_TRACE_CAPACITY, type TraceEvent } from '../../core/sim';
import { Backfill } from './history';

describe('Backfill', () => {
  it('replays a session and hands over exactly the first N events of its trace', () => {
    const made = makeSession({ scenario: 'mesh', seed: 3n });
    if (!made.ok) throw new Error(made.errors.join());
    const engine = createEngine(made.session, { traceCapacity: DEFAULT_TRACE_CAPACITY });
    engine.runUntil({ timeUs: 1_500_000 });
    const { events: reference } = engine.traceSince(0);
    const until = Math.floor(reference.length / 2);
    const got: TraceEvent[] = [];
    const b = new Backfill(made.session, until, (batch) => got.push(...batch));
    let slices = 0;
    while (!b.step(1)) slices++;
    expect(b.done).toBe(true);
    expect(b.progress).toBe(1);
    expect(got.length).toBe(until);
    expect(got.map((e) => `${e.seq}:${e.timeUs}:${e.kind}`)).toEqual(
      reference.slice(0, until).map((e) => `${e.seq}:${e.timeUs}:${e.kind}`),
    );
    expect(slices).toBeGreaterThanOrEqual(0);
  });
});
