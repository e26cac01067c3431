/*
 * UI performance, measured in real Chromium against the production build and
 * printed as one JSON object (also written to test-results/ui-perf.json).
 * Every figure stands beside a baseline measured in the same run:
 * - frame times and engine views drawn per second while playing (10-node
 *   mesh at 10×, 32-node mesh at 1×) with the engine in its Web Worker, and
 *   the same with `engine=main` — the same service on the page's main thread,
 *   which is how the page ran before;
 * - opening a 10-minute mesh link: until the page is interactive and until it
 *   stands at 10 min, against `tidepool run` of the same session (start-up
 *   included), plus every main-thread task over 50 ms (Long Tasks API) during
 *   the replay;
 * - seeking back to 1 s and forward to 10 min after that load;
 * - the gzip size of each chunk, initial and worker.
 * Targets (issue 15): median frame ≤ 17.5 ms and p95 ≤ 25 ms at 10×, median ≤
 * 17.5 ms for 32 nodes at 1×, interactive within 1.5× the CLI's run, no long
 * task during the replay, seeks < 150 ms, initial JavaScript ≤ 300 KB gzip.
 */
import { test, type Page } from '@playwright/test';
import { settled } from '../helpers';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const LONG_LINK = '?scenario=mesh&seed=1&t=600000';

