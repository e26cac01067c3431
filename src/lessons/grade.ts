/*
 * Grading, by the engine: a question's right choice is the one whose facts
 * all hold in the run at its reveal moment — nothing in the lesson data says
 * which it is, so a different run grades a different answer. A check's tasks
 * are done when the run (or the learner's selection in it) satisfies them.
 * Pure: the same functions grade in Vitest against a headless engine and in
 * the page against its own view and trace; they know nothing of either.
 */
import type { EngineView } from '../core/view';
import { checkFacts, type TraceLike } from './facts';
import type { Question, Step, Task } from './lesson';
import { packetMatches } from './targets';

/** The index of the one choice whose facts hold, or null when none or several do (bad lesson data: the tests catch it). */
export function gradeQuestion(
  question: Question,
  view: EngineView,
  trace: readonly TraceLike[],
): number | null {
  const holding = question.choices
    .map((c, i) => (checkFacts(view, c.facts, trace).ok ? i : -1))
    .filter((i) => i >= 0);
  return holding.length === 1 ? (holding[0] as number) : null;
}

/** Where a question's answer shows (virtual µs): its reveal moment, else the step's. */
export function revealAtUs(step: Step, question: Question): number {
  return (question.revealAtMs ?? step.atMs) * 1000;
}

/** Does this packet (by id) satisfy a 'select' task? */
export function selectionMatches(
  task: Extract<Task, { kind: 'select' }>,
  view: EngineView,
  packetId: string | null,
): boolean {
  const p = packetId === null ? undefined : view.packets.find((x) => x.id === packetId);
  return p !== undefined && packetMatches(p, task);
}

/** An 'achieve' task is done when its facts hold in the run as it is now. */
export function achieved(
  task: Extract<Task, { kind: 'achieve' }>,
  view: EngineView,
  trace: readonly TraceLike[],
): boolean {
  return checkFacts(view, task.facts, trace).ok;
}
