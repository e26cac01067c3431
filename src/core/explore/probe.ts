/*
 * "When did it become inevitable?" For a failing session: K moments before its
 * first violation, M reseeded branches from each (branch.ts), and at each
 * moment the share of branches that still fail the same invariant. Before the
 * cause the future can go either way and P(failure) is low; once the cause has
 * happened every future fails. The steepest rise between two neighbouring
 * moments brackets the moment it became inevitable: the mark is the later of
 * the two (the first moment from which failure was likely), the window is the
 * pair. The plan (which branches to run) and the fold (the curve) are apart
 * so hosts run the branches however they like — the CLI in-process, the page
 * on Web Workers. Knows nothing of threads or drawing.
 */
import type { Session } from '../session';
import type { Violation } from '../sim';
import { branchSeeds, branchSession } from './branch';

export interface ProbeOptions {
  /** Moments before the violation (K). */
  readonly points: number;
  /** Branches from each moment (M). */
  readonly branches: number;
}

export const DEFAULT_PROBE: ProbeOptions = { points: 12, branches: 16 };
export const MAX_PROBE_POINTS = 100;
export const MAX_PROBE_BRANCHES = 200;

/** One branch to run: from `atUs` (the index of its moment), reseeded to `seed`. */
export interface ProbeRun {
  readonly point: number;
  readonly atUs: number;
  readonly seed: bigint;
  readonly session: Session;
}

export interface ProbePlan {
  /** The invariant the session fails first: branches count as failing when they fail it too. */
  readonly invariant: string;
  readonly violationUs: number;
  readonly untilUs: number;
  readonly momentsUs: readonly number[];
  readonly runs: readonly ProbeRun[];
}

export interface ProbePoint {
  readonly atUs: number;
  readonly branches: number;
  readonly failures: number;
  /** failures / branches. */
  readonly p: number;
}

export interface ProbeResult {
  readonly invariant: string;
  readonly violationUs: number;
  readonly points: readonly ProbePoint[];
  /** The steepest rise of P(failure) between neighbouring moments, or null when it never rises. */
  readonly steepest: {
    readonly fromUs: number;
    readonly toUs: number;
    readonly rise: number;
  } | null;
  /** Where it became (nearly) inevitable: the top of the steepest rise, or the first moment if it never rises. */
  readonly markUs: number;
}

/** K moments evenly spread over [0, violation): 0, V/K, 2V/K, … (whole µs). */
export function probeMoments(violationUs: number, points: number): number[] {
  return Array.from({ length: points }, (_, k) => Math.floor((violationUs * k) / points));
}

export function probePlan(
  session: Session,
  untilUs: number,
  violation: Violation,
  options: ProbeOptions = DEFAULT_PROBE,
): ProbePlan {
  const momentsUs = probeMoments(violation.timeUs, options.points);
  const seeds = branchSeeds(options.branches);
  const runs = momentsUs.flatMap((atUs, point) =>
    seeds.map((seed) => ({ point, atUs, seed, session: branchSession(session, atUs, seed) })),
  );
  return { invariant: violation.name, violationUs: violation.timeUs, untilUs, momentsUs, runs };
}

/** The curve from each run's first violation (null: stayed clean), in the plan's run order. */
export function probeCurve(plan: ProbePlan, firsts: readonly (Violation | null)[]): ProbeResult {
  const points: ProbePoint[] = plan.momentsUs.map((atUs, point) => {
    const mine = plan.runs.flatMap((r, i) => (r.point === point ? [firsts[i] ?? null] : []));
    const failures = mine.filter((v) => v !== null && v.name === plan.invariant).length;
    return {
      atUs,
      branches: mine.length,
      failures,
      p: mine.length === 0 ? 0 : failures / mine.length,
    };
  });
  let steepest: ProbeResult['steepest'] = null;
  for (let i = 1; i < points.length; i++) {
    const rise = (points[i] as ProbePoint).p - (points[i - 1] as ProbePoint).p;
    if (rise > 0 && (steepest === null || rise > steepest.rise))
      steepest = {
        fromUs: (points[i - 1] as ProbePoint).atUs,
        toUs: (points[i] as ProbePoint).atUs,
        rise,
      };
  }
  return {
    invariant: plan.invariant,
    violationUs: plan.violationUs,
    points,
    steepest,
    markUs: steepest?.toUs ?? plan.momentsUs[0] ?? 0,
  };
}

/** The whole probe, branches run one after another by `run` (first violation or null). */
export function probe(
  session: Session,
  untilUs: number,
  violation: Violation,
  options: ProbeOptions,
  run: (session: Session, untilUs: number) => Violation | null,
  onProgress?: (done: number, total: number) => void,
): ProbeResult {
  const plan = probePlan(session, untilUs, violation, options);
  const firsts = plan.runs.map((r, i) => {
    const first = run(r.session, untilUs);
    onProgress?.(i + 1, plan.runs.length);
    return first;
  });
  return probeCurve(plan, firsts);
}
