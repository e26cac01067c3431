/*
 * The static build deployed under a sub-path, as on GitHub Pages
 * (https://user.github.io/tidepool/): dist/ — built by Playwright's webServer
 * step — is served by a plain static server under /tidepool/, and a session
 * plays there with no failed request. Also the embed layout (?embed=1).
 */
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cliRun, hashOf, settled, simTimeMs } from './helpers';
import { serveStatic, type StaticServer } from './static-server';

const DIST = process.env.TIDEPOOL_DIST ?? 'dist';
const PREFIX = '/tidepool/';
let server: StaticServer;

test.beforeAll(async () => {
  if (!existsSync(`${DIST}/index.html`))
    throw new Error(`${DIST}/index.html is missing: run \`npm run build\` first`);
  server = await serveStatic(DIST, PREFIX);
});
test.afterAll(async () => {
  await server?.close();
});

/** Collects everything that went wrong while loading: failed or 4xx/5xx requests, page errors, console errors. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('requestfailed', (r) =>
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`),
  );
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  return problems;
}

test('the build served from /tidepool/ loads every asset from under the prefix and plays a session', async ({
  page,
}) => {
  const problems = watchProblems(page);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${server.url}?scenario=ping-pong&seed=42`);
  await settled(page);
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{16}$/);
  const start = await simTimeMs(page);
  await page.getByTestId('play').click();
  await expect.poll(() => simTimeMs(page), { timeout: 5000 }).toBeGreaterThan(start + 100);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{16}$/);
  expect(requested.some((u) => /\/tidepool\/assets\/.+\.js$/.test(u))).toBe(true);
  expect(
    requested.filter(
      (u) => u.startsWith('http://127.0.0.1') && !new URL(u).pathname.startsWith(PREFIX),
    ),
  ).toEqual([]);
  expect(new URL(page.url()).pathname).toBe(PREFIX); // url sync keeps the sub-path
  expect(problems).toEqual([]);
});

test('a deep link with t under the sub-path lands on the CLI hash', async ({ page }) => {
  const problems = watchProblems(page);
  const cli = cliRun(['ping-pong', '--seed', '42', '--until', '2500ms']);
  await page.goto(`${server.url}${cli.url}`);
  await settled(page);
  await expect(page.getByTestId('trace-hash')).toHaveText(cli.traceHash);
  expect(await simTimeMs(page)).toBe(cli.simTimeUs / 1000);
  expect(problems).toEqual([]);
});

test('the static server answers 404 outside the prefix and redirects the bare prefix', async ({
  request,
}) => {
  const origin = new URL(server.url).origin;
  expect((await request.get(`${origin}/`)).status()).toBe(404);
  expect((await request.get(`${origin}/index.html`)).status()).toBe(404);
  expect((await request.get(`${server.url}no-such-file.js`)).status()).toBe(404);
  const bare = await request.get(`${origin}/tidepool`, { maxRedirects: 0 });
  expect(bare.status()).toBe(301);
  expect(bare.headers()['location']).toBe(PREFIX);
  const html = await request.get(server.url);
  expect(html.headers()['content-type']).toMatch(/^text\/html/);
});

test('?embed=1 shows only the topology and a slim control bar, and keeps embed=1 in the URL', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto(`${server.url}?scenario=mesh&seed=3&embed=1`);
  await settled(page);
  await expect(page.getByTestId('topology')).toBeVisible();
  await expect(page.getByTestId('play')).toBeVisible();
  await expect(page.getByTestId('step-event')).toBeVisible();
  await expect(page.getByTestId('restart')).toBeVisible();
  for (const hidden of [
    'timeline',
    'console',
    'peer-inspector',
    'packet-inspector',
    'invariants',
    'environment',
    'scenario-select',
    'copy-link',
  ]) {
    await expect(page.getByTestId(hidden), hidden).toHaveCount(0);
  }
  await page.getByTestId('play').click();
  await expect.poll(() => simTimeMs(page), { timeout: 5000 }).toBeGreaterThan(100);
  await page.getByTestId('play').click();
  await settled(page); // the pause reaches the engine's worker, and its frame comes back
  const hash = await page.evaluate(() => window.__tidepool!.hash());
  const time = await simTimeMs(page);
  // url sync has rewritten the query (t=…) and embed=1 is still there
  await expect.poll(() => new URL(page.url()).searchParams.get('t')).not.toBeNull();
  expect(new URL(page.url()).searchParams.get('embed')).toBe('1');

  // "Open in Tidepool": the same session at the same moment, full layout, new tab
  const open = page.getByTestId('open-in-tidepool');
  await expect(open).toHaveAttribute('target', '_blank');
  const href = await open.getAttribute('href');
  expect(href).not.toContain('embed');
  const [full] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  await full.waitForLoadState();
  await settled(full);
  expect(new URL(full.url()).pathname).toBe(PREFIX);
  await expect(full.getByTestId('timeline')).toBeVisible();
  await expect(full.getByTestId('trace-hash')).toHaveText(hash);
  expect(await simTimeMs(full)).toBe(time);
  expect(await hashOf(full)).toBe(hash);
  await full.close();
  expect(problems).toEqual([]);
});
