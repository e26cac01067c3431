/*
 * The Explorer in Chromium: sweeps on Web Workers find deliberately broken
 * transports within 200 seeds; the page's per-seed trace hashes — and its
 * whole JSON export — equal `tidepool sweep --json`'s for the same settings
 * (the Node side asked through the CLI, as helpers.cliRun does); a seed opens
 * its session at its violation; the grid sorts; chaos × transport lists make a
 * matrix of sweeps; a bad link says what is wrong
 * and runs nothing.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import type { SweepResult } from '../src/cli/sweep-runner';
import { settled } from './helpers';

interface ExplorerFacts {
  phase: string;
  done: number;
  failed: number;
  firsts: string[];
  hashes: Record<string, string>;
  errors: string[];
}

async function sweepDone(page: Page, timeoutMs = 120_000): Promise<ExplorerFacts> {
  await page.waitForFunction(
    () => {
      const p = window.__tidepoolExplorer?.store.getState().phase;
      return p === 'done' || p === 'failed';
    },
    null,
    { timeout: timeoutMs },
  );
  return facts(page);
}

function facts(page: Page): Promise<ExplorerFacts> {
  return page.evaluate(() => {
    const s = window.__tidepoolExplorer!.store.getState();
    return {
      phase: s.phase,
      done: s.progress?.done ?? 0,
      failed: s.result?.failed.length ?? 0,
      firsts: [...new Set(s.rows.flatMap((r) => (r.violations[0] ? [r.violations[0].name] : [])))],
      hashes: s.result?.hashes ?? {},
      errors: [...s.errors],
    };
  });
}

function cliSweep(args: string[]): SweepResult & { why: unknown } {
  const out = execFileSync(
    'node',
    ['bin/tidepool.mjs', 'sweep', ...args, '--jobs', '1', '--json'],
    {
      encoding: 'utf8',
      // Exit 1 (some seed failed) is a result, not an error.
    },
  ).toString();
  return JSON.parse(out) as SweepResult & { why: unknown };
}

function cliSweepAllowingFailures(args: string[]): SweepResult & { why: unknown } {
  try {
    return cliSweep(args);
  } catch (error) {
    const out = (error as { stdout?: string }).stdout;
    if (!out) throw error;
    return JSON.parse(out) as SweepResult & { why: unknown };
  }
}

// Six broken transports, each swept over 200 seeds on its own scenario and preset.
const HUNTS = [
  {
    mutant: 'misroute-replies',
    scenario: 'ping-pong',
    chaos: 'calm',
    check: 'ledger: a reply reaches only the call that asked',
  },
  {
    mutant: 'duplicate-frames',
    scenario: 'ping-pong',
    chaos: 'calm',
    check: 'transport: frames arrive in order',
  },
  {
    mutant: 'corrupt-after-checksum',
    scenario: 'ping-pong',
    chaos: 'calm',
    check: 'wire: no payload with a bad checksum',
  },
  {
    mutant: 'server-executes-twice',
    scenario: 'ping-pong',
    chaos: 'calm',
    check: 'ledger: the server sees a request no more often',
  },
  {
    mutant: 'no-jitter',
    scenario: 'ping-pong',
    chaos: 'storm',
    check: 'peer: backoff delays are jittered',
  },
  {
    mutant: 'queue-unbounded',
    scenario: 'fan-in',
    chaos: 'calm',
    check: 'peer: queues never exceed their bounds',
  },
] as const;

test.describe('the explorer', () => {
  for (const hunt of HUNTS) {
    test(`finds ${hunt.mutant} within 200 seeds`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.goto(
        `./?explore=sweep&scenario=${hunt.scenario}&chaos=${hunt.chaos}&mutant=${hunt.mutant}&from=1&seeds=200&until=5s`,
      );
      const f = await sweepDone(page);
      expect(f.phase).toBe('done');
      expect(f.done).toBe(200);
      expect(f.failed).toBeGreaterThan(0);
      expect(f.firsts.some((name) => name.startsWith(hunt.check))).toBe(true);
      await expect(page.getByTestId('xp-firsts')).toContainText(hunt.check);
      await expect(page.getByTestId('xp-progress')).toContainText('200/200 seeds');
    });
  }

  test("hashes equal the CLI's for 20 sampled seeds, and the export is sweep --json's object", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const link = 'scenario=ping-pong&chaos=storm&from=1000&seeds=200&until=5s';
    await page.goto(`./?explore=sweep&${link}`);
    const f = await sweepDone(page);
    expect(Object.keys(f.hashes)).toHaveLength(200);
    // 20 seeds sampled across the range, each run by the CLI on its own.
    const sampled = Array.from({ length: 20 }, (_, k) => 1000 + k * 10 + (k % 7));
    for (const seed of sampled) {
      const cli = cliSweepAllowingFailures([
        'ping-pong',
        '--chaos',
        'storm',
        '--from',
        String(seed),
        '--seeds',
        '1',
        '--until',
        '5s',
      ]);
      expect(f.hashes[String(seed)], `seed ${seed}`).toBe(cli.hashes[String(seed)]);
    }
    // The whole export of a small sweep equals the CLI's JSON, timing aside.
    await page.goto(
      './?explore=sweep&scenario=ping-pong&chaos=storm&mutant=no-jitter&from=7&seeds=12&until=5s',
    );
    await sweepDone(page);
    await page.waitForFunction(() => window.__tidepoolExplorer!.store.getState().why !== null);
    const download = page.waitForEvent('download');
    await page.getByTestId('xp-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('tidepool-sweep-ping-pong-storm-no-jitter-7-12-5s.json');
    const exported = JSON.parse(
      await page.evaluate(() => window.__tidepoolExplorer!.exportJson() as string),
    ) as Record<string, unknown>;
    const cli = cliSweepAllowingFailures([
      'ping-pong',
      '--chaos',
      'storm',
      '--mutant',
      'no-jitter',
      '--from',
      '7',
      '--seeds',
      '12',
      '--until',
      '5s',
    ]) as unknown as Record<string, unknown>;
    for (const timing of ['jobs', 'secondsWall', 'seedsPerSec']) {
      delete exported[timing];
      delete cli[timing];
    }
    expect(exported).toEqual(cli);
    // And the command line the page shows is that sweep.
    await expect(page.getByTestId('xp-command')).toContainText(
      'npx tidepool sweep ping-pong --from 7 --seeds 12 --chaos storm --until 5s',
    );
  });

  test('a seed opens its session at its first violation; the grid sorts by column', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    await page.goto(
      './?explore=sweep&scenario=ping-pong&chaos=storm&mutant=no-jitter&from=1&seeds=30&until=10s',
    );
    await sweepDone(page);
    await page.getByTestId('xp-sort-atUs').click();
    await expect(page.locator('th[aria-sort="ascending"]')).toHaveText(/at/);
    const firstRow = page.getByTestId('xp-grid').locator('tbody tr').first();
    const seed = await firstRow.getAttribute('data-seed');
    const rows = await page.evaluate(() => window.__tidepoolExplorer!.store.getState().rows);
    const earliest = Math.min(
      ...rows.flatMap((r) => (r.violations[0] ? [r.violations[0].timeUs] : [])),
    );
    const mine = rows.find((r) => r.seed === seed);
    expect(mine?.violations[0]?.timeUs).toBe(earliest);
    const opened = context.waitForEvent('page');
    await firstRow.getByRole('link').click();
    const session = await opened;
    await settled(session);
    expect(session.url()).toContain(`seed=${seed}`);
    expect(await session.evaluate(() => window.__tidepool!.timeUs())).toBe(earliest);
    await expect(session.getByTestId('mutant-banner')).toBeVisible();
    await page.getByTestId('xp-sort-atUs').click();
    await expect(page.locator('th[aria-sort="descending"]')).toHaveText(/at/);
  });

  test('a matrix: chaos × transport lists run one sweep each, and the matrix picks which is shown', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto(
      './?explore=sweep&scenario=ping-pong&chaos=calm,storm&mutant=none,no-jitter&seeds=20&until=5s',
    );
    await sweepDone(page);
    const matrix = page.getByTestId('xp-matrix');
    await expect(matrix.locator('tbody tr')).toHaveCount(4);
    const rows = await page.evaluate(() =>
      window.__tidepoolExplorer!.store.getState().sweeps.map((s) => ({
        chaos: s.settings.base.chaos,
        mutant: s.settings.base.mutant ?? null,
        failed: s.result?.failed.length ?? -1,
        seeds: s.result?.seeds ?? 0,
      })),
    );
    expect(rows.map((r) => `${r.chaos}/${r.mutant ?? 'real'}`)).toEqual([
      'calm/real',
      'calm/no-jitter',
      'storm/real',
      'storm/no-jitter',
    ]);
    expect(rows.every((r) => r.seeds === 20)).toBe(true);
    expect(rows[0]?.failed).toBe(0); // the real transport holds
    expect(rows[3]?.failed).toBeGreaterThan(0); // no jitter in a storm is caught
    await matrix.getByRole('button', { name: 'storm · seed · no-jitter' }).click();
    await expect(page.getByTestId('xp-firsts')).toContainText('peer: backoff delays are jittered');
    await expect(page.getByTestId('xp-command')).toContainText('--chaos storm');
    await expect(page.getByTestId('xp-command')).toContainText('--mutant no-jitter');
    expect(page.url()).toContain('chaos=calm,storm');
    expect(page.url()).toContain('mutant=none,no-jitter');
  });

  test('a bad link lists what is wrong and runs nothing; fixing the form runs', async ({
    page,
  }) => {
    await page.goto('./?explore=sweep&scenario=ping-pong&seeds=abc&from=-3&until=soon');
    const errors = page.getByTestId('xp-errors');
    await expect(errors).toContainText('seeds must be a whole number');
    await expect(errors).toContainText('from:');
    await expect(errors).toContainText('until:');
    expect((await facts(page)).phase).toBe('idle');
    await page.getByTestId('xp-seeds').fill('5');
    await page.getByTestId('xp-from').fill('1');
    await page.getByTestId('xp-until').fill('2s');
    await page.getByTestId('xp-run').click();
    const f = await sweepDone(page);
    expect(f.done).toBe(5);
    expect(page.url()).toContain('seeds=5');
    expect(page.url()).toContain('until=2s');
  });
});
