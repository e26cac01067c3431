/*
 * `tidepool run <scenario>`: runs one session headless to --until and prints
 * its summary (or the summary as JSON) and, when an invariant was violated,
 * the chain of causes behind the first violation. `--trace-out FILE` also
 * writes the run in the Trace Event format (Perfetto, chrome://tracing).
 * Exit 0 when no invariant was violated, 1 when one was.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { exportSessionTrace } from '../core/export/export-session';
import { firstViolationWhy, whyJson, whyLines } from '../console/why-chain';
import { formatDurationExact, parseDurationUs } from '../core/sim';
import { MAX_RUN_US } from '../core/sim/time';
import { quoteInput } from '../core/sim/quote-input';
import { findScenario } from '../core/scenario/registry';
import type { RunSummary } from '../core/run-summary';
import type { Session } from '../core/session';
import { parseArgs, single, UsageError, type ParsedArgs } from './args';
import { COLOUR, formatSummary, PLAIN } from './format-summary';
import { replayCommand } from '../core/explore/replay-command';
import { runSession } from '../core/explore/run-seed';

export { runSession };
import { sessionToQuery } from '../core/session-query';
import { sessionFromFlags, SESSION_FLAGS, SESSION_REPEATABLE } from './session-flags';

export const RUN_USAGE =
  'tidepool run <scenario> [--seed N] [--chaos P] [--until 30s] [--param k=v]... [--script S] [--mutant M] [--profile P] [--transport k=v]... [--trace-out FILE] [--json]';

export function untilFlag(args: ParsedArgs, session: Session): number {
  const text = single(args, 'until');
  if (text === undefined)
    return (findScenario(session.scenario) as { defaultUntilUs: number }).defaultUntilUs;
  const us = parseDurationUs(text);
  if (typeof us !== 'number') throw new UsageError(`--until: ${us.error}`);
  if (us > MAX_RUN_US)
    throw new UsageError(
      `--until must be at most ${MAX_RUN_US / 3_600_000_000}h (${formatDurationExact(MAX_RUN_US)} of virtual time), got ${quoteInput(text)}`,
    );
  return us;
}

export function runCommand(
  argv: readonly string[],
  out: { write(s: string): void; isTTY?: boolean },
): number {
  const args = parseArgs(argv, {
    values: [...SESSION_FLAGS, 'until', 'trace-out'],
    switches: ['json'],
    repeatable: SESSION_REPEATABLE,
  });
  if (args.positional.length > 1)
    throw new UsageError(`unexpected argument "${args.positional[1]}"`);
  const session = sessionFromFlags(args.positional[0], args);
  const untilUs = untilFlag(args, session);
  const traceOut = single(args, 'trace-out');
  const summary =
    traceOut === undefined
      ? runSession(session, untilUs)
      : runWritingTrace(session, untilUs, traceOut);
  const replay = replayCommand(session, untilUs);
  const url = `?${sessionToQuery(session, untilUs)}`;
  const why = firstViolationWhy(session, summary, untilUs);
  if (args.switches.has('json'))
    out.write(
      `${JSON.stringify({ ...summary, replay, url, why: why && whyJson(why), ...(traceOut ? { traceOut } : {}) })}\n`,
    );
  else {
    const style = out.isTTY ? COLOUR : PLAIN;
    const lines = [formatSummary(summary, replay, style), `  link:   ${url}`];
    if (why) lines.push(...whyLines(why).map((l) => style.red(l)));
    if (traceOut)
      lines.push(
        style.dim(
          `  trace:  wrote ${traceOut} (Trace Event format): open it in ui.perfetto.dev or chrome://tracing`,
        ),
      );
    out.write(`${lines.join('\n')}\n`);
  }
  return summary.violations.length > 0 ? 1 : 0;
}

/** Runs the session while streaming its Trace Event export into `path`. */
function runWritingTrace(session: Session, untilUs: number, path: string): RunSummary {
  if (path.trim() === '') throw new UsageError('--trace-out needs a file name');
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new UsageError(
      `--trace-out: cannot write ${quoteInput(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return exportSessionTrace(session, untilUs, (chunk) => void writeSync(fd, chunk));
  } finally {
    closeSync(fd);
  }
}
