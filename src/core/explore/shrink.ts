/*
 * Shrinking a failing session: find a smaller one that fails the same
 * invariant, so a bug report shows the least that sets the bug off. Greedy and
 * deterministic (the same session always shrinks to the same result), in
 * passes until nothing more goes:
 *   interventions — all at once, then halves, then one by one (last first)
 *   chaos         — a calmer preset (calm, then flaky)
 *   sizes         — each size parameter (nodes, clients, pings: ParamSpec.size)
 *                   towards its minimum (the minimum, else a bisection)
 *   the end       — just past the violation, else bisected (liveness is judged at the end)
 * A candidate is kept only if it still fails the *same* invariant (by name),
 * during the run if the original did so (not only in the end-of-run checks);
 * a candidate that is not a valid session (a script naming a node that fewer
 * nodes no longer have) is skipped. Knows nothing of threads or output.
 */
import { formatScript } from '../intervention';
import { findScenario } from '../scenario/registry';
import { makeSession, sessionInput, type Session } from '../session';
import { formatDurationExact, US_PER_MS } from '../sim/time';
import type { Violation } from '../sim';

export type FirstViolation = (session: Session, untilUs: number) => Violation | null;

export interface ShrinkCase {
  readonly session: Session;
  readonly untilUs: number;
  readonly violation: Violation;
}

export interface ShrinkResult {
  /** The invariant both fail (the original's first violation). */
  readonly invariant: string;
  readonly original: ShrinkCase;
  readonly shrunk: ShrinkCase;
  /** What was taken away, one line each ("chaos storm → calm"). */
  readonly removed: readonly string[];
  /** Sessions run to find it. */
  readonly runs: number;
}

/** Presets in order of calm: a shrink only moves left. */
const CALMNESS = ['calm', 'flaky', 'corrupt', 'partitions', 'storm'] as const;
const MAX_PASSES = 4;
const BISECT_STEPS = 8;

export function shrink(
  session: Session,
  untilUs: number,
  run: FirstViolation,
  onProgress?: (runs: number, best: ShrinkCase) => void,
): ShrinkResult | { error: string } {
  const violation = run(session, untilUs);
  if (violation === null)
    return {
      error: `the session does not fail by ${formatDurationExact(untilUs)}: nothing to shrink`,
    };
  const original: ShrinkCase = { session, untilUs, violation };
  const search = new Search(original, run, onProgress);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = search.runs;
    const changed = [
      search.dropInterventions(),
      search.calmChaos(),
      search.lowerParams(),
      search.endEarlier(),
    ].some(Boolean);
    if (!changed || search.runs === before) break;
  }
  return {
    invariant: violation.name,
    original,
    shrunk: search.best,
    removed: describeRemoved(original, search.best),
    runs: search.runs,
  };
}

class Search {
  runs = 1;
  best: ShrinkCase;

  constructor(
    original: ShrinkCase,
    private readonly run: FirstViolation,
    private readonly onProgress?: (runs: number, best: ShrinkCase) => void,
  ) {
    this.best = original;
  }

  /**
   * Keeps `session` to `untilUs` if it fails the same invariant, the same way:
   * during the run if the original did (an end-of-run check cannot be seen in
   * the playground, so a shrunk link must not trade one for the other).
   */
  private tryCase(session: Session | null, untilUs = this.best.untilUs): boolean {
    if (session === null) return false;
    this.runs++;
    const violation = this.run(session, untilUs);
    const kept =
      violation !== null &&
      violation.name === this.best.violation.name &&
      atEnd(violation, untilUs) === atEnd(this.best.violation, this.best.untilUs);
    if (kept) this.best = { session, untilUs, violation };
    this.onProgress?.(this.runs, this.best);
    return kept;
  }

  private with(change: Partial<Parameters<typeof makeSession>[0]>): Session | null {
    const made = makeSession({ ...sessionInput(this.best.session), ...change });
    return made.ok ? made.session : null;
  }

