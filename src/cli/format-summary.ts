/*
 * Human-readable rendering of a run summary for a terminal. Plain text with
 * optional ANSI colour; the --json output is the summary object itself.
 * Knows nothing of how the run was produced.
 */
import { formatUs } from '../core/sim';
import type { RunSummary } from '../core/run-summary';

export interface Style {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const COLOUR: Style = {
  red: ansi(31),
  green: ansi(32),
  yellow: ansi(33),
  dim: ansi(2),
  bold: ansi(1),
};
export const PLAIN: Style = {
  red: (s) => s,
  green: (s) => s,
  yellow: (s) => s,
  dim: (s) => s,
  bold: (s) => s,
};

function list(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record);
  return entries.length === 0
    ? 'none'
    : entries.map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ');
}

export function formatSummary(summary: RunSummary, replay: string, style: Style): string {
  const lines = [
    style.bold(`${summary.scenario}  seed ${summary.seed}  chaos ${summary.chaos}`),
    `  sim time    ${formatUs(summary.simTimeUs)}   events ${summary.events.toLocaleString('en-US')}`,
    `  trace hash  ${summary.traceHash}`,
    `  faults      ${list(summary.faults)}`,
    `  outcomes    ${list(summary.outcomes)}`,
    `  assertions`,
  ];
  for (const a of summary.assertions) lines.push(`    ${formatAssertion(a, style)}`);
  const live = summary.liveness;
  const liveText = `  liveness    ${live.status}: ${live.reason}`;
  lines.push(
    live.status === 'held'
      ? style.green(liveText)
      : live.status === 'violated'
        ? style.red(liveText)
        : style.yellow(liveText),
  );
  if (summary.mutant !== null)
    lines.push(style.yellow(`  mutant      ${summary.mutant}: a deliberately broken transport`));
  if (summary.violations.length === 0) lines.push(style.green('  no violations'));
  else {
    lines.push(style.red(`  ${summary.violations.length} violation(s):`));
    for (const v of summary.violations.slice(0, 20))
      lines.push(
        style.red(`    at ${formatUs(v.timeUs)} on ${v.node || 'world'}: ${v.name} — ${v.message}`),
      );
  }
  lines.push(style.dim(`  replay: ${replay}`));
  return lines.join('\n');
}

function formatAssertion(a: RunSummary['assertions'][number], style: Style): string {
  const counts = style.dim(`(${a.kind}: held ${a.pass}, failed ${a.fail})`);
  if (a.kind === 'always' || a.kind === 'unreachable') {
    return a.fail > 0
      ? style.red(`✗ ${a.name} ${counts}`)
      : `${style.green('✓')} ${a.name} ${counts}`;
  }
  return a.pass > 0
    ? `${style.green('✓')} ${a.name} ${counts}`
    : style.yellow(`· ${a.name} ${counts} — not seen in this run`);
}
