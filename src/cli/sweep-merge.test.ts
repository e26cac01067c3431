/*
 * `tidepool sweep --merge`: the --json results of the 4 shards of a sweep,
 * merged, equal the unsharded sweep's result field for field (timing aside),
 * on a sweep with failing seeds, coverage and liveness verdicts to add up; and
 * shards that do not make one sweep, or files that are not sweep results, are
 * refused with a message saying why (never a stack trace).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-test-kit';
import type { SweepResult } from './sweep-runner';

const SWEEP = ['sweep', 'ping-pong', '--seeds', '14', '--from', '5', '--chaos', 'storm'];
const MUTANT = ['--mutant', 'late-deadlines', '--until', '8s', '--jobs', '1', '--json'];
const TIMING = ['jobs', 'secondsWall', 'seedsPerSec'] as const;

function withoutTiming(r: SweepResult & { why?: unknown }): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...r };
  for (const f of TIMING) delete copy[f];
  return copy;
}

async function jsonOf(args: readonly string[]): Promise<SweepResult & { why?: unknown }> {
  const r = await cli(args);
  if (r.status === 2) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as SweepResult;
}

describe('tidepool sweep --merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-merge-'));
  const files = [1, 2, 3, 4].map((i) => join(dir, `shard-${i}.json`));

  let whole: SweepResult & { why?: unknown };
  beforeAll(async () => {
    whole = await jsonOf([...SWEEP, ...MUTANT]);
    for (const [i, file] of files.entries()) {
      const shard = await cli([...SWEEP, ...MUTANT, '--shard', `${i + 1}/4`]);
      writeFileSync(file, shard.stdout);
    }
  }, 60_000);

  it('merging the 4 shards gives exactly the unsharded sweep (timing aside)', async () => {
    expect(whole.failed.length).toBeGreaterThan(0); // something to put back in order
    expect(whole.failed.length).toBeLessThan(14);
    const merged = await cli(['sweep', '--merge', ...[...files].reverse(), '--json']);
    expect(merged.status).toBe(1); // some seed failed, as in the whole sweep
    const result = JSON.parse(merged.stdout) as SweepResult;
    expect(withoutTiming(result)).toEqual(withoutTiming(whole));
    expect(Object.keys(result.hashes)).toEqual(Object.keys(whole.hashes));
    expect(result.jobs).toBe(4);
    const text = await cli(['sweep', '--merge', ...files]);
    expect(text.stdout).toMatch(/^ping-pong sweep {2}seeds 5\.\.18 {2}chaos storm/);
  }, 60_000);

  it('refuses a missing shard, a shard twice, another sweep and a file that is not a result', async () => {
    const missing = await cli(['sweep', '--merge', files[0] as string, files[1] as string]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing shards 3/4, 4/4');
    const twice = await cli(['sweep', '--merge', ...files, files[0] as string]);
    expect(twice.stderr).toContain('shard 1/4 is given twice');
    const other = join(dir, 'other.json');
    writeFileSync(
      other,
      (await cli([...SWEEP, '--until', '4s', '--jobs', '1', '--json', '--shard', '2/4'])).stdout,
    );
    const mixed = await cli(['sweep', '--merge', files[0] as string, other]);
    expect(mixed.stderr).toMatch(/result 2 is of another sweep: its (mutant|untilUs) is/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    expect((await cli(['sweep', '--merge', junk])).stderr).toContain(
      'is not a sweep result (no scenario',
    );
    writeFileSync(junk, 'not json');
    expect((await cli(['sweep', '--merge', junk])).stderr).toContain('is not JSON');
    expect((await cli(['sweep', '--merge', join(dir, 'nope.json')])).stderr).toContain(
      'cannot read',
    );
  }, 60_000);

  it('refuses malformed results and shards that do not hold their seeds, with a message, never a stack', async () => {
    const shard1 = JSON.parse(readFileSync(files[0] as string, 'utf8')) as Record<string, unknown>;
    const write = (name: string, value: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(value));
      return file;
    };
    const cases: [string, unknown, string][] = [
      ['failed.json', { ...shard1, failed: 'x' }, 'failed and assertions must be lists'],
      [
        'hashkey.json',
        { ...shard1, hashes: { abc: 'ff' } },
        'hashes must be keyed by decimal seeds',
      ],
      [
        'nourl.json',
        { ...shard1, failed: [{ seed: '5', violations: [] }] },
        'lacks its seed, url or violations',
      ],
      ['shard.json', { ...shard1, shard: {} }, 'shard must be {index, count}'],
      ['shard7.json', { ...shard1, shard: { index: 7, count: 1 } }, 'shard 7/1 is not i/n'],
    ];
    for (const [name, value, message] of cases) {
      const r = await cli(['sweep', '--merge', write(name, value)]);
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toContain(message);
      expect(r.stderr, name).not.toMatch(/\n\s+at /); // no stack trace
    }
    // Shard 2's file relabelled as shard 1: the counts fit, the seeds do not.
    const shard2 = JSON.parse(readFileSync(files[1] as string, 'utf8')) as Record<string, unknown>;
    const relabelled = write('relabelled.json', { ...shard2, shard: { index: 1, count: 4 } });
    const alone = await cli(['sweep', '--merge', relabelled, ...files.slice(1)]);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(
      /shard 1\/4 does not hold its seeds \(4 run, 4 expected; seed \d+ is another shard's\)/,
    );
    const as2 = write('as2.json', { ...shard1, shard: { index: 2, count: 4 } });
    const swapped = await cli(['sweep', '--merge', relabelled, as2, ...files.slice(2)]);
    expect(swapped.stderr).toMatch(
      /shard 1\/4 does not hold its seeds .*seed \d+ is another shard's/,
    );
  }, 60_000);
});
