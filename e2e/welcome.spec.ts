/*
 * The first-visit welcome: on the bare address it says what Tidepool is and
 * offers three things to try and lesson 1; it never blocks the page, is
 * remembered once dismissed (or once lesson 1 is started from it), and a
 * shared link never shows it.
 */
import { expect, test } from '@playwright/test';
import { seriousAxeViolations, settled } from './helpers';

test('a first visit is welcomed; starting lesson 1 from it opens step 1 and it stays gone after a reload', async ({
  page,
}) => {
  await page.goto('./');
  await settled(page);
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading')).toHaveText(/real network transport/);
  await expect(welcome.locator('li')).toHaveCount(3);
  expect(await seriousAxeViolations(page)).toEqual([]);
  // Not a modal: the page works around it (the link exists once the client has dialled).
  await page.getByRole('button', { name: '+100 ms' }).click();
  await settled(page);
  await page.getByTestId('link-n1-n2').click();
  await settled(page);
  await expect(page.getByTestId('link-n1-n2')).not.toHaveAttribute('data-partition', 'none');

  await page.getByTestId('welcome-lesson').click();
  await expect(welcome).toHaveCount(0);
  await expect(page.getByTestId('lesson-step-count')).toHaveText(/^step 1\//);
  await page.goto('./');
  await settled(page);
  await expect(page.getByTestId('lessons-button')).toBeVisible();
  await expect(page.getByTestId('welcome')).toHaveCount(0);
});

test('dismissing the welcome is remembered; a shared link never shows it', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=7');
  await settled(page);
  await expect(page.getByTestId('welcome')).toHaveCount(0);

  await page.goto('./');
  await settled(page);
  await page.getByTestId('welcome-close').click();
  await expect(page.getByTestId('welcome')).toHaveCount(0);
  await page.reload();
  await settled(page);
  await expect(page.getByTestId('welcome')).toHaveCount(0);
});

test('"Just play" closes the welcome and plays', async ({ page }) => {
  await page.goto('./');
  await settled(page);
  await page.getByTestId('welcome-play').click();
  await expect(page.getByTestId('welcome')).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => window.__tidepool!.services.store.getState().playing))
    .toBe(true);
});