/** Wall time (ms) of one seek, from the call until the page shows its end. */
async function timeSeek(page: Page, toUs: number): Promise<number> {
  return page.evaluate(async (to) => {
    const services = window.__tidepool!.services;
    const start = performance.now();
    services.store.getState().actions.seek(to);
    await new Promise<void>((resolve) => {
      const check = () => {
        const s = services.store.getState();
        if (s.seekProgress === null && !s.pending && s.view?.timeUs === to) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - start;
  }, toUs);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Frame-to-frame times while playing `query` at `speed` for 4 s. */
async function playFrames(page: Page, query: string, speed: number) {
  await page.goto(query);
  await settled(page, 240_000);
  const frames = await page.evaluate(async (simUsPerWallSecond) => {
    const store = window.__tidepool!.services.store;
    const actions = store.getState().actions;
    let views = 0;
    const stop = store.subscribe((s, prev) => void (s.view !== prev.view && views++));
    actions.setSpeed(simUsPerWallSecond);
    actions.play();
    const deltas: number[] = [];
    await new Promise<void>((resolve) => {
      let last = performance.now();
      const end = last + 4000;
      const frame = (t: number) => {
        deltas.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame(frame);
    });
    actions.pause();
    stop();
    return {
      views,
      deltas: deltas.slice(5),
      simUs: window.__tidepool!.timeUs(),
      thread: window.__tidepool!.engineThread,
    };
  }, speed);
  const sorted = [...frames.deltas].sort((a, b) => a - b);
  return {
    engine: frames.thread,
    frames: sorted.length,
    medianFrameMs: round1(percentile(sorted, 0.5)),
    p95FrameMs: round1(percentile(sorted, 0.95)),
    worstFrameMs: round1(sorted[sorted.length - 1] ?? 0),
    /** Engine views the page drew per second (the rest were skipped to keep frames short). */
    viewsPerSecond: Math.round(frames.views / 4),
    simSecondsReached: frames.simUs / 1e6,
  };
}

/** Opens `query` fresh and times it: interactive, at the link's moment, and long tasks meanwhile. */
async function openLink(page: Page, query: string) {
  await page.goto('about:blank');
  await page.addInitScript(() => {
    const longTasks: [number, number][] = [];
    (window as unknown as { __longTasks: [number, number][] }).__longTasks = longTasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  const start = Date.now();
  await page.goto(query);
  // Interactive: the topology is drawn and a control answers (the colour key folds or unfolds).
  await page.locator('[data-testid="node-n1"]').waitFor({ timeout: 240_000 });
  const key = page.getByRole('button', { name: /^Key/ });
  const before = await key.getAttribute('aria-expanded', { timeout: 240_000 });
  await key.click({ timeout: 240_000 });
  await page.waitForFunction(
    (was) =>
      document
        .querySelector('button[aria-expanded][title*="key"]')
        ?.getAttribute('aria-expanded') !== was,
    before,
    { timeout: 240_000 },
  );
  const interactiveMs = Date.now() - start;
  const interactiveAt = await page.evaluate(() => performance.now());
  await settled(page, 240_000);
  const atLinkMomentMs = Date.now() - start;
  await key.click(); // fold the key again
  await page.waitForTimeout(1000); // the timeline's history keeps arriving: it counts too
  const tasks = await page.evaluate(
    () => (window as unknown as { __longTasks: [number, number][] }).__longTasks,
  );
  // Start-up (parsing the bundle, the first render) is not the replay: tasks from the moment
  // the page answered on are.
  const during = tasks.filter(([t]) => t >= interactiveAt - 1000).map(([, d]) => Math.round(d));
  const atStartup = tasks.filter(([t]) => t < interactiveAt - 1000).map(([, d]) => Math.round(d));
  return {
    interactiveMs,
    atLinkMomentMs,
    longTasksDuringReplayMs: during,
    longTasksAtStartupMs: atStartup,
  };
}

function cliRunMs(): number {
  const start = Date.now();
  execFileSync('node', ['bin/tidepool.mjs', 'run', 'mesh', '--seed', '1', '--until', '600s'], {
    encoding: 'utf8',
  });
  return Date.now() - start;
}

test('ui performance', async ({ page }) => {
  const result: Record<string, unknown> = {};

  // First drawn topology for a seed link.
  await page.goto('./?scenario=mesh&seed=3');
  await page.locator('[data-testid="node-n1"]').waitFor();
  result.firstTopologyMs = Math.round(await page.evaluate(() => performance.now()));

  // Playing: the worker against the same service on the main thread.
  const mesh10 = './?scenario=mesh&seed=1&p.nodes=10';
  const mesh32 = './?scenario=mesh&seed=1&p.nodes=32';
  result.playMesh10At10x = {
    worker: await playFrames(page, mesh10, 10_000_000),
    mainThreadBaseline: await playFrames(page, `${mesh10}&engine=main`, 10_000_000),
  };
  result.playMesh32At1x = {
    worker: await playFrames(page, mesh32, 1_000_000),
    mainThreadBaseline: await playFrames(page, `${mesh32}&engine=main`, 1_000_000),
  };

  // Opening a 10-minute link, against the CLI's run of the same session.
  const cliMs = cliRunMs();
  const worker = await openLink(page, `./${LONG_LINK}`);
  const backMs = await timeSeek(page, 1_000_000);
  const forwardMs = await timeSeek(page, 600_000_000);
  const backAgainMs = await timeSeek(page, 1_000_000);
  const main = await openLink(page, `./${LONG_LINK}&engine=main`);
  result.openMesh10min = {
    cliRunMs: cliMs,
    worker: {
      ...worker,
      interactiveVsCli: round1(worker.interactiveMs / cliMs),
      atLinkMomentVsCli: round1(worker.atLinkMomentMs / cliMs),
    },
    mainThreadBaseline: {
      ...main,
      longTasksDuringReplayMs: `${main.longTasksDuringReplayMs.length} tasks over 50 ms, the longest ${Math.max(0, ...main.longTasksDuringReplayMs)} ms`,
    },
    seeksAfterLoad: {
      backTo1sMs: Math.round(backMs),
      forwardToEndMs: Math.round(forwardMs),
      backAgainMs: Math.round(backAgainMs),
    },
  };

  // Bundle sizes.
  const dist = join(import.meta.dirname, '..', '..', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const chunks = readdirSync(join(dist, 'assets')).filter(
    (f) => f.endsWith('.js') || f.endsWith('.css'),
  );
  const gzipKB = (f: string) =>
    round1(gzipSync(readFileSync(join(dist, 'assets', f))).length / 1024);
  result.bundle = Object.fromEntries(
    chunks.map((f) => [f, { gzipKB: gzipKB(f), initial: html.includes(f) }]),
  );
  result.initialJsGzipKB = round1(
    chunks.filter((f) => f.endsWith('.js') && html.includes(f)).reduce((s, f) => s + gzipKB(f), 0),
  );

  const json = JSON.stringify(result, null, 2);
  console.log(json);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/ui-perf.json', json);
});
