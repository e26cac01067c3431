/*
 * From lesson data to a run: a step's complete session, and whether the
 * learner has done the step's "try it" in the session they now have.
 */
import { parseScript, type ScriptEntry } from '../core/intervention';
import { makeSession, type Session } from '../core/session';
import type { LessonSession, Step } from './lesson';
import { matchesAction } from './targets';

/** The complete session a step opens (throws on bad lesson data: the tests catch it). */
export function stepSession(session: LessonSession): Session {
  const script = parseScript(session.script ?? '');
  if ('error' in script) throw new Error(`lesson script: ${script.error}`);
  const made = makeSession({
    scenario: session.scenario,
    seed: BigInt(session.seed),
    script,
    ...(session.chaos ? { chaos: session.chaos } : {}),
    ...(session.params ? { params: session.params } : {}),
  });
  if (!made.ok) throw new Error(`lesson session: ${made.errors.join('; ')}`);
  return made.session;
}

/** The learner did the try-it: the session has a matching entry the step's own script lacks. */
export function tryItDone(step: Step, script: readonly ScriptEntry[]): boolean {
  if (!step.tryIt) return false;
  const matcher = step.tryIt.done;
  const base = new Set(stepSession(step.session).script.map((e) => JSON.stringify(e)));
  return script.some((e) => !base.has(JSON.stringify(e)) && matchesAction(matcher, e.action));
}
