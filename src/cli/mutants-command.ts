/*
 * `tidepool mutants`: runs every deliberately broken transport of the
 * catalogue (core/mutants/catalogue.ts) over the scenarios and chaos presets
 * it applies to, seed by seed, until a check catches it; prints per mutant the
 * first seed that did, the violation, a replay command and a link. A mutant
 * that survives every seed means a check is too weak: exit 1. The oracle is
 * only as good as the broken transports it catches.
 */
import { formatUs } from '../core/sim';
import { findMutant, MUTANTS, type MutantInfo } from '../core/mutants/catalogue';
import { findScenario } from '../core/scenario/registry';
import { makeSession, type Session } from '../core/session';
import { sessionToQuery } from '../core/session-query';
import type { Violation } from '../core/sim';
import { intFlag, parseArgs, UsageError } from './args';
import { COLOUR, PLAIN, type Style } from './format-summary';
import { replayCommand } from '../core/explore/replay-command';
import { firstViolation } from '../core/explore/run-seed';

export const MUTANTS_USAGE = 'tidepool mutants [--seeds 50] [--mutant M]... [--json]';

export interface MutantResult {
  readonly mutant: string;
  readonly breaks: string;
  readonly expectedCheck: string;
  readonly caught: boolean;
  /** Sessions run until it was caught (or all of them). */
  readonly runs: number;
  /** The first catch: where, and the first violation. */
  readonly scenario: string | null;
  readonly chaos: string | null;
  readonly seed: string | null;
  readonly violation: Violation | null;
  readonly replay: string | null;
  readonly url: string | null;
}

interface Out {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

/** The sessions a mutant is tried on, seed-major: every scenario and preset at seed 1, then seed 2, … */
function* sessionsFor(info: MutantInfo, seeds: number): Generator<Session> {
  for (let seed = 1; seed <= seeds; seed++) {
    for (const scenario of info.scenarios) {
      for (const chaos of info.chaos) {
        const made = makeSession({ scenario, seed: BigInt(seed), chaos, mutant: info.id });
        if (!made.ok) throw new Error(`mutant catalogue: ${made.errors.join('; ')}`);
        yield made.session;
      }
    }
  }
}

/** Tries one mutant until something catches it (or the seeds run out). */
export function huntMutant(info: MutantInfo, seeds: number): MutantResult {
  let runs = 0;
  for (const session of sessionsFor(info, seeds)) {
    runs++;
    const untilUs = (findScenario(session.scenario) as { defaultUntilUs: number }).defaultUntilUs;
    const violation = firstViolation(session, untilUs);
    if (violation === null) continue;
    return {
      mutant: info.id,
      breaks: info.breaks,
      expectedCheck: info.caughtBy,
      caught: true,
      runs,
      scenario: session.scenario,
      chaos: session.chaos,
      seed: session.seed.toString(),
      violation,
      replay: replayCommand(session, untilUs),
      url: `?${sessionToQuery(session, untilUs)}`,
    };
  }
  return {
    mutant: info.id,
    breaks: info.breaks,
    expectedCheck: info.caughtBy,
    caught: false,
    runs,
    scenario: null,
    chaos: null,
    seed: null,
    violation: null,
    replay: null,
    url: null,
  };
}

export function mutantsCommand(argv: readonly string[], out: Out): number {
  const args = parseArgs(argv, {
    values: ['seeds', 'mutant'],
    switches: ['json'],
    repeatable: ['mutant'],
  });
  if (args.positional.length > 0)
    throw new UsageError(`unexpected argument "${args.positional[0]?.slice(0, 40)}"`);
  const seeds = intFlag(args, 'seeds', 50, 1, 100_000);
  const chosen = (args.values.get('mutant') ?? []).map((id) => {
    const info = findMutant(id);
    if (!info)
      throw new UsageError(
        `unknown mutant "${id.slice(0, 40)}" (one of: ${MUTANTS.map((m) => m.id).join(', ')})`,
      );
    return info;
  });
  const json = args.switches.has('json');
  const style = out.isTTY && !json ? COLOUR : PLAIN;
  const results: MutantResult[] = [];
  for (const info of chosen.length > 0 ? chosen : MUTANTS) {
    const result = huntMutant(info, seeds);
    results.push(result);
    if (!json) out.write(`${formatResult(result, style)}\n`);
  }
  const survivors = results.filter((r) => !r.caught).map((r) => r.mutant);
  if (json)
    out.write(
      `${JSON.stringify({ seeds, mutants: results.length, caught: results.length - survivors.length, survivors, results })}\n`,
    );
  else {
    const verdict =
      survivors.length === 0
        ? style.green(`all ${results.length} mutants caught`)
        : style.red(
            `${survivors.length} of ${results.length} mutants survived ${seeds} seed(s): ${survivors.join(', ')} — a check is too weak`,
          );
    out.write(`${verdict}\n`);
  }
  return survivors.length > 0 ? 1 : 0;
}

function formatResult(r: MutantResult, style: Style): string {
  if (!r.caught || r.violation === null) {
    return style.red(
      `✗ ${r.mutant} SURVIVED ${r.runs} run(s)\n    breaks:   ${r.breaks}\n    expected: ${r.expectedCheck}`,
    );
  }
  const v = r.violation;
  return [
    `${style.green('✓')} ${style.bold(r.mutant)} caught by ${r.scenario} (${r.chaos}) seed ${r.seed}, run ${r.runs}`,
    `    breaks:    ${r.breaks}`,
    `    violation: at ${formatUs(v.timeUs)} on ${v.node || 'world'}: ${v.name} — ${v.message}`,
    style.dim(`    replay:    ${r.replay}`),
    style.dim(`    link:      ${r.url}`),
  ].join('\n');
}
