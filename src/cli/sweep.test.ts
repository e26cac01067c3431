/*
 * Tests of `tidepool sweep`: the CLI in-process through runCli (JSON shape on
 * worker threads, exit codes, shards covering the range exactly once, usage
 * errors, a real invariant violation with a replay that reproduces it), and
 * `runSweep` in-process for the paths the product cannot produce on demand
 * (a fake runner's violation, a run that throws, a worker that dies). Worker
 * pools cost seconds to start, so the --jobs invariance checks are in
 * sweep-jobs.slow.test.ts.
 */
import { describe, it } from 'vitest';
import { cli, cliShared, type CliResult } from './cli-test-kit';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeSession, type Session } from '../core/session';
import { sessionFromQuery } from '../core/session-query';
import type { RunSummary } from '../core/run-summary';
import { runSession } from './run-command';
import { runSweep, shardSeeds, SweepCrash, type SweepResult } from './sweep-runner';

/** stderr lines other than progress (which a slow, loaded machine may print past 5 s). */
function nonProgress(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('sweep: '));
}

/** stdout must be exactly one JSON object on one line, with the expected exit code. */
function oneJson(r: CliResult, status = 0): SweepResult {
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  if (r.status !== status || lines.length !== 1)
    throw new Error(
      `expected exit ${status} and one line of JSON, got exit ${r.status}:\n${r.stdout}\n${r.stderr}`,
    );
  return JSON.parse(lines[0] as string) as SweepResult;
}

async function sweepJson(args: readonly string[], status = 0): Promise<SweepResult> {
  return oneJson(await cliShared(['sweep', ...args, '--json']), status);
}

const STORM20 = ['ping-pong', '--seeds', '20', '--chaos', 'storm', '--until', '10s'];
// A deliberately broken transport (reliable messages forgotten on reconnect):
// the at-least-once invariant must catch it, and the sweep must report it.
// One job: worker threads cost seconds to start and are tested elsewhere.
const BROKEN = [
  'reliable-stream',
  '--seeds',
  '2',
  '--from',
  '6',
  '--chaos',
  'storm',
  '--param',
  'resendReliable=0',
  '--jobs',
  '1',
];

