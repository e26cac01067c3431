/*
 * The `tidepool` command line: the same engine as the browser, headless.
 * `runCli(argv, io)` dispatches to a subcommand and resolves with the exit
 * status: usage errors print one line to io.stderr and give 2 (`tidepool help`
 * prints the full usage); a run with an invariant violation gives 1. It writes
 * only to io and never touches process.exitCode, so tests call it in-process;
 * bin/tidepool.mjs (and `tsx src/cli/main.ts`) pass it the real streams.
 * Knows each command by its name and usage line only.
 */
import { UsageError } from './args';
import { checkDeterminismCommand, CHECK_USAGE } from './check-determinism';
import { goldenCommand, GOLDEN_USAGE } from './golden-command';
import { runCommand, RUN_USAGE } from './run-command';
import { sweepCommand, SWEEP_USAGE } from './sweep-command';
import { mutantsCommand, MUTANTS_USAGE } from './mutants-command';
import { diffCommand, DIFF_USAGE } from './diff-command';
import { probeCommand, PROBE_USAGE } from './probe-command';
import { shrinkCommand, SHRINK_USAGE } from './shrink-command';
import { MUTANTS } from '../core/mutants/catalogue';
import { SCENARIOS } from '../core/scenario/registry';
import { PROFILES } from '../core/transport-settings/profiles';
import { KNOBS } from '../core/transport-settings/knobs';
import type { ProgressStream } from './sweep-progress';

const USAGE = [
  'usage:',
  `  ${RUN_USAGE}`,
  `  ${SWEEP_USAGE}`,
  `  ${CHECK_USAGE}`,
  `  ${GOLDEN_USAGE}`,
  `  ${MUTANTS_USAGE}`,
  `  ${DIFF_USAGE}`,
  `  ${PROBE_USAGE}`,
  `  ${SHRINK_USAGE}`,
  'scenarios: see `tidepool list`; chaos presets: calm, flaky, storm, corrupt, partitions',
].join('\n');

/** Where a command writes: process.stdout/stderr, or a test's buffers. */
export interface CliIo {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: ProgressStream;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`tidepool: ${error.message} (see \`tidepool help\`)\n`);
    return 2;
  }
}

function dispatch(
  [command, ...rest]: readonly string[],
  { stdout: out, stderr: err }: CliIo,
): number | Promise<number> {
  switch (command) {
    case 'run':
      return runCommand(rest, out);
    case 'sweep':
      return sweepCommand(rest, out, err);
    case 'check-determinism':
      return checkDeterminismCommand(rest, out, err);
    case 'golden':
      return goldenCommand(rest, out);
    case 'mutants':
      return mutantsCommand(rest, out);
    case 'diff':
      return diffCommand(rest, out);
    case 'probe':
      return probeCommand(rest, out, err);
    case 'shrink':
      return shrinkCommand(rest, out, err);
    case 'list':
      return listCommand(out);
    case undefined:
      throw new UsageError(
        'missing command (run, sweep, check-determinism, golden, mutants, diff, probe, shrink, list, help)',
      );
    case 'help':
    case '--help':
    case '-h':
      out.write(`${USAGE}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${command.slice(0, 40)}"`);
  }
}

function listCommand(out: CliIo['stdout']): number {
  for (const s of SCENARIOS) {
    out.write(`${s.id.padEnd(16)} ${s.title} (default chaos ${s.defaultChaos})\n`);
    for (const p of s.params)
      out.write(
        `${''.padEnd(18)}--param ${p.name}=${p.defaultValue}  ${p.description} [${p.min}..${p.max}]\n`,
      );
  }
  out.write(
    '\nmutants (--mutant M, mutant=M in a link): deliberately broken transports for the checks to catch\n',
  );
  const width = Math.max(...MUTANTS.map((m) => m.id.length)) + 2;
  for (const m of MUTANTS) out.write(`  ${m.id.padEnd(width)}${m.breaks}\n`);
  out.write('\ntransport profiles (--profile P, profile=P in a link; docs/profiles.md)\n');
  for (const p of PROFILES) out.write(`  ${p.id.padEnd(width)}${p.summary}\n`);
  out.write('\ntransport knobs (--transport k=v, t.k=v in a link): they win over the profile\n');
  const knobWidth = Math.max(...KNOBS.map((k) => k.name.length)) + 2;
  for (const k of KNOBS) out.write(`  ${k.name.padEnd(knobWidth)}${k.label}: ${k.range}\n`);
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) process.exitCode = await runCli(process.argv.slice(2), process);
