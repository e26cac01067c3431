import { expect, test } from '@playwright/test';
import { cliRun, hashOf, settled, simTimeMs } from './helpers';

test('a seed link shows the same trace hash and time as the CLI for that session', async ({
  page,
}) => {
  const cli = cliRun(['mesh', '--seed', '3', '--chaos', 'storm', '--until', '2500ms']);
  await page.goto(`./${cli.url}`);
  await settled(page);
  await expect(page.getByTestId('trace-hash')).toHaveText(cli.traceHash);
  expect(await simTimeMs(page)).toBe(cli.simTimeUs / 1000);
});

test('a scripted session (partition, heal, kill) matches the CLI in the browser', async ({
  page,
}) => {
  const cli = cliRun([
    'ping-pong',
    '--seed',
    '42',
    '--until',
    '6s',
    '--script',
    '1s_partition_n1_n2~3s_heal~5s_kill_n2',
  ]);
  await page.goto(`./${cli.url}`);
  await settled(page);
  await expect(page.getByTestId('trace-hash')).toHaveText(cli.traceHash);
});

test('stepping one event advances the simulation', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=1');
  await settled(page);
  const before = await page.evaluate(() => window.__tidepool!.events());
  const hashBefore = await hashOf(page);
  await page.getByTestId('step-event').click();
  await expect.poll(() => page.evaluate(() => window.__tidepool!.events())).toBe(before + 1);
  expect(await hashOf(page)).not.toBe(hashBefore);
  const t1 = await simTimeMs(page);
  for (let i = 0; i < 5; i++) await page.getByTestId('step-event').click();
  await expect.poll(() => simTimeMs(page)).toBeGreaterThan(t1);
});

test('play runs virtual time forward and pause stops it', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=1');
  await settled(page);
  await page.getByTestId('play').click();
  await expect.poll(() => simTimeMs(page), { timeout: 5000 }).toBeGreaterThan(100);
  await page.getByTestId('play').click();
  await settled(page); // the pause reaches the engine's worker, and its frame comes back
  const paused = await simTimeMs(page);
  await page.waitForTimeout(300);
  expect(await simTimeMs(page)).toBe(paused);
  await page.keyboard.press('Space');
  await expect.poll(() => simTimeMs(page)).toBeGreaterThan(paused);
  await page.keyboard.press('Space');
});

test('seeking back and forward gives identical hashes at the same time', async ({ page }) => {
  await page.goto('./?scenario=mesh&seed=5&chaos=storm&t=3000');
  await settled(page);
  const at3 = await hashOf(page);
  await page.evaluate(() => window.__tidepool!.services.store.getState().actions.seek(1_000_000));
  await settled(page);
  expect(await simTimeMs(page)).toBe(1000);
  const at1 = await hashOf(page);
  expect(at1).not.toBe(at3);
  await page.evaluate(() => window.__tidepool!.services.store.getState().actions.seek(3_000_000));
  await settled(page);
  expect(await hashOf(page)).toBe(at3);
  await page.evaluate(() => window.__tidepool!.services.store.getState().actions.seek(1_000_000));
  await settled(page);
  expect(await hashOf(page)).toBe(at1);
});

test('copy link, open it in a fresh page and land on the same state', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?scenario=ping-pong&seed=9&chaos=flaky');
  await settled(page);
  await page.getByTestId('play').click();
  await expect.poll(() => simTimeMs(page)).toBeGreaterThan(300);
  await page.getByTestId('play').click();
  await page.evaluate(() =>
    window
      .__tidepool!.services.store.getState()
      .actions.apply({ kind: 'partition', a: 'n1', b: 'n2', oneWay: true }),
  );
  await page.getByTestId('step-event').click();
  await settled(page); // the pause, the cut and the step have reached the engine's worker
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('script=');
  const hash = await hashOf(page);
  const time = await simTimeMs(page);
  const fresh = await browser.newPage();
  await fresh.goto(link);
  await settled(fresh);
  await expect(fresh.getByTestId('trace-hash')).toHaveText(hash);
  expect(await simTimeMs(fresh)).toBe(time);
  await fresh.close();
});

test('a malformed link shows what is wrong and falls back to the defaults', async ({ page }) => {
  await page.goto(
    './?scenario=ping-pong&seed=12x&chaos=%3Cimg%20src=x%20onerror=alert(1)%3E&t=abc',
  );
  const banner = page.getByTestId('url-error');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('seed must be a decimal integer');
  await expect(banner).toContainText('unknown chaos preset "<img src=x onerror=alert(1)>"');
  await expect(banner).toContainText('t must be a time in milliseconds');
  expect(await page.locator('img').count()).toBe(0); // shown as text, never as HTML
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{16}$/);
  expect(await page.getByTestId('scenario-select').inputValue()).toBe('ping-pong');
});

test('a malformed link keeps its valid parts and says which it dropped', async ({ page }) => {
  await page.goto('./?scenario=mesh&seed=7&p.nodes=999&chaos=storm&t=1500');
  const banner = page.getByTestId('url-error');
  await expect(banner).toContainText('parameter nodes must be an integer from');
  await expect(banner).toContainText('Opened what was valid in it; dropped: p.nodes=999.');
  await settled(page);
  expect(await page.getByTestId('scenario-select').inputValue()).toBe('mesh');
  expect(await page.getByTestId('seed-input').inputValue()).toBe('7');
  expect(await page.getByTestId('chaos-select').inputValue()).toBe('storm');
  expect(await simTimeMs(page)).toBe(1500);
});

test('a link taken between two events of the same instant (after Step) lands on exactly that state', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?scenario=mesh&seed=3&t=1500');
  await settled(page);
  for (let i = 0; i < 2000; i++) {
    await page.getByTestId('step-event').click();
    await settled(page); // read the state this step made, not the one before it
    if (await page.evaluate(() => window.__tidepool!.services.store.getState().view!.midInstant))
      break;
  }
  expect(
    await page.evaluate(() => window.__tidepool!.services.store.getState().view!.midInstant),
  ).toBe(true);
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/&t=[\d.]+@\d+/);
  const hash = await hashOf(page);
  const events = await page.evaluate(() => window.__tidepool!.events());
  const fresh = await browser.newPage();
  await fresh.goto(link);
  await settled(fresh);
  await expect(fresh.getByTestId('trace-hash')).toHaveText(hash);
  expect(await fresh.evaluate(() => window.__tidepool!.events())).toBe(events);
  await fresh.close();
});
