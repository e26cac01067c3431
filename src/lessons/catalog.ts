/* The lesson catalogue, in teaching order: each lesson uses only what earlier ones taught. Data only (no core runtime), so Node-side browser tests can import it. */
import type { Lesson } from './lesson';
import { playgroundLesson } from './playground';
import { framesLesson } from './frames';
import { backoffLesson } from './backoff';
import { halfOpenLesson } from './half-open';
import { queueingLesson } from './queueing';
import { corruptionLesson } from './corruption';
import { maybeDeliveredLesson } from './maybe-delivered';
import { exactlyOnceLesson } from './exactly-once';
import { timeoutsLesson } from './timeouts';
import { herdLesson } from './herd';
import { backpressureLesson } from './backpressure';
import { bugHuntLesson } from './bug-hunt';

export const LESSONS: readonly Lesson[] = [
  playgroundLesson,
  framesLesson,
  backoffLesson,
  halfOpenLesson,
  queueingLesson,
  corruptionLesson,
  maybeDeliveredLesson,
  exactlyOnceLesson,
  timeoutsLesson,
  herdLesson,
  backpressureLesson,
  bugHuntLesson,
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
