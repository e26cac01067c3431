/*
 * `tidepool sweep --merge`: the --json results of the 4 shards of a sweep,
 * merged, equal the unsharded sweep's result field for field (timing aside),
 * on a sweep with failing seeds, coverage and liveness verdicts to add up; and
 * shards that do not make one sweep are refused with a message saying why.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('merging the 4 shards gives exactly the unsharded sweep (timing aside)', async () => {
    const whole = await jsonOf([...SWEEP, ...MUTANT]);
    expect(whole.failed.length).toBeGreaterThan(0); // something to put back in order
    expect(whole.failed.length).toBeLessThan(14);
    for (const [i, file] of files.entries()) {
      const shard = await cli([...SWEEP, ...MUTANT, '--shard', `${i + 1}/4`]);
      writeFileSync(file, shard.stdout);
    }
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
});
