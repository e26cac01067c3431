/*
 * Explorer throughput, measured in real Chromium against the production build
 * and printed as one JSON object (also written to test-results/explorer-perf.json):
 * seeds per second of the page's sweep on its Web Workers (hardwareConcurrency
 * − 1 of them) beside `tidepool sweep --jobs K` on the same seeds in the same
 * run — K = this machine's cores, and K = 1 (in-process, no worker start-up) —
 * each also per core (per worker or job). Target (issue 19): the page's seeds/s
 * per core at least 0.7 of the CLI's. Every page hash is checked against the
 * CLI's too: a fast sweep that computes something else would be no sweep.
 */
import { test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';

interface CliSweep {
  seedsPerSec: number;
  jobs: number;
  secondsWall: number;
  hashes: Record<string, string>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function cliSweep(args: readonly string[], jobs: number): CliSweep {
  let out: string;
  try {
    out = execFileSync(
      'node',
      ['bin/tidepool.mjs', 'sweep', ...args, '--jobs', String(jobs), '--json'],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        stdio: ['ignore', 'pipe', 'ignore'], // its progress line is not the report
      },
    );
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: some seed failed
  }
  return JSON.parse(out) as CliSweep;
}

async function pageSweep(page: Page, query: string) {
  await page.goto(`./?explore=sweep&${query}`);
  await page.waitForFunction(
    () => window.__tidepoolExplorer?.store.getState().phase === 'done',
    null,
    {
      timeout: 280_000,
    },
  );
  return page.evaluate(() => {
    const s = window.__tidepoolExplorer!.store.getState();
    return {
      seedsPerSec: s.result!.seedsPerSec,
      secondsWall: s.result!.secondsWall,
      workers: s.workers,
      hashes: s.result!.hashes,
      cores: navigator.hardwareConcurrency,
    };
  });
}

const CASES = [
  {
    name: 'ping-pong storm, 600 seeds to 10 s',
    query: 'scenario=ping-pong&chaos=storm&from=1&seeds=600&until=10s',
    cli: ['ping-pong', '--chaos', 'storm', '--from', '1', '--seeds', '600', '--until', '10s'],
  },
  {
    name: 'mesh calm, 150 seeds to 20 s',
    query: 'scenario=mesh&chaos=calm&from=1&seeds=150&until=20s',
    cli: ['mesh', '--chaos', 'calm', '--from', '1', '--seeds', '150', '--until', '20s'],
  },
] as const;

test('explorer throughput', async ({ page }) => {
  const cores = availableParallelism();
  const results = [];
  for (const c of CASES) {
    const inPage = await pageSweep(page, c.query);
    const cliAll = cliSweep(c.cli, cores);
    const cliOne = cliSweep(c.cli, 1);
    const mismatched = Object.keys(cliOne.hashes).filter(
      (s) => cliOne.hashes[s] !== inPage.hashes[s],
    );
    const pagePerCore = inPage.seedsPerSec / inPage.workers;
    const cliPerCore = cliAll.seedsPerSec / cliAll.jobs;
    results.push({
      case: c.name,
      page: {
        workers: inPage.workers,
        seedsPerSec: inPage.seedsPerSec,
        perCore: round2(pagePerCore),
        secondsWall: inPage.secondsWall,
      },
      cliJobs: {
        jobs: cliAll.jobs,
        seedsPerSec: cliAll.seedsPerSec,
        perCore: round2(cliPerCore),
        secondsWall: cliAll.secondsWall,
      },
      cliInProcess: { jobs: 1, seedsPerSec: cliOne.seedsPerSec, secondsWall: cliOne.secondsWall },
      pagePerCoreVsCliJobs: round2(pagePerCore / cliPerCore),
      pagePerCoreVsCliInProcess: round2(pagePerCore / cliOne.seedsPerSec),
      hashesEqual:
        mismatched.length === 0
          ? 'all'
          : `${mismatched.length} differ (e.g. seed ${mismatched[0]})`,
    });
  }
  const result = {
    cores,
    browserCores: await page.evaluate(() => navigator.hardwareConcurrency),
    target: 'pagePerCoreVsCliJobs >= 0.7',
    results,
  };
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/explorer-perf.json', json);
});
