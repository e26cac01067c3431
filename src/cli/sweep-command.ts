/*
 * `tidepool sweep <scenario> --seeds N`: runs seeds from..from+N−1 (or one
 * `--shard i/n` of them) on `--jobs` worker threads and prints a summary:
 * failing seeds with their first violation, replay command and link, then
 * the coverage of `sometimes`/`reachable` assertions across seeds (ones that
 * never held are coverage gaps), then fault and trace totals. `--json` prints
 * the SweepResult object (see sweep-runner.ts) instead. Progress goes to
 * stderr. Exit 0: no violations; 1: some seed violated an invariant, or a run
 * crashed; 2: usage error. `sweep --merge` (sweep-merge-command.ts) folds
 * the --json results of `--shard i/n` runs back into one.
 *
 * The sweep is asynchronous: `sweepCommand` resolves with the exit status
 * (or rejects with the UsageError of a bad flag). Knows nothing of the
 * process it runs in beyond NO_COLOR: output goes to the streams it is given.
 */
import { firstViolationWhy, whyJson, whyLines } from '../console/why-chain';
import type { WhyChain } from '../core/why';
import { formatDurationExact, formatUs, U64_MAX } from '../core/sim';
import { intFlag, parseArgs, single, UsageError } from './args';
import { COLOUR, PLAIN, type Style } from './format-summary';
import { untilFlag } from './run-command';
import {
  parseSeedFlag,
  sessionFromFlags,
  SESSION_FLAGS,
  SESSION_REPEATABLE,
} from './session-flags';
import { progressReporter, type ProgressStream } from './sweep-progress';
import { sweepMergeCommand } from './sweep-merge-command';
import {
  defaultJobs,
  MAX_JOBS,
  runSweep,
  SweepCrash,
  type Shard,
  type SweepOptions,
  type SweepResult,
} from './sweep-runner';

export const SWEEP_USAGE =
  'tidepool sweep <scenario> --seeds N [--from 1] [--chaos P] [--until D] [--param k=v]... [--script S] [--mutant M] [--profile P] [--transport k=v]... [--jobs K] [--shard i/n] [--json]\n  tidepool sweep --merge shard-1.json shard-2.json ... [--json]';

const MAX_SEEDS = 10_000_000;
const MAX_FAILED_SHOWN = 20;

export interface Out {
  write(s: string): unknown;
  readonly isTTY?: boolean;
}

/** Parses and validates the flags; throws UsageError. */
export function parseSweepFlags(argv: readonly string[]): { options: SweepOptions; json: boolean } {
  const args = parseArgs(argv, {
    values: [...SESSION_FLAGS, 'until', 'seeds', 'from', 'jobs', 'shard'],
    switches: ['json'],
    repeatable: SESSION_REPEATABLE,
  });
  if (single(args, 'seed') !== undefined)
    throw new UsageError('sweep takes --from and --seeds, not --seed');
  if (args.positional.length > 1)
    throw new UsageError(`unexpected argument "${(args.positional[1] as string).slice(0, 40)}"`);
  if (single(args, 'seeds') === undefined)
    throw new UsageError('sweep needs --seeds N (how many seeds to run)');
  const count = intFlag(args, 'seeds', 0, 1, MAX_SEEDS);
  const from = parseSeedFlag(single(args, 'from') ?? '1');
  if (from + BigInt(count - 1) > U64_MAX)
    throw new UsageError(`--from ${from} --seeds ${count} would run seeds above 2^64 - 1`);
  const jobs = intFlag(args, 'jobs', defaultJobs(), 1, MAX_JOBS);
  const shardText = single(args, 'shard');
  const shard = shardText === undefined ? null : parseShard(shardText);
  const base = sessionFromFlags(args.positional[0], args, from);
  const untilUs = untilFlag(args, base);
  return { options: { base, untilUs, from, count, shard, jobs }, json: args.switches.has('json') };
}

/** "i/n", 1 ≤ i ≤ n: decimal integers, nothing else. */
export function parseShard(text: string): Shard {
  const m = /^([1-9]\d{0,5})\/([1-9]\d{0,5})$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index > count)
    throw new UsageError(
      `--shard must be i/n with 1 <= i <= n (e.g. 2/3), got "${text.slice(0, 40)}"`,
    );
  return { index, count };
}

export async function sweepCommand(
  argv: readonly string[],
  out: Out,
  err: ProgressStream,
): Promise<number> {
  if (argv.includes('--merge')) return sweepMergeCommand(argv, out);
  const { options, json } = parseSweepFlags(argv);
  return runAndReport(options, json, out, err);
}

async function runAndReport(
  options: SweepOptions,
  json: boolean,
  out: Out,
  err: ProgressStream,
): Promise<number> {
  const progress = progressReporter(err);
  let result: SweepResult;
  try {
    result = await runSweep(options, (p) => progress.update(p));
  } catch (error) {
    progress.finish();
    if (!(error instanceof SweepCrash)) throw error;
    err.write(`tidepool: sweep stopped: ${error.message.split('\n')[0]}\n`);
    if (error.replay !== null) err.write(`  replay: ${error.replay}\n`);
    const stack = error.detail.split('\n').slice(1, 8).join('\n');
    if (stack !== '') err.write(`${stack}\n`);
    return 1;
  }
  progress.finish();
  return printSweep(result, firstFailureWhy(options, result), json, out);
}

