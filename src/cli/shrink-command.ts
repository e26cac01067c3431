/*
 * `tidepool shrink <link> [--until D] [--json]`: from a failing session, a
 * smaller one that fails the same invariant (core/explore/shrink.ts) — fewer
 * interventions, calmer chaos, smaller parameters, an earlier end — printed as
 * a link and replay command with what was removed and what still fails.
 * Exit 0 when shrinking ran, 1 when the link does not fail, 2 on a usage error.
 */
import { replayCommand } from '../core/explore/replay-command';
import { firstViolation } from '../core/explore/run-seed';
import { shrink, type ShrinkCase, type ShrinkResult } from '../core/explore/shrink';
import { sessionToQuery } from '../core/session-query';
import { formatDurationExact, formatUs } from '../core/sim';
import { parseArgs } from './args';
import { COLOUR, PLAIN, type Style } from './format-summary';
import { sessionFromLink } from './link-session';
import type { ProgressStream } from './sweep-progress';

export const SHRINK_USAGE = 'tidepool shrink <link> [--until D] [--json]';

interface Out {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

export function shrinkCommand(argv: readonly string[], out: Out, err: ProgressStream): number {
  const args = parseArgs(argv, { values: ['until'], switches: ['json'] });
  const { session, untilUs } = sessionFromLink(args, 'shrink');
  const result = shrink(session, untilUs, firstViolation, (runs) => {
    if (err.isTTY) err.write(`\r\u001b[Kshrink: ${runs} runs`);
  });
  if (err.isTTY) err.write('\r\u001b[K');
  if ('error' in result) {
    err.write(`tidepool: shrink: ${result.error}\n`);
    return 1;
  }
  out.write(
    args.switches.has('json')
      ? `${JSON.stringify(shrinkJson(result))}\n`
      : formatShrink(result, out.isTTY && !process.env.NO_COLOR ? COLOUR : PLAIN),
  );
  return 0;
}

export function caseJson(c: ShrinkCase) {
  return {
    url: `?${sessionToQuery(c.session, c.untilUs)}`,
    replay: replayCommand(c.session, c.untilUs),
    interventions: c.session.script.length,
    chaos: c.session.chaos,
    params: c.session.params,
    untilUs: c.untilUs,
    violation: c.violation,
  };
}

export function shrinkJson(r: ShrinkResult) {
  return {
    invariant: r.invariant,
    original: caseJson(r.original),
    shrunk: caseJson(r.shrunk),
    removed: r.removed,
    runs: r.runs,
  };
}

function describe(c: ShrinkCase): string {
  const n = c.session.script.length;
  return `${n} intervention${n === 1 ? '' : 's'}, chaos ${c.session.chaos}, until ${formatDurationExact(c.untilUs)}`;
}

export function formatShrink(r: ShrinkResult, style: Style): string {
  const v = r.shrunk.violation;
  const lines = [
    style.bold(
      `shrink ${r.original.session.scenario} seed ${r.original.session.seed}: ${r.invariant}`,
    ),
    `  from: ${describe(r.original)}`,
    `  to:   ${describe(r.shrunk)} (${r.runs} runs)`,
    ...(r.removed.length > 0
      ? r.removed.map((l) => `    − ${l}`)
      : ['    nothing could be removed']),
    style.red(
      `  still fails at ${formatUs(v.timeUs)} on ${v.node || 'world'}: ${v.name} — ${v.message}`,
    ),
    style.dim(`  link:   ?${sessionToQuery(r.shrunk.session, r.shrunk.untilUs)}`),
    style.dim(`  replay: ${replayCommand(r.shrunk.session, r.shrunk.untilUs)}`),
  ];
  return `${lines.join('\n')}\n`;
}
