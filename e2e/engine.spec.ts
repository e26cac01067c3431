/*
 * The engine in its Web Worker, as a user meets it: a long link answers at
 * once and shows how far its replay has got, a newer seek replaces a long
 * replay, and the worker and the main-thread fallback (engine=main) land on
 * the same hash as the CLI.
 */
import { expect, test } from '@playwright/test';
import { cliRun, hashOf, settled, simTimeMs } from './helpers';

test('a 10-minute link answers while it replays, shows its progress, and a newer seek replaces it', async ({
  page,
}) => {
  await page.goto('./?scenario=mesh&seed=1&t=600000');
  expect(await page.evaluate(() => window.__tidepool!.engineThread)).toBe('worker');
  // The page is drawn and answers before the replay is done.
  await expect(page.getByTestId('node-n1')).toBeVisible();
  await expect(page.getByTestId('seek-progress')).toBeVisible();
  const key = page.getByRole('button', { name: /^Key/ });
  const expanded = await key.getAttribute('aria-expanded');
  await key.click();
  await expect(key).not.toHaveAttribute('aria-expanded', expanded ?? '');
  expect(
    await page.evaluate(() => window.__tidepool!.services.store.getState().seekProgress),
  ).not.toBeNull();
  // A newer seek wins over the long replay.
  await page.evaluate(() => window.__tidepool!.services.store.getState().actions.seek(2_000_000));
  await settled(page);
  expect(await simTimeMs(page)).toBe(2000);
  await expect(page.getByTestId('seek-progress')).toHaveCount(0);
  const cli = cliRun(['mesh', '--seed', '1', '--until', '2s']);
  expect(await hashOf(page)).toBe(cli.traceHash);
});

test('the worker and the main-thread engine land on the CLI hash for the same link', async ({
  page,
}) => {
  const cli = cliRun(['fan-in', '--seed', '5', '--chaos', 'storm', '--until', '30s']);
  for (const engine of ['worker', 'main']) {
    await page.goto(`./?scenario=fan-in&seed=5&chaos=storm&t=30000&engine=${engine}`);
    await settled(page);
    expect(await page.evaluate(() => window.__tidepool!.engineThread)).toBe(engine);
    expect(await simTimeMs(page)).toBe(30000);
    expect(await hashOf(page)).toBe(cli.traceHash);
  }
});

test('a bad engine= value is a bad link that says so', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&engine=gpu');
  await expect(page.getByText('engine must be main or worker, got "gpu"')).toBeVisible();
});
