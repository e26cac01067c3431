/*
 * Smoke tests of the `tidepool` entry points as separate processes (the rest
 * of the CLI's tests call runCli in-process): `node bin/tidepool.mjs` — what
 * `npx tidepool` runs — and `tsx src/cli/main.ts`, what the npm scripts run,
 * exit with runCli's status and print what it prints, including a sweep whose
 * status is known only after its worker threads finish. Each spawn costs
 * seconds, so this file is left out of `npm run test:fast`.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { cli, ROOT, spawnCli } from './cli-test-kit';

const TSX_MAIN = [
  join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
  join(ROOT, 'src', 'cli', 'main.ts'),
];
const ECHO = ['run', 'echo', '--seed', '42', '--until', '2s', '--json'];

describe.concurrent('the tidepool binary', () => {
  it('prints what runCli prints and exits with its status: a run, a usage error, help through tsx', async ({
    expect,
  }) => {
    const [run, usage, help] = await Promise.all([
      spawnCli(ECHO),
      spawnCli(['run', 'echo', '--seed', '1', '--seed', '2']),
      spawnCli(['help'], TSX_MAIN),
    ]);
    expect(run).toEqual(await cli(ECHO));
    expect(run.status).toBe(0);
    expect(usage).toEqual({
      status: 2,
      stdout: '',
      stderr: 'tidepool: --seed given twice (see `tidepool help`)\n',
    });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toBe((await cli(['help'])).stdout);
  });

  it('exits 1 once a sweep on worker threads has found a violating seed', async ({ expect }) => {
    const args = [
      'sweep',
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
      '2',
      '--json',
    ];
    const r = await spawnCli(args);
    expect(r.status, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout) as { jobs: number; failed: { seed: string }[] };
    expect(result.jobs).toBe(2);
    expect(result.failed.map((f) => f.seed)).toEqual(['6', '7']);
  });
});
