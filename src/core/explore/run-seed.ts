/*
 * One headless run of a session, the two ways a search needs it: to the end
 * (`runSession`: the full summary, trace hash included — what `tidepool run`,
 * `sweep` and the explorer's grid report) or only until the first violation
 * (`firstViolation`: what the mutant hunt, probe and shrink ask, stopping as
 * soon as the answer is known). Knows nothing of threads, workers or output.
 */
import { createEngine } from '../engine';
import type { RunSummary } from '../run-summary';
import type { Session } from '../session';
import type { Violation } from '../sim';

export function runSession(session: Session, untilUs: number): RunSummary {
  const engine = createEngine(session);
  engine.runUntil({ timeUs: untilUs });
  return engine.finish();
}

/**
 * Runs a session until its first violation (the end-of-run checks included,
 * so liveness failures count), or null if it stays clean to `untilUs`.
 */
export function firstViolation(session: Session, untilUs: number): Violation | null {
  const engine = createEngine(session);
  engine.runUntil({ timeUs: untilUs, stopOnViolation: true });
  return engine.sim.assertions.violations[0] ?? engine.finish().violations[0] ?? null;
}