/** The result as the summary (with the first failure's Why? chain) or one JSON object; the exit status. */
export function printSweep(
  result: SweepResult,
  why: WhyChain | null,
  json: boolean,
  out: Out,
): number {
  const style = out.isTTY && !process.env.NO_COLOR ? COLOUR : PLAIN;
  out.write(
    json
      ? `${JSON.stringify({ ...result, why: why && whyJson(why) })}\n`
      : formatSweep(result, style) +
          (why
            ? `${whyLines(why)
                .map((l) => style.red(l))
                .join('\n')}\n`
            : ''),
  );
  return result.failed.length > 0 ? 1 : 0;
}

function list(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record);
  return entries.length === 0
    ? 'none'
    : entries.map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ');
}

export function formatSweep(r: SweepResult, style: Style): string {
  const last = BigInt(r.from) + BigInt(r.count - 1);
  const range = r.count === 1 ? `seed ${r.from}` : `seeds ${r.from}..${last}`;
  const shard = r.shard ? `, shard ${r.shard.index}/${r.shard.count}` : '';
  const lines = [
    style.bold(
      `${r.scenario} sweep  ${range}${shard}  chaos ${r.chaos}  until ${formatDurationExact(r.untilUs)}${r.script ? `  script ${r.script}` : ''}`,
    ),
    `  ${r.seeds.toLocaleString('en-US')} seeds in ${r.secondsWall.toFixed(2)} s (${r.seedsPerSec.toLocaleString('en-US')} seeds/s, ${r.jobs} job${r.jobs === 1 ? '' : 's'}), ` +
      (r.failed.length === 0 ? style.green('0 failed') : style.red(`${r.failed.length} failed`)),
  ];
  if (r.failed.length > 0) {
    lines.push(style.red('  failing seeds:'));
    for (const f of r.failed.slice(0, MAX_FAILED_SHOWN)) {
      const v = f.violations[0];
      const first = v
        ? `at ${formatUs(v.timeUs)} on ${v.node || 'world'}: ${v.name} — ${v.message}`
        : '(no detail)';
      const more = f.violationCount > 1 ? style.dim(` (+${f.violationCount - 1} more)`) : '';
      lines.push(style.red(`    seed ${f.seed}: ${first}`) + more);
      lines.push(style.dim(`      replay: ${f.replay}`));
      lines.push(style.dim(`      link:   ${f.url}`));
    }
    if (r.failed.length > MAX_FAILED_SHOWN)
      lines.push(`    … and ${r.failed.length - MAX_FAILED_SHOWN} more (see --json)`);
  }
  const covered = r.assertions.filter((a) => a.kind === 'sometimes' || a.kind === 'reachable');
  const width = String(r.seeds).length;
  lines.push(`  coverage (seeds where each sometimes/reachable assertion held, of ${r.seeds}):`);
  for (const a of covered) {
    const n = String(a.seedsHeld).padStart(width);
    lines.push(
      a.seedsHeld > 0
        ? `    ${style.green('✓')} ${n}  ${a.name}`
        : style.yellow(`    · ${n}  ${a.name} — coverage gap: never held`),
    );
  }
  if (covered.length === 0) lines.push('    (none registered)');
  else
    lines.push(
      r.coverageGaps.length === 0
        ? style.green('    no coverage gaps')
        : style.yellow(`    ${r.coverageGaps.length} coverage gap(s)`),
    );
  const safety = r.assertions.filter((a) => a.kind === 'always' || a.kind === 'unreachable');
  const broken = safety.filter((a) => a.seedsFailed > 0);
  lines.push(
    `  invariants: ${safety.length} always/unreachable, ` +
      (broken.length === 0 ? style.green('none violated') : style.red(`${broken.length} violated`)),
  );
  for (const a of broken) lines.push(style.red(`    ✗ ${a.name} — in ${a.seedsFailed} seed(s)`));
  const l = r.liveness;
  const judged = `judged in ${l.held + l.violated} of ${r.seeds} seeds (${(l.judgedShare * 100).toFixed(1)}%): held ${l.held}, violated ${l.violated}`;
  const notJudged =
    l.notJudged > 0
      ? style.yellow(
          `, not judged ${l.notJudged} (the run ended before its quiet tail, or a fault was left standing)`,
        )
      : '';
  lines.push(`  liveness: ${l.violated > 0 ? style.red(judged) : judged}${notJudged}`);
  lines.push(`  faults: ${list(r.faults)}`);
  lines.push(
    style.dim(
      `  trace:  ${list(r.traceCounts)} (${r.events.toLocaleString('en-US')} engine events)`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** The chain behind the first violation of the first failing seed (one more run of that seed). */
function firstFailureWhy(options: SweepOptions, result: SweepResult): WhyChain | null {
  const first = result.failed[0];
  if (first === undefined) return null;
  return firstViolationWhy({ ...options.base, seed: BigInt(first.seed) }, first, options.untilUs);
}
