/*
 * UI performance, measured in real Chromium against the production build and
 * printed as one JSON object (also written to test-results/ui-perf.json):
 * frame rate and worst frame while playing a 10-node mesh fast, seeking from
 * the end of a 10-minute mesh run back to 1 s and forward again, time from
 * navigation to the first drawn topology, and the gzip size of each chunk.
 * Targets (issue 6): 60 fps median, no frame over 50 ms, seeks under 150 ms,
 * first topology under 1 s, initial JavaScript under 300 KB gzip.
 */
import { test } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      window.__tidepool?.services.store.getState().seekProgress === null &&
      (window.__tidepool?.timeUs() ?? -1) >= 0,
    null,
    { timeout: 240_000 },
  );
}

/** Wall time (ms) of one seek, from the call until the host has finished it. */
async function timeSeek(page: Page, toUs: number): Promise<number> {
  return page.evaluate(async (to) => {
    const services = window.__tidepool!.services;
    const start = performance.now();
    services.store.getState().actions.seek(to);
    await new Promise<void>((resolve) => {
      const check = () =>
        services.store.getState().seekProgress === null && window.__tidepool!.timeUs() === to
          ? resolve()
          : requestAnimationFrame(check);
      check();
    });
    return performance.now() - start;
  }, toUs);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

test('ui performance', async ({ page }) => {
  const result: Record<string, unknown> = {};

  // First drawn topology for a seed link.
  await page.goto('./?scenario=mesh&seed=3');
  await page.locator('[data-testid="node-n1"]').waitFor();
  result.firstTopologyMs = Math.round(await page.evaluate(() => performance.now()));

  // Frame times while playing a 10-node mesh at 10× real time.
  await page.goto('./?scenario=mesh&seed=1&p.nodes=10');
  await settled(page);
  const frames = await page.evaluate(async () => {
    const actions = window.__tidepool!.services.store.getState().actions;
    actions.setSpeed(10_000_000);
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
    return { deltas: deltas.slice(5), simUs: window.__tidepool!.timeUs() };
  });
  const sorted = [...frames.deltas].sort((a, b) => a - b);
  result.playMesh10 = {
    frames: sorted.length,
    medianFps: Math.round(1000 / percentile(sorted, 0.5)),
    p95FrameMs: Math.round(percentile(sorted, 0.95) * 10) / 10,
    worstFrameMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
    simSecondsReached: frames.simUs / 1e6,
  };

  // Seeking in a 10-minute mesh run.
  const loadStart = Date.now();
  await page.goto('./?scenario=mesh&seed=1&t=600000');
  await settled(page);
  const loadMs = Date.now() - loadStart;
  const backMs = await timeSeek(page, 1_000_000);
  const forwardMs = await timeSeek(page, 600_000_000);
  const backAgainMs = await timeSeek(page, 1_000_000);
  result.seekMesh10min = {
    loadLinkMs: loadMs,
    backTo1sMs: Math.round(backMs),
    forwardToEndMs: Math.round(forwardMs),
    backAgainMs: Math.round(backAgainMs),
  };

  // Bundle sizes.
  const dist = join(import.meta.dirname, '..', '..', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const chunks = readdirSync(join(dist, 'assets')).filter(
    (f) => f.endsWith('.js') || f.endsWith('.css'),
  );
  result.bundle = Object.fromEntries(
    chunks.map((f) => [
      f,
      {
        gzipKB: Math.round(gzipSync(readFileSync(join(dist, 'assets', f))).length / 102.4) / 10,
        initial: html.includes(f),
      },
    ]),
  );
  result.initialJsGzipKB =
    Math.round(
      chunks
        .filter((f) => f.endsWith('.js') && html.includes(f))
        .reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, 'assets', f))).length, 0) /
        102.4,
    ) / 10;

  const json = JSON.stringify(result, null, 2);
  console.log(json);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/ui-perf.json', json);
});
