/*
 * From lesson data to a run: a step's complete session, and whether the
 * learner has done the step's "try it" in the session they now have.
 */
import { byStamp, formatScript, parseScript, type ScriptEntry } from '../core/intervention';
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
    ...(session.transport ? { transport: session.transport } : {}),
    ...(session.mutant ? { mutant: session.mutant } : {}),
  });
  if (!made.ok) throw new Error(`lesson session: ${made.errors.join('; ')}`);
  return made.session;
}

/**
 * Virtual time a step plays through on its way in when it does not say
 * (`fromMs`): long enough to see the last exchange that leads to the moment,
 * short enough to watch at the pace packets are followed.
 */
export const LEAD_IN_MS = 200;

/** Where the step's lead-in starts (virtual µs): its `fromMs`, else LEAD_IN_MS before its moment. */
export function stepFromUs(step: Step): number {
  const fromMs = step.fromMs ?? Math.max(0, step.atMs - LEAD_IN_MS);
  return Math.min(fromMs, step.atMs) * 1000;
}

/** The step's session with more script entries merged into its own, in time order (a check's solution). */
export function withScript(session: LessonSession, extra: string): LessonSession {
  const own = parseScript(session.script ?? '');
  const more = parseScript(extra);
  if ('error' in own) throw new Error(`lesson script: ${own.error}`);
  if ('error' in more) throw new Error(`lesson script: ${more.error}`);
  const merged = [...own, ...more].sort(byStamp); // as the engine orders them
  return { ...session, script: formatScript(merged) };
}

/** The learner did the try-it: the session has a matching entry the step's own script lacks. */
export function tryItDone(step: Step, script: readonly ScriptEntry[]): boolean {
  if (!step.tryIt) return false;
  const matcher = step.tryIt.done;
  // Compared as script text: entries are data with bigint seeds (reseed), which JSON cannot write.
  const base = new Set(stepSession(step.session).script.map((e) => formatScript([e])));
  return script.some((e) => !base.has(formatScript([e])) && matchesAction(matcher, e.action));
}
