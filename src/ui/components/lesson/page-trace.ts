/*
 * The whole trace of the run at the cursor, as the lessons' facts read it:
 * the recent events the page keeps, preceded by the older ones asked of the
 * engine (a step at 9 s grades facts about 2 s); and waiting for the page's
 * run to stand at a moment. Knows of lessons only the shape facts read
 * (TraceLike); nothing of steps, questions or the DOM beyond matchMedia.
 */
import type { EngineClient } from '../../engine/engine-client';
import type { TraceLike } from '../../../lessons';

/** How often a history request checks that its run is still the page's (wall ms). */
const EPOCH_CHECK_MS = 250;

export function pageTrace(engine: EngineClient): Promise<TraceLike[]> {
  const { events: recent, evicted } = engine.traceSince(0);
  const asLike = (events: readonly unknown[]) => events as unknown as TraceLike[];
  if (evicted === 0) return Promise.resolve(asLike(recent));
  const epoch = engine.latest?.epoch ?? 0;
  const start: unknown[] = [];
  return new Promise((resolve) => {
    // A new run (a load, an intervention) drops the request unanswered: then the recent part is all there is.
    const watch = window.setInterval(() => {
      if ((engine.latest?.epoch ?? 0) === epoch) return;
      window.clearInterval(watch);
      resolve(asLike(recent));
    }, EPOCH_CHECK_MS);
    engine.requestHistory(
      epoch,
      evicted,
      (batch) => void start.push(...batch),
      () => {
        window.clearInterval(watch);
        resolve(asLike([...start, ...recent]));
      },
    );
  });
}

/** Calls `then` once the page's view stands at `timeUs`, paused; returns a function that cancels the wait. */
export function whenStandingAt(
  store: {
    getState(): { view: { timeUs: number } | null; playing: boolean };
    subscribe(listener: () => void): () => void;
  },
  timeUs: number,
  then: () => void,
): () => void {
  let done = false;
  const check = () => {
    const { view, playing } = store.getState();
    if (done || !view || view.timeUs !== timeUs || playing) return;
    done = true;
    stop();
    then();
  };
  const stop = store.subscribe(check);
  check();
  return () => {
    done = true;
    stop();
  };
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
