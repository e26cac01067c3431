/*
 * `tidepool run <scenario>`: runs one session headless to --until and prints
 * its summary (or the summary as JSON). Exit 0 when no invariant was violated,
 * 1 when one was.
 */
import { formatDurationExact, parseDurationUs } from '../core/sim';
import { MAX_RUN_US } from '../core/sim/time';
import { quoteInput } from '../core/sim/quote-input';
import { createEngine } from '../core/engine';
import { findScenario } from '../core/scenario/registry';
import type { RunSummary } from '../core/run-summary';
import type { Session } from '../core/session';
import { parseArgs, single, UsageError, type ParsedArgs } from './args';
import { COLOUR, formatSummary, PLAIN } from './format-summary';
import { replayCommand } from './replay';
import { sessionToQuery } from '../core/session-query';
import { sessionFromFlags, SESSION_FLAGS } from './session-flags';

export const RUN_USAGE = 'tidepool run <scenario> [--seed N] [--chaos P] [--until 30s] [--param k=v]... [--script S] [--mutant M] [--json]';

export function untilFlag(args: ParsedArgs, session: Session): number {
  const text = single(args, 'until');
  if (text === undefined) return (findScenario(session.scenario) as { defaultUntilUs: number }).defaultUntilUs;
  const us = parseDurationUs(text);
  if (typeof us !== 'number') throw new UsageError(`--until: ${us.error}`);
  if (us > MAX_RUN_US) throw new UsageError(`--until must be at most ${MAX_RUN_US / 3_600_000_000}h (${formatDurationExact(MAX_RUN_US)} of virtual time), got ${quoteInput(text)}`);
  return us;
}

export function runSession(session: Session, untilUs: number): RunSummary {
  const engine = createEngine(session);
  engine.runUntil({ timeUs: untilUs });
  return engine.finish();
}

export function runCommand(argv: readonly string[], out: { write(s: string): void; isTTY?: boolean }): number {
  const args = parseArgs(argv, { values: [...SESSION_FLAGS, 'until'], switches: ['json'], repeatable: ['param'] });
  if (args.positional.length > 1) throw new UsageError(`unexpected argument "${args.positional[1]}"`);
  const session = sessionFromFlags(args.positional[0], args);
  const untilUs = untilFlag(args, session);
  const summary = runSession(session, untilUs);
  const replay = replayCommand(session, untilUs);
  const url = `?${sessionToQuery(session, untilUs)}`;
  if (args.switches.has('json')) out.write(`${JSON.stringify({ ...summary, replay, url })}\n`);
  else out.write(`${formatSummary(summary, replay, out.isTTY ? COLOUR : PLAIN)}\n  link:   ${url}\n`);
  return summary.violations.length > 0 ? 1 : 0;
}
