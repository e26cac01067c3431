/*
 * The `tidepool` command line: the same engine as the browser, headless.
 * Dispatches to a subcommand; usage errors print one line to stderr and exit
 * 2 (`tidepool help` prints the full usage); a run with an invariant
 * violation exits 1.
 */
import { UsageError } from './args';
import { checkDeterminismCommand, CHECK_USAGE } from './check-determinism';
import { goldenCommand, GOLDEN_USAGE } from './golden-command';
import { runCommand, RUN_USAGE } from './run-command';
import { sweepCommand, SWEEP_USAGE } from './sweep-command';
import { mutantsCommand, MUTANTS_USAGE } from './mutants-command';
import { MUTANTS } from '../core/mutants/catalogue';
import { SCENARIOS } from '../core/scenario/registry';

const USAGE = [
  'usage:',
  `  ${RUN_USAGE}`,
  `  ${SWEEP_USAGE}`,
  `  ${CHECK_USAGE}`,
  `  ${GOLDEN_USAGE}`,
  `  ${MUTANTS_USAGE}`,
  'scenarios: see `tidepool list`; chaos presets: calm, flaky, storm, corrupt, partitions',
].join('\n');

export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  const out = process.stdout;
  try {
    switch (command) {
      case 'run':
        return runCommand(rest, out);
      case 'sweep':
        return sweepCommand(rest, out, process.stderr); // async: sets process.exitCode when done
      case 'check-determinism':
        return checkDeterminismCommand(rest, out, process.stderr);
      case 'golden':
        return goldenCommand(rest, out);
      case 'mutants':
        return mutantsCommand(rest, out);
      case 'list':
        return listCommand(out);
      case undefined:
        throw new UsageError('missing command (run, sweep, check-determinism, golden, mutants, list, help)');
      case 'help':
      case '--help':
      case '-h':
        out.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command.slice(0, 40)}"`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`tidepool: ${error.message} (see \`tidepool help\`)\n`);
    return 2;
  }
}

function listCommand(out: { write(s: string): void }): number {
  for (const s of SCENARIOS) {
    out.write(`${s.id.padEnd(16)} ${s.title} (default chaos ${s.defaultChaos})\n`);
    for (const p of s.params) out.write(`${''.padEnd(18)}--param ${p.name}=${p.defaultValue}  ${p.description} [${p.min}..${p.max}]\n`);
  }
  out.write('\nmutants (--mutant M, mutant=M in a link): deliberately broken transports for the checks to catch\n');
  const width = Math.max(...MUTANTS.map((m) => m.id.length)) + 2;
  for (const m of MUTANTS) out.write(`  ${m.id.padEnd(width)}${m.breaks}\n`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));
