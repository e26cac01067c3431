/*
 * Helpers for scenario tests and sweeps: run a session by id, seed and chaos
 * to an end time and return its summary. Pure core code (no Node), shared by
 * the test files; it draws nothing and decides nothing.
 */
import { createEngine } from '../engine';
import { makeSession, type Session } from '../session';
import type { RunSummary } from '../run-summary';
import type { ScriptEntry } from '../intervention';
import { findScenario } from '../scenario/registry';

export function session(
  scenario: string,
  seed: bigint,
  chaos?: string,
  params?: Record<string, number>,
  script?: ScriptEntry[],
  mutant?: string,
): Session {
  const result = makeSession({
    scenario,
    seed,
    mutant: mutant ?? null,
    ...(chaos ? { chaos } : {}),
    ...(params ? { params } : {}),
    ...(script ? { script } : {}),
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.session;
}

export function runToEnd(s: Session, untilUs?: number): RunSummary {
  const engine = createEngine(s);
  engine.runUntil({ timeUs: untilUs ?? (findScenario(s.scenario)?.defaultUntilUs as number) });
  return engine.finish();
}

/** Seeds (1..n) whose runs violated something, with their first violation. */
export function sweep(
  scenario: string,
  chaos: string,
  seeds: number,
  onRun?: (s: RunSummary) => void,
): string[] {
  const failures: string[] = [];
  for (let i = 1; i <= seeds; i++) {
    const summary = runToEnd(session(scenario, BigInt(i), chaos));
    onRun?.(summary);
    if (summary.violations.length > 0)
      failures.push(
        `seed ${i}: ${summary.violations[0]?.name} — ${summary.violations[0]?.message}`,
      );
  }
  return failures;
}