describe.concurrent('tidepool sweep (CLI)', () => {
  it('ping-pong --seeds 20 --jobs 2 --json prints one complete result object and exits 0', async ({
    expect,
  }) => {
    const r = await cliShared(['sweep', 'ping-pong', '--seeds', '20', '--jobs', '2', '--json']);
    expect(nonProgress(r.stderr)).toEqual([]);
    const s = oneJson(r);
    expect(s).toMatchObject({
      scenario: 'ping-pong',
      chaos: 'calm',
      from: '1',
      count: 20,
      seeds: 20,
      shard: null,
      jobs: 2,
      failed: [],
      script: '',
      untilUs: 60_000_000,
      liveness: { held: 20, violated: 0, notJudged: 0, judgedShare: 1 },
    });
    expect(s.params).toEqual(expect.objectContaining({ pings: expect.any(Number) }));
    expect(Object.keys(s.hashes)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    for (const h of Object.values(s.hashes)) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(Object.values(s.hashes)).size).toBe(20);
    expect(s.assertions.length).toBeGreaterThan(0);
    expect(Object.keys(s.coverage)).toEqual(s.assertions.map((a) => a.name));
    for (const a of s.assertions) {
      expect(['always', 'sometimes', 'reachable', 'unreachable']).toContain(a.kind);
      expect(s.coverage[a.name]).toBe(a.seedsHeld);
      expect(a.seedsHeld).toBeGreaterThanOrEqual(0);
      expect(a.seedsHeld).toBeLessThanOrEqual(20);
      if (a.kind === 'always') expect(a.seedsFailed).toBe(0);
    }
    expect(s.assertions.some((a) => a.kind === 'always' && a.seedsHeld === 20)).toBe(true);
    expect(s.coverageGaps).toEqual(
      s.assertions
        .filter((a) => (a.kind === 'sometimes' || a.kind === 'reachable') && a.seedsHeld === 0)
        .map((a) => a.name),
    );
    expect(s.traceCounts.run_started).toBe(20);
    expect(s.events).toBeGreaterThan(0);
    expect(typeof s.faults).toBe('object');
    expect(s.secondsWall).toBeGreaterThan(0);
    expect(s.seedsPerSec).toBeGreaterThan(0);
  });

  it('matches `tidepool run` seed by seed', async ({ expect }) => {
    const s = await sweepJson(['ping-pong', '--seeds', '20', '--jobs', '2']);
    const run = JSON.parse(
      (await cli(['run', 'ping-pong', '--seed', '13', '--json'])).stdout,
    ) as RunSummary;
    expect(s.hashes['13']).toBe(run.traceHash);
  });

  it('shards 1/3, 2/3 and 3/3 together run every seed of the range exactly once', async ({
    expect,
  }) => {
    const all = await sweepJson([...STORM20, '--jobs', '1']);
    const shards = await Promise.all(
      [1, 2, 3].map((i) => sweepJson([...STORM20, '--jobs', '1', '--shard', `${i}/3`])),
    );
    expect(shards.map((s) => s.seeds)).toEqual([7, 7, 6]);
    expect(shards.map((s) => s.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    expect(Object.keys(shards[1]!.hashes)).toEqual(['2', '5', '8', '11', '14', '17', '20']);
    const merged: Record<string, string> = {};
    for (const s of shards) {
      for (const [seed, hash] of Object.entries(s.hashes)) {
        expect(merged[seed]).toBeUndefined();
        merged[seed] = hash;
      }
    }
    expect(merged).toEqual(all.hashes);
    for (const a of all.assertions)
      expect(shards.reduce((n, s) => n + (s.coverage[a.name] ?? 0), 0)).toBe(a.seedsHeld);
    expect(shards.reduce((n, s) => n + s.events, 0)).toBe(all.events);
  });

  it('reports a seed that violates an invariant with its replay and link, and exits 1', async ({
    expect,
  }) => {
    const s = await sweepJson(BROKEN, 1);
    expect(s.failed.map((f) => f.seed)).toEqual(['6', '7']);
    const f = s.failed[0]!;
    expect(f.violationCount).toBeGreaterThan(0);
    expect(f.violations[0]).toMatchObject({
      name: expect.stringContaining('at least once'),
      message: expect.any(String),
      timeUs: expect.any(Number),
    });
    expect(f.replay).toMatch(
      /^npx tidepool run reliable-stream --seed 6 --chaos storm --until 60s .*--param resendReliable=0$/,
    );
    const fromUrl = sessionFromQuery(f.url);
    expect(fromUrl.ok && fromUrl.state.session.seed).toBe(6n);
    expect(fromUrl.ok && fromUrl.state.atUs).toBe(60_000_000);
    expect(s.assertions.find((a) => a.name === f.violations[0]!.name)).toMatchObject({
      kind: 'always',
      seedsFailed: 2,
    });
    // The replay command reproduces the failing run exactly.
    const argv = [
      'run',
      ...Array.from(
        f.replay.slice('npx tidepool run '.length).matchAll(/'([^']*)'|(\S+)/g),
        (m) => (m[1] ?? m[2]) as string,
      ),
      '--json',
    ];
    const replay = await cli(argv);
    expect(replay.status).toBe(1);
    expect((JSON.parse(replay.stdout) as RunSummary).traceHash).toBe(s.hashes['6']);
  });

  it('prints failing seeds, coverage and totals for people', async ({ expect }) => {
    const r = await cliShared(['sweep', ...BROKEN]);
    expect(r.status).toBe(1);
    expect(nonProgress(r.stderr)).toEqual([]);
    expect(r.stdout).toMatch(/2 seeds in [\d.]+ s \([\d.,]+ seeds\/s, \d jobs?\), 2 failed/);
    expect(r.stdout).toContain(
      'seed 6: at 26.001s on n1: reliable-stream: every reliable message is delivered at least once',
    );
    expect(r.stdout).toContain(
      'replay: npx tidepool run reliable-stream --seed 7 --chaos storm --until 60s',
    );
    expect(r.stdout).toContain('link:   ?scenario=reliable-stream&seed=7&chaos=storm');
    expect(r.stdout).toMatch(/coverage gap: never held/);
    expect(r.stdout).toMatch(/faults: .*partition \d+/);
    const clean = await cliShared(['sweep', 'ping-pong', '--seeds', '4', '--jobs', '1']);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/4 seeds in .*0 failed/);
    expect(clean.stdout).toContain('invariants: ');
  });

  it.for<[string[], RegExp]>([
    [['--shard', '0/2'], /--shard must be i\/n/],
    [['--shard', '3/2'], /--shard must be i\/n/],
    [['--shard', 'a/b'], /--shard must be i\/n/],
    [['--shard', '1/0'], /--shard must be i\/n/],
    [['--shard', '1/2/3'], /--shard must be i\/n/],
    [['--jobs', '0'], /--jobs must be an integer/],
    [['--jobs', '1.5'], /--jobs must be an integer/],
    [['--seeds', '0'], /--seeds must be an integer/],
    [['--seed', '3'], /not --seed/],
    [['--from', '18446744073709551615'], /above 2\^64 - 1/],
    [['--bogus'], /unknown flag --bogus/],
  ])('usage error %j exits 2 with one tidepool: line', async ([extra, message], { expect }) => {
    const args = extra.includes('--seeds')
      ? ['sweep', 'ping-pong', ...extra]
      : ['sweep', 'ping-pong', '--seeds', '3', ...extra];
    const r = await cli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^tidepool: /);
    expect(r.stderr).toMatch(message);
  });

  it('needs --seeds and a known scenario', async ({ expect }) => {
    const [noSeeds, noScenario] = await Promise.all([
      cli(['sweep', 'ping-pong']),
      cli(['sweep', 'nope', '--seeds', '2']),
    ]);
    for (const r of [noSeeds, noScenario]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^tidepool: [^\n]*\n$/);
    }
  });

  it('is listed in help', async ({ expect }) => {
    const r = await cli(['help']);
    expect(r.stdout).toContain('tidepool sweep <scenario> --seeds N');
  });
});

