/*
 * The timeline's cost per frame, away from the browser: a real mesh storm run
 * of 100k trace events is ingested into the timeline's index, then the draw
 * list (query, pixel binning, hit test) is built for windows from 10 ms to the
 * whole run. Reported as milliseconds per build and as a share of a 60 Hz
 * frame (16.7 ms), the budget it shares with drawing. Was a timed unit test;
 * timing belongs here.
 */
import { createEngine } from '../src/core/engine';
import { makeSession } from '../src/core/session';
import { TimelineIndex } from '../src/ui/components/timeline/timeline-index';
import { buildDrawList, DrawList, hitArrow } from '../src/ui/components/timeline/draw-list';

const FRAME_MS = 1000 / 60;

export interface TimelineBench {
  events: number;
  ingestMs: number;
  /** Median ms per draw-list build (+ one hit test), by window span. */
  buildMs: Record<string, number>;
  /** The worst of those as a share of a frame. */
  worstShareOfFrame: number;
}

export function benchTimeline(eventsWanted = 100_000): TimelineBench {
  const made = makeSession({ scenario: 'mesh', seed: 3n, chaos: 'storm' });
  if (!made.ok) throw new Error(made.errors.join('; '));
  const engine = createEngine(made.session, { viewer: true, traceCapacity: eventsWanted });
  engine.runUntil({
    predicate: () => engine.sim.trace.length >= eventsWanted,
    timeUs: 600_000_000,
  });
  const { events } = engine.traceSince(0);
  const index = new TimelineIndex(engine.view().nodes);
  const t0 = performance.now();
  index.ingest(events);
  const ingestMs = performance.now() - t0;
  const end = index.lastTimeUs;
  const list = new DrawList();
  const buildMs: Record<string, number> = {};
  let worst = 0;
  for (const span of [10_000, 1_000_000, 5_000_000, end]) {
    const layout = {
      t0: end - span,
      t1: end,
      x0: 40,
      x1: 1540,
      laneTop: 18,
      laneH: 11,
      nowUs: end,
    };
    for (let w = 0; w < 5; w++) buildDrawList(index, layout, list);
    const samples: number[] = [];
    for (let r = 0; r < 31; r++) {
      const s = performance.now();
      buildDrawList(index, layout, list);
      hitArrow(list, 700, 50);
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    const median = samples[15] as number;
    buildMs[span === end ? 'wholeRun' : `${span / 1000}ms`] = Math.round(median * 1000) / 1000;
    worst = Math.max(worst, median);
  }
  return { events: events.length, ingestMs, buildMs, worstShareOfFrame: worst / FRAME_MS };
}
