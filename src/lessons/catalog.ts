/* The lesson catalogue, in teaching order. Data only (no core runtime), so Node-side browser tests can import it. */
import type { Lesson } from './lesson';
import { framesLesson } from './frames';
import { backoffLesson } from './backoff';
import { queueingLesson } from './queueing';
import { halfOpenLesson } from './half-open';
import { corruptionLesson } from './corruption';
import { maybeDeliveredLesson } from './maybe-delivered';

export const LESSONS: readonly Lesson[] = [
  framesLesson,
  backoffLesson,
  queueingLesson,
  halfOpenLesson,
  corruptionLesson,
  maybeDeliveredLesson,
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
