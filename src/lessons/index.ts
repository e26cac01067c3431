/* The lessons' public surface: the catalogue, fact checking, and turning a step into a run. */
export type { Lesson, Step, Fact, Highlight, TryIt } from './lesson';
export { checkFacts, describeFact, type TraceLike } from './facts';
export {
  stepAtUs,
  highlightTestId,
  highlightNode,
  highlightPacket,
  highlightExists,
  matchesAction,
} from './targets';
export { stepSession, tryItDone } from './steps';
export { LESSONS, findLesson } from './catalog';
