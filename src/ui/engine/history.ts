/*
 * Recovers the start of a run whose first events the viewer's engine does not
 * keep (it reached a far moment headless, or its ring evicted them): replays
 * the same session on a private engine — same session, same trace — in small
 * slices, handing over events up to a given seq. Runs in the engine's worker
 * (engine-worker.ts) when the timeline asks; the engine at the cursor is never
 * touched.
 */
import { createEngine, type Engine } from '../../core/engine';
import type { Session } from '../../core/session';
import { DEFAULT_TRACE_CAPACITY, type TraceEvent } from '../../core/sim';

const SLICE_EVENTS = 500;

export class Backfill {
  private engine: Engine | null;
  private cursor = 0;

  /** Replays `session` until the events with fromSeq ≤ seq < untilSeq have been handed to `onEvents`. */
  constructor(
    session: Session,
    readonly untilSeq: number,
    private readonly onEvents: (events: readonly TraceEvent[]) => void,
    private readonly fromSeq = 0,
  ) {
    this.engine = createEngine(session, { traceCapacity: DEFAULT_TRACE_CAPACITY });
  }

  get done(): boolean {
    return this.engine === null;
  }

  /** Fraction of the way (0..1). */
  get progress(): number {
    return this.untilSeq <= 0 ? 1 : Math.min(1, this.cursor / this.untilSeq);
  }

  /** Works for about `budgetMs`; returns true when finished. */
  step(budgetMs: number, now: () => number = () => performance.now()): boolean {
    const engine = this.engine;
    if (!engine) return true;
    const deadline = now() + budgetMs;
    do {
      const left = this.untilSeq - engine.sim.trace.length;
      if (left > 0) {
        const r = engine.runUntil({ events: Math.min(SLICE_EVENTS, left) });
        if (r.reason !== 'events' && engine.sim.trace.length === this.cursor) {
          // The run ended early (it should not: the same session made those events).
          this.finish();
          return true;
        }
      }
      const { events, next } = engine.traceSince(this.cursor);
      const take = events.filter((e) => e.seq >= this.fromSeq && e.seq < this.untilSeq);
      this.cursor = Math.min(next, this.untilSeq);
      if (take.length > 0) this.onEvents(take);
      if (this.cursor >= this.untilSeq) {
        this.finish();
        return true;
      }
    } while (now() < deadline);
    return false;
  }

  cancel(): void {
    this.engine = null;
  }

  private finish(): void {
    this.engine = null;
  }
}
