/*
 * `tidepool probe <link> [--points K] [--branches M] [--until D] [--json]`:
 * "when did it become inevitable?" for a failing session (core/explore/
 * probe.ts). Runs M reseeded branches from each of K moments before the first
 * violation and prints P(failure of the same invariant) against time as a
 * bar chart, the steepest rise, and a link to the moment it marks. Exit 0
 * when the probe ran, 1 when the link does not fail, 2 on a usage error.
 */
import { firstViolation } from '../core/explore/run-seed';
import {
  DEFAULT_PROBE,
  MAX_PROBE_BRANCHES,
  MAX_PROBE_POINTS,
  probe,
  type ProbeResult,
} from '../core/explore/probe';
import type { Session } from '../core/session';
import { sessionToQuery } from '../core/session-query';
import { formatDurationExact, formatUs } from '../core/sim';
import { intFlag, parseArgs } from './args';
import { COLOUR, PLAIN, type Style } from './format-summary';
import { sessionFromLink } from './link-session';
import { progressReporter, type ProgressStream } from './sweep-progress';

export const PROBE_USAGE =
  'tidepool probe <link> [--points 12] [--branches 16] [--until D] [--json]';

interface Out {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export function probeCommand(argv: readonly string[], out: Out, err: ProgressStream): number {
  const args = parseArgs(argv, { values: ['points', 'branches', 'until'], switches: ['json'] });
  const points = intFlag(args, 'points', DEFAULT_PROBE.points, 2, MAX_PROBE_POINTS);
  const branches = intFlag(args, 'branches', DEFAULT_PROBE.branches, 1, MAX_PROBE_BRANCHES);
  const { session, untilUs } = sessionFromLink(args, 'probe');
  const violation = firstViolation(session, untilUs);
  if (violation === null) {
    err.write(
      `tidepool: probe: the session does not fail by ${formatDurationExact(untilUs)}: nothing to probe\n`,
    );
    return 1;
  }
  const progress = progressReporter(err, { label: 'probe', unit: 'branches' });
  const started = performance.now();
  let failed = 0;
  const result = probe(
    session,
    untilUs,
    violation,
    { points, branches },
    (s, u) => {
      const first = firstViolation(s, u);
      if (first?.name === violation.name) failed++;
      return first;
    },
    (done, total) =>
      progress.update({ done, total, failed, elapsedSec: (performance.now() - started) / 1000 }),
  );
  progress.finish();
  const markLink = `?${sessionToQuery(session, result.markUs)}`;
  if (args.switches.has('json')) out.write(`${JSON.stringify({ ...result, untilUs, markLink })}\n`);
  else
    out.write(
      formatProbe(session, result, markLink, out.isTTY && !process.env.NO_COLOR ? COLOUR : PLAIN),
    );
  return 0;
}

const BAR = 20;

export function formatProbe(
  session: Session,
  r: ProbeResult,
  markLink: string,
  style: Style,
): string {
  const lines = [
    style.bold(
      `probe ${session.scenario} seed ${session.seed}${session.mutant ? ` (${session.mutant})` : ''}: fails at ${formatUs(r.violationUs)}`,
    ),
    `  ${r.invariant}`,
    `  P(failing it again) after reseeding at each moment, ${r.points[0]?.branches ?? 0} branches each:`,
  ];
  for (const p of r.points) {
    const filled = Math.round(p.p * BAR);
    const mark = p.atUs === r.markUs && r.steepest ? style.yellow('  ◀ became likely here') : '';
    lines.push(
      `  ${formatUs(p.atUs).padStart(10)}  ${'█'.repeat(filled)}${'·'.repeat(BAR - filled)}  ${String(p.failures).padStart(3)}/${p.branches}${mark}`,
    );
  }
  lines.push(
    r.steepest
      ? style.yellow(
          `  steepest rise: ${formatUs(r.steepest.fromUs)} → ${formatUs(r.steepest.toUs)} (+${Math.round(r.steepest.rise * 100)}%): look at the trace in that window`,
        )
      : `  P(failure) never rises: the failure was as likely from the start`,
    style.dim(`  jump there: ${markLink}`),
  );
  return `${lines.join('\n')}\n`;
}