function session(scenario = 'ping-pong'): Session {
  const made = makeSession({ scenario });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

describe('runSweep (in-process)', () => {
  it('shardSeeds covers every seed exactly once across shards', ({ expect }) => {
    for (const count of [0, 1, 2, 5, 17]) {
      for (const n of [1, 2, 3, 7]) {
        const seen: bigint[] = [];
        for (let i = 1; i <= n; i++) {
          const s = shardSeeds(10n, count, { index: i, count: n });
          for (let k = 0; k < s.length; k++) seen.push(s.first + BigInt(k * s.step));
        }
        expect(seen.sort((a, b) => (a < b ? -1 : 1))).toEqual(
          Array.from({ length: count }, (_, k) => 10n + BigInt(k)),
        );
      }
    }
  });

  it('reports a fake runner’s violations in seed order, with replay and url', async ({
    expect,
  }) => {
    const base = session();
    const progress: number[] = [];
    const runner = (s: Session, untilUs: number): RunSummary => {
      const real = runSession({ ...s, seed: 1n }, Math.min(untilUs, 1_000_000));
      if (s.seed % 3n !== 0n) return { ...real, seed: s.seed.toString() };
      return {
        ...real,
        seed: s.seed.toString(),
        violations: [
          {
            name: 'fake: multiples of three fail',
            timeUs: 5,
            seq: 7,
            node: 'n1',
            message: `seed ${s.seed}`,
          },
        ],
      };
    };
    const r = await runSweep(
      { base, untilUs: 2_000_000, from: 1n, count: 10, batchSize: 3, runner },
      (p) => progress.push(p.done),
    );
    expect(r.failed.map((f) => f.seed)).toEqual(['3', '6', '9']);
    expect(r.failed[1]).toEqual({
      seed: '6',
      violationCount: 1,
      violations: [
        { name: 'fake: multiples of three fail', timeUs: 5, seq: 7, node: 'n1', message: 'seed 6' },
      ],
      replay:
        'npx tidepool run ping-pong --seed 6 --chaos calm --until 2s --param pings=600 --param intervalMs=100 --param deadlineMs=700',
      url: '?scenario=ping-pong&seed=6&chaos=calm&p.pings=600&p.intervalMs=100&p.deadlineMs=700&t=2000',
    });
    expect(progress).toEqual([3, 6, 9, 10]);
    expect(r.jobs).toBe(1);
  });

  it('stops with a SweepCrash naming the seed when a run throws', async ({ expect }) => {
    const runner = (s: Session, untilUs: number): RunSummary => {
      if (s.seed === 5n) throw new Error('boom');
      return runSession(s, untilUs);
    };
    const error = await runSweep({
      base: session(),
      untilUs: 500_000,
      from: 1n,
      count: 8,
      runner,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepCrash);
    expect((error as SweepCrash).seed).toBe('5');
    expect((error as SweepCrash).message).toMatch(/^seed 5 crashed: Error: boom/);
    expect((error as SweepCrash).replay).toContain('npx tidepool run ping-pong --seed 5 ');
  });

  it('reports a worker that dies mid-seed, and one that fails to start, without hanging', async ({
    expect,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'tidepool-sweep-'));
    const dies = join(dir, 'dies.mjs');
    writeFileSync(
      dies,
      `import { parentPort, workerData } from 'node:worker_threads';
       const current = new BigUint64Array(workerData.current, 0, 1), running = new Int32Array(workerData.current, 8, 1);
       parentPort.on('message', (b) => {
         if (b.start === 5n) { current[0] = 6n; Atomics.store(running, 0, 1); process.exit(7); }
         parentPort.postMessage({ id: b.id, outcomes: [] });
       });`,
    );
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, `throw new Error('cannot start');`);
    const base = session();
    const [died, failed] = await Promise.all(
      [dies, broken].map((file) =>
        runSweep({
          base,
          untilUs: 1_000_000,
          from: 1n,
          count: 40,
          jobs: 2,
          batchSize: 4,
          workerEntry: pathToFileURL(file),
        }).catch((e: unknown) => e),
      ),
    );
    expect(died).toBeInstanceOf(SweepCrash);
    expect((died as SweepCrash).seed).toBe('6');
    expect((died as SweepCrash).message).toMatch(
      /^seed 6 crashed: worker exited unexpectedly with code 7/,
    );
    expect((died as SweepCrash).replay).toContain('--seed 6 ');
    expect(failed).toBeInstanceOf(SweepCrash);
    expect((failed as SweepCrash).seed).toBeNull();
    expect((failed as SweepCrash).message).toMatch(
      /a worker crashed while running seeds \d+–\d+.*cannot start/s,
    );
  });
});
