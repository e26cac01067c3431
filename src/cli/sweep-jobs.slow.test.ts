/*
 * `tidepool sweep` on worker threads, compared with a sweep in one thread:
 * the per-seed data and coverage must not depend on --jobs, and runSweep
 * starts its real worker entry (bin/sweep-worker.mjs) from under vitest too.
 * Each pool of workers costs seconds to start (tsx in every thread), so this
 * file is left out of `npm run test:fast`; sweep.test.ts has the rest.
 */
import { describe, it } from 'vitest';
import { makeSession } from '../core/session';
import { cli } from './cli-test-kit';
import { runSession } from './run-command';
import { runSweep, type SweepResult } from './sweep-runner';

const STORM20 = ['ping-pong', '--seeds', '20', '--chaos', 'storm', '--until', '10s'];

async function sweepJson(args: readonly string[]): Promise<SweepResult> {
  const r = await cli(['sweep', ...args, '--json']);
  if (r.status !== 0) throw new Error(`sweep exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout) as SweepResult;
}

/** The per-seed and aggregate data that must not depend on how the sweep was run. */
function essence(r: SweepResult) {
  const { hashes, coverage, assertions, coverageGaps, faults, traceCounts, events, failed, seeds } =
    r;
  return { hashes, coverage, assertions, coverageGaps, faults, traceCounts, events, failed, seeds };
}

describe.concurrent('sweep on worker threads', () => {
  it('gives identical per-seed data and coverage with --jobs 1, 2 and 3', async ({ expect }) => {
    const [one, two, three] = await Promise.all(
      ['1', '2', '3'].map((j) => sweepJson([...STORM20, '--jobs', j])),
    );
    expect([one?.jobs, two?.jobs, three?.jobs]).toEqual([1, 2, 3]);
    expect(Object.keys(one!.faults).length).toBeGreaterThan(0); // storm: the comparison covers real variety
    expect(essence(two!)).toEqual(essence(one!));
    expect(essence(three!)).toEqual(essence(one!));
  });

  it('runs the real worker threads from vitest too', async ({ expect }) => {
    const made = makeSession({ scenario: 'ping-pong' });
    if (!made.ok) throw new Error(made.errors.join('; '));
    const r = await runSweep({
      base: made.session,
      untilUs: 2_000_000,
      from: 100n,
      count: 6,
      jobs: 2,
      batchSize: 2,
    });
    expect(r.jobs).toBe(2);
    expect(Object.keys(r.hashes)).toEqual(['100', '101', '102', '103', '104', '105']);
    expect(r.hashes['103']).toBe(runSession({ ...made.session, seed: 103n }, 2_000_000).traceHash);
  });
});
