/*
 * `tidepool check-determinism <scenario> --seeds N`: runs each seed twice —
 * once straight through, once in random-sized steps (single events, event
 * batches, time slices) — and compares trace hashes. Any mismatch means some
 * code depends on something other than the session; exit 1.
 */
import { Rng, U64_MAX } from '../core/sim';
import { createEngine, type Engine } from '../core/engine';
import type { Session } from '../core/session';
import { intFlag, parseArgs, single, UsageError } from './args';
import { runSession, untilFlag } from './run-command';
import {
  parseSeedFlag,
  sessionFromFlags,
  SESSION_FLAGS,
  SESSION_REPEATABLE,
} from './session-flags';

export const CHECK_USAGE =
  'tidepool check-determinism <scenario> [--seeds 20] [--from 1] [--chaos P] [--until 10s] [--param k=v]... [--script S] [--mutant M] [--profile P] [--transport k=v]... [--json]';

/**
 * Runs `engine` to `untilUs` in chunks of random kinds and sizes (drawn from its own rng),
 * ending where `runUntil({ timeUs: untilUs })` ends: events due at exactly `untilUs` run too.
 */
export function runInRandomSteps(engine: Engine, untilUs: number, stepper: Rng): void {
  while (engine.nowUs() < untilUs || (engine.sim.nextEventUs() ?? Infinity) <= untilUs) {
    const next = engine.sim.nextEventUs();
    const mode = stepper.below(3);
    if (mode === 0 && next !== undefined && next <= untilUs) {
      for (
        let i = stepper.intBetween(1, 20);
        i > 0 && (engine.sim.nextEventUs() ?? Infinity) <= untilUs;
        i--
      )
        engine.step();
    } else if (mode === 1) {
      engine.runUntil({ events: stepper.intBetween(1, 500), timeUs: untilUs });
    } else {
      engine.runUntil({
        timeUs: Math.min(untilUs, engine.nowUs() + stepper.intBetween(1, 200_000)),
      });
    }
  }
}

export interface DeterminismResult {
  seed: string;
  straight: string;
  stepped: string;
  events: number;
  match: boolean;
}

export function checkSeed(session: Session, untilUs: number): DeterminismResult {
  const straight = runSession(session, untilUs);
  const engine = createEngine(session);
  runInRandomSteps(engine, untilUs, new Rng(session.seed, 'determinism-stepper'));
  const stepped = engine.finish();
  return {
    seed: session.seed.toString(),
    straight: straight.traceHash,
    stepped: stepped.traceHash,
    events: straight.events,
    match: straight.traceHash === stepped.traceHash && straight.events === stepped.events,
  };
}

export function checkDeterminismCommand(
  argv: readonly string[],
  out: { write(s: string): void },
  err: { write(s: string): void },
): number {
  const args = parseArgs(argv, {
    values: [...SESSION_FLAGS, 'until', 'seeds', 'from'],
    switches: ['json'],
    repeatable: SESSION_REPEATABLE,
  });
  if (single(args, 'seed') !== undefined)
    throw new UsageError('check-determinism takes --from and --seeds, not --seed');
  const count = intFlag(args, 'seeds', 20, 1, 1_000_000);
  const from = parseSeedFlag(single(args, 'from') ?? '1');
  if (from + BigInt(count - 1) > U64_MAX)
    throw new UsageError(`--from ${from} --seeds ${count} would run seeds above 2^64 - 1`);
  const results: DeterminismResult[] = [];
  for (let i = 0; i < count; i++) {
    const session = sessionFromFlags(args.positional[0], args, from + BigInt(i));
    const result = checkSeed(session, untilFlag(args, session));
    results.push(result);
    if (!args.switches.has('json')) {
      out.write(
        `seed ${result.seed.padEnd(6)} straight ${result.straight}  stepped ${result.stepped}  ${result.match ? 'ok' : 'MISMATCH'}\n`,
      );
    }
  }
  const mismatches = results.filter((r) => !r.match);
  if (args.switches.has('json'))
    out.write(
      `${JSON.stringify({ seeds: count, mismatches: mismatches.map((r) => r.seed), results })}\n`,
    );
  else if (mismatches.length > 0)
    err.write(
      `${mismatches.length} of ${count} seeds are not deterministic: ${mismatches.map((r) => r.seed).join(', ')}\n`,
    );
  else out.write(`all ${count} seeds deterministic\n`);
  return mismatches.length > 0 ? 1 : 0;
}
