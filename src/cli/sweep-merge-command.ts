/*
 * `tidepool sweep --merge shard-1.json shard-2.json …`: reads the `--json`
 * results of the shards of one sweep (`sweep --shard i/n --json`, e.g. one
 * per GitHub Actions job: .github/workflows/sweep.yml) and prints the result
 * the unsharded sweep would have printed — the same summary, or with --json
 * the same object (docs/explorer.md). A file that is not a sweep result, or
 * shards that do not make one whole sweep, are usage errors that say which
 * file and why. Exit status as sweep's: 1 when some seed failed.
 */
import { readFileSync } from 'node:fs';
import { mergeSweeps } from '../core/explore/sweep-merge';
import type { SweepResult } from '../core/explore/sweep-result';
import { sessionFromQuery } from '../core/session-query';
import { quoteInput } from '../core/sim/quote-input';
import { parseArgs, UsageError } from './args';
import { printSweep, type Out } from './sweep-command';
import { firstViolationWhy } from '../console/why-chain';

/** The fields every sweep result has, checked before merging (a file could be anything). */
const REQUIRED: readonly (keyof SweepResult)[] = [
  'scenario',
  'chaos',
  'untilUs',
  'from',
  'count',
  'seeds',
  'failed',
  'assertions',
  'faults',
  'traceCounts',
  'events',
  'liveness',
  'hashes',
];

export function sweepMergeCommand(argv: readonly string[], out: Out): number {
  const args = parseArgs(argv, { values: [], switches: ['json', 'merge'] });
  const files = args.positional;
  if (files.length === 0)
    throw new UsageError(
      'sweep --merge needs the shard files (sweep --shard i/n --json > shard-i.json)',
    );
  const merged = mergeSweeps(files.map(readResult));
  if ('error' in merged) throw new UsageError(`sweep --merge: ${merged.error}`);
  return printSweep(merged, firstWhy(merged), args.switches.has('json'), out);
}

function readResult(file: string): SweepResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `sweep --merge: cannot read ${quoteInput(file)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(
      `sweep --merge: ${quoteInput(file)} is not JSON (want the output of sweep --json)`,
    );
  }
  const problem = shapeProblem(value);
  if (problem !== null)
    throw new UsageError(
      `sweep --merge: ${quoteInput(file)} is not a sweep result (${problem}; want the output of sweep --json)`,
    );
  const { why: _why, ...result } = value as SweepResult & { why?: unknown };
  return { ...result, outcomes: result.outcomes ?? {}, shard: result.shard ?? null };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const DECIMAL = /^\d{1,20}$/;

/** What makes `value` not a sweep result, or null: the merge reads every field it names. */
function shapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  const missing = REQUIRED.find((f) => !(f in value));
  if (missing !== undefined) return `no ${missing}`;
  const v = value as Record<string, unknown>;
  if (typeof v.scenario !== 'string' || typeof v.from !== 'string' || !DECIMAL.test(v.from))
    return 'scenario and from must be text, from a decimal seed';
  for (const f of ['count', 'seeds', 'events', 'untilUs'] as const)
    if (!Number.isSafeInteger(v[f]) || (v[f] as number) < 0) return `${f} must be a whole number`;
  if (!Array.isArray(v.failed) || !Array.isArray(v.assertions))
    return 'failed and assertions must be lists';
  const badFailed = v.failed.find(
    (f) =>
      !isObject(f) ||
      typeof f.seed !== 'string' ||
      !DECIMAL.test(f.seed) ||
      typeof f.url !== 'string' ||
      !Array.isArray(f.violations),
  );
  if (badFailed !== undefined) return 'a failed seed lacks its seed, url or violations';
  if (
    v.assertions.some(
      (a) => !isObject(a) || typeof a.name !== 'string' || !Number.isSafeInteger(a.seedsHeld),
    )
  )
    return 'an assertion lacks its name or counts';
  for (const f of ['faults', 'traceCounts', 'hashes', 'liveness'] as const)
    if (!isObject(v[f])) return `${f} must be an object`;
  if (Object.keys(v.hashes as object).some((k) => !DECIMAL.test(k)))
    return 'hashes must be keyed by decimal seeds';
  const shard = v.shard;
  if (shard !== undefined && shard !== null) {
    if (
      !isObject(shard) ||
      !Number.isSafeInteger(shard.index) ||
      !Number.isSafeInteger(shard.count)
    )
      return 'shard must be {index, count}';
    if ((shard.index as number) < 1 || (shard.index as number) > (shard.count as number))
      return `shard ${String(shard.index)}/${String(shard.count)} is not i/n with 1 <= i <= n`;
  }
  return null;
}

/** The chain behind the first failing seed, from its link (one more run of that seed). */
function firstWhy(result: SweepResult) {
  const first = result.failed[0];
  if (first === undefined) return null;
  const parsed = sessionFromQuery(first.url);
  return parsed.ok ? firstViolationWhy(parsed.state.session, first, result.untilUs) : null;
}
