/*
 * The summary of a run: what the CLI prints (human or --json) and a sweep
 * aggregates. Plain data only — seed as a decimal string, times in µs — so it
 * serialises to JSON as is. Knows nothing of terminals or URLs.
 */
import type { AssertionResult, Sim, Violation } from './sim';
import type { Session } from './session';
import { formatScript } from './intervention';
import { LIVENESS_NOT_APPLICABLE, type LivenessVerdict } from './scenario/types';

export { LIVENESS_NOT_APPLICABLE, type LivenessVerdict };

export interface RunSummary {
  readonly scenario: string;
  readonly seed: string;
  readonly chaos: string;
  readonly params: Readonly<Record<string, number>>;
  readonly script: string;
  readonly traceHash: string;
  readonly events: number;
  readonly simTimeUs: number;
  /** Faults that happened, by kind (explicit and chaos alike). */
  readonly faults: Readonly<Record<string, number>>;
  readonly violations: readonly Violation[];
  readonly assertions: readonly AssertionResult[];
  /** Trace event kind → count. */
  readonly traceCounts: Readonly<Record<string, number>>;
  /** Scenario-specific counts (records echoed, RPCs answered, ...). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly liveness: LivenessVerdict;
  /** The deliberately broken transport this run used, or null. */
  readonly mutant: string | null;
}

export function summarize(
  session: Session,
  sim: Sim,
  faults: Readonly<Record<string, number>>,
  outcomes: Readonly<Record<string, number>>,
  liveness: LivenessVerdict = LIVENESS_NOT_APPLICABLE,
): RunSummary {
  return {
    scenario: session.scenario,
    seed: session.seed.toString(),
    chaos: session.chaos,
    params: session.params,
    script: formatScript(session.script),
    traceHash: sim.trace.hash(),
    events: sim.events,
    simTimeUs: sim.now(),
    faults,
    violations: sim.assertions.violations,
    assertions: sim.assertions.report(),
    traceCounts: sim.trace.countsByKind(),
    outcomes,
    liveness,
    mutant: session.mutant ?? null,
  };
}
