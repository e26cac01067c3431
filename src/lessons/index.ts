/* The lessons' public surface: the catalogue, fact checking, and turning a step into a run. */
export type { Lesson, Step, Fact, Highlight, TryIt, Question, Choice, Task } from './lesson';
export { checkFacts, describeFact, type TraceLike } from './facts';
export {
  stepAtUs,
  highlightTestId,
  highlightLabel,
  highlightNode,
  highlightPacket,
  highlightExists,
  matchesAction,
} from './targets';
export { stepSession, stepFromUs, tryItDone, withScript, LEAD_IN_MS } from './steps';
export { gradeQuestion, revealAtUs, selectionMatches, achieved } from './grade';
export { LESSONS, findLesson } from './catalog';
