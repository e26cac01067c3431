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
  summarizeComparison,
  type RunComparison,
} from '../core/compare/compare-runs';
import { findScenario } from '../core/scenario/registry';
import { sessionFromQuery, sessionToQuery, type QueryState } from '../core/session-query';
import { formatUs, type TraceEvent } from '../core/sim';
import { formatTraceEvent } from '../console/trace-format';
import { parseArgs, single, UsageError } from './args';
import { untilFlag } from './run-command';
import { COLOUR, PLAIN, type Style } from './format-summary';

export const DIFF_USAGE = 'tidepool diff <linkA> <linkB> [--until D] [--json]';

/** A shared link (a whole URL or just its query) → the session and moment it names. */
export function stateFromLink(link: string, which: string): QueryState {
  const q = link.indexOf('?');
  const query = (q >= 0 ? link.slice(q + 1) : link).split('#')[0] as string;
  const parsed = sessionFromQuery(query);
  if (!parsed.ok) throw new UsageError(`link ${which}: ${parsed.errors.join('; ')}`);
  return parsed.state;
}

export function diffCommand(
  argv: readonly string[],
  out: { write(s: string): void; isTTY?: boolean },
): number {
  const args = parseArgs(argv, { values: ['until'], switches: ['json'] });
  const [linkA, linkB, extra] = args.positional;
  if (linkA === undefined || linkB === undefined) throw new UsageError('diff needs two links');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra.slice(0, 40)}"`);
  const a = stateFromLink(linkA, 'A');
  const b = stateFromLink(linkB, 'B');
  const untilUs =
    single(args, 'until') !== undefined
      ? untilFlag(args, a.session)
      : Math.max(a.atUs ?? defaultUntil(a), b.atUs ?? defaultUntil(b));
  const cmp = compareRuns(a.session, b.session, untilUs);
  if (args.switches.has('json'))
    out.write(`${JSON.stringify(summarizeComparison(cmp), null, 2)}\n`);
  else out.write(formatDiff(cmp, out.isTTY === true ? COLOUR : PLAIN));
  return cmp.divergence === null ? 0 : 1;
}

function defaultUntil(state: QueryState): number {
  return findScenario(state.session.scenario)?.defaultUntilUs ?? 0;
}

function eventLine(e: TraceEvent | null): string {
  return e === null ? '(its trace has ended)' : `#${e.seq} ${formatTraceEvent(e).text}`;
}

function figure(value: number | null, unit: string): string {
  if (value === null) return '–';
  return unit === 'µs' ? formatUs(value) : value.toLocaleString('en-US');
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
    const delta = row.a === null || row.b === null ? null : row.b - row.a;
    const deltaText =
      delta === null
        ? '–'
        : `${delta > 0 ? '+' : ''}${figure(delta, row.unit).replace(/^(-?)/, '$1')}`;
    const line = `  ${row.name.padEnd(34)}${figure(row.a, row.unit).padStart(12)}${figure(row.b, row.unit).padStart(12)}${deltaText.padStart(12)}`;
    lines.push(delta !== null && delta !== 0 ? line : style.dim(line));
  }
  return `${lines.join('\n')}\n`;
}