  dropInterventions(): boolean {
    const script = this.best.session.script;
    if (script.length === 0) return false;
    if (this.tryCase(this.with({ script: [] }))) return true;
    let changed = false;
    for (let chunks = 2; this.best.session.script.length > 0;) {
      const entries = this.best.session.script;
      const size = Math.ceil(entries.length / chunks);
      let removedOne = false;
      for (let start = entries.length - size; start > -size; start -= size) {
        const from = Math.max(0, start);
        const rest = [...entries.slice(0, from), ...entries.slice(start + size)];
        if (rest.length < entries.length && this.tryCase(this.with({ script: rest }))) {
          removedOne = changed = true;
          break;
        }
      }
      if (removedOne) continue;
      if (size === 1) break;
      chunks = Math.min(entries.length, chunks * 2);
    }
    return changed;
  }

  calmChaos(): boolean {
    const now = CALMNESS.indexOf(this.best.session.chaos as (typeof CALMNESS)[number]);
    for (const chaos of CALMNESS.slice(0, Math.max(0, Math.min(now, 2))))
      if (this.tryCase(this.with({ chaos }))) return true;
    return false;
  }

  lowerParams(): boolean {
    const scenario = findScenario(this.best.session.scenario);
    let changed = false;
    for (const spec of (scenario?.params ?? []).filter((p) => p.size === true)) {
      const value = (): number => this.best.session.params[spec.name] ?? spec.defaultValue;
      const at = (v: number) =>
        this.with({ params: { ...this.best.session.params, [spec.name]: v } });
      if (value() <= spec.min) continue;
      if (this.tryCase(at(spec.min))) {
        changed = true;
        continue;
      }
      let lo = spec.min; // fails differently (or not at all)
      for (let step = 0; step < BISECT_STEPS && value() - lo > 1; step++) {
        const mid = Math.floor((lo + value()) / 2);
        if (this.tryCase(at(mid))) changed = true;
        else lo = mid;
      }
    }
    return changed;
  }

  endEarlier(): boolean {
    const { violation, untilUs, session } = this.best;
    const justPast = Math.ceil((violation.timeUs + 1) / US_PER_MS) * US_PER_MS;
    if (justPast < untilUs && this.tryCase(session, justPast)) return true;
    // A liveness failure is judged at the end (its time is the end): bisect from the last intervention.
    const lastEntryUs = session.script[session.script.length - 1]?.atUs ?? 0;
    let lo = violation.timeUs < untilUs ? violation.timeUs : lastEntryUs;
    let changed = false;
    for (let step = 0; step < BISECT_STEPS; step++) {
      const mid = Math.ceil((lo + this.best.untilUs) / 2 / US_PER_MS) * US_PER_MS;
      if (mid >= this.best.untilUs) break;
      if (this.tryCase(this.best.session, mid)) changed = true;
      else lo = mid;
    }
    return changed;
  }
}

/** Found by the end-of-run checks (stamped with the run's end), not during the run. */
function atEnd(v: Violation, untilUs: number): boolean {
  return v.timeUs >= untilUs;
}

function describeRemoved(from: ShrinkCase, to: ShrinkCase): string[] {
  const lines: string[] = [];
  const a = from.session;
  const b = to.session;
  const gone = a.script.filter((e) => !b.script.includes(e));
  if (gone.length > 0)
    lines.push(
      `removed ${gone.length} of ${a.script.length} intervention${a.script.length === 1 ? '' : 's'}: ${formatScript(gone)}`,
    );
  if (a.chaos !== b.chaos) lines.push(`chaos ${a.chaos} → ${b.chaos}`);
  for (const [name, value] of Object.entries(a.params))
    if (b.params[name] !== value) lines.push(`${name} ${value} → ${b.params[name]}`);
  if (to.untilUs < from.untilUs)
    lines.push(
      `ends at ${formatDurationExact(to.untilUs)} instead of ${formatDurationExact(from.untilUs)}`,
    );
  return lines;
}
