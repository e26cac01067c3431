/*
 * The summary of a run: what the CLI prints (human or --json) and a sweep
 * aggregates. Plain data only — seed as a decimal string, times in µs — so it
 * serialises to JSON as is. Knows nothing of terminals or URLs.
 */
import type { AssertionResult, Sim, Violation } from './sim';
import type { Session } from './session';
import { formatScript } from './intervention';

/**
 * Whether the run made progress once the network settled (docs/oracle.md):
 * `held` — judged, and every liveness check passed; `violated` — judged, and
 * one failed (the violation is in `violations` too); `not judged` — the run
 * ended before its quiet tail, or an intervention left a fault standing.
 */
export interface LivenessVerdict {
  readonly status: 'held' | 'violated' | 'not judged';
  /** Why it was not judged, or what was judged. */
  readonly reason: string;
  /** Virtual time (µs) from which liveness is judged (settle point + grace), or null when it never is. */
  readonly judgedFromUs: number | null;
}

export const LIVENESS_NOT_APPLICABLE: LivenessVerdict = { status: 'not judged', reason: 'this scenario has no liveness checks', judgedFromUs: null };

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
