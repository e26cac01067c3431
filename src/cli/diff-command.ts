/*
 * `tidepool diff <linkA> <linkB>`: runs two shared links to the same moment
 * and prints where their traces first part (each side's event there) and how
 * their metrics differ — connect attempts and their peak per 10 ms, RPC
 * latency p50/p99, call outcomes, bytes. Exit status as diff(1): 0 when the
 * traces are identical, 1 when they differ, 2 on a bad link or flag. The
 * comparison is core's (core/compare); this file only reads links and prints.
 */
import {
  compareRuns,
  metricDeltas,
  compareUntilUs,
  summarizeComparison,
  type RunComparison,
} from '../core/compare/compare-runs';
import { sessionFromQuery, sessionToQuery, type QueryState } from '../core/session-query';
import { compareFromQuery, isCompareQuery } from '../core/compare/compare-query';
import { formatUs, type TraceEvent } from '../core/sim';
import { formatTraceEvent } from '../console/trace-format';
import { formatDelta, formatFigure } from '../console/compare-format';
import { parseArgs, single, UsageError } from './args';
import { untilFlag } from './run-command';
import { COLOUR, PLAIN, type Style } from './format-summary';

export const DIFF_USAGE = 'tidepool diff <linkA> <linkB> | <compare link> [--until D] [--json]';

/** A shared link (a whole URL or just its query) → the session and moment it names. */
export function stateFromLink(link: string, which: string): QueryState {
  const parsed = sessionFromQuery(queryOf(link));
  if (!parsed.ok)
    throw new UsageError(`link${which ? ` ${which}` : ''}: ${parsed.errors.join('; ')}`);
  return parsed.state;
}

/** Two links, or one compare link (`vs.` parameters: both runs in one, as the page shares them). */
function statesFromLinks(linkA?: string, linkB?: string): [QueryState, QueryState] {
  if (linkA === undefined) throw new UsageError('diff needs two links, or one compare link');
  if (linkB !== undefined) return [stateFromLink(linkA, 'A'), stateFromLink(linkB, 'B')];
  const query = queryOf(linkA);
  if (!isCompareQuery(query))
    throw new UsageError('diff needs two links, or one compare link (with vs. parameters)');
  const parsed = compareFromQuery(query);
  if (!parsed.ok) throw new UsageError(`link: ${parsed.errors.join('; ')}`);
  const { a, b } = parsed.state;
  return [a, { session: b, atUs: a.atUs, atEvents: null }];
}

function queryOf(link: string): string {
  const q = link.indexOf('?');
  return (q >= 0 ? link.slice(q + 1) : link).split('#')[0] as string;
}

export function diffCommand(
  argv: readonly string[],
  out: { write(s: string): void; isTTY?: boolean },
): number {
  const args = parseArgs(argv, { values: ['until'], switches: ['json'] });
  const [linkA, linkB, extra] = args.positional;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra.slice(0, 40)}"`);
  const [a, b] = statesFromLinks(linkA, linkB);
  const untilUs =
    single(args, 'until') !== undefined
      ? untilFlag(args, a.session)
      : a.atUs !== null || b.atUs !== null
        ? Math.max(a.atUs ?? 0, b.atUs ?? 0) // the later moment a link names
        : compareUntilUs(a.session, b.session, 0);
  const cmp = compareRuns(a.session, b.session, untilUs);
  if (args.switches.has('json'))
    out.write(`${JSON.stringify(summarizeComparison(cmp), null, 2)}\n`);
  else out.write(formatDiff(cmp, out.isTTY === true ? COLOUR : PLAIN));
  return cmp.divergence === null ? 0 : 1;
}

function eventLine(e: TraceEvent | null): string {
  return e === null ? '(its trace has ended)' : `#${e.seq} ${formatTraceEvent(e).text}`;
}

export function formatDiff(cmp: RunComparison, style: Style): string {
  const lines = [
    style.bold(`tidepool diff: both runs to t=${formatUs(cmp.untilUs)}`),
    `  A  ?${sessionToQuery(cmp.a.session)}`,
    `     hash ${cmp.a.traceHash}, ${cmp.a.events.toLocaleString('en-US')} events`,
    `  B  ?${sessionToQuery(cmp.b.session)}`,
    `     hash ${cmp.b.traceHash}, ${cmp.b.events.toLocaleString('en-US')} events`,
    '',
  ];
  const d = cmp.divergence;
  if (d === null) lines.push(style.green('identical: the two traces agree event for event'));
  else {
    const atUs = Math.min(d.a?.timeUs ?? Infinity, d.b?.timeUs ?? Infinity);
    lines.push(
      style.yellow(`first divergence: event #${d.seq}, at t=${formatUs(atUs)}`),
      `  A  ${eventLine(d.a)}`,
      `  B  ${eventLine(d.b)}`,
    );
  }
  lines.push(
    '',
    style.bold(
      `  ${'metric'.padEnd(34)}${'A'.padStart(12)}${'B'.padStart(12)}${'B − A'.padStart(12)}`,
    ),
  );
  for (const row of metricDeltas(cmp)) {
    const changed = row.a !== null && row.b !== null && row.a !== row.b;
    const line = `  ${row.name.padEnd(34)}${formatFigure(row.a, row.unit).padStart(12)}${formatFigure(row.b, row.unit).padStart(12)}${formatDelta(row.a, row.b, row.unit).padStart(12)}`;
    lines.push(changed ? line : style.dim(line));
  }
  return `${lines.join('\n')}\n`;
}
