/*
 * Mutants in the playground: a session that runs a deliberately broken
 * transport says so in a banner at the top of the page (both layouts), the
 * invariants panel shows what caught it and the liveness verdict (held, violated,
 * or not judged — never shown as a pass), the banner's button reruns the same
 * session without the mutant, and an unknown mutant is a bad link.
 */
import { expect, test } from '@playwright/test';
import { seriousAxeViolations, settled } from './helpers';

const MUTANT_LINK = './?scenario=ping-pong&seed=1&chaos=calm&mutant=misroute-replies&t=2000';

test('a mutant link shows the banner, and the ledger invariant catches it', async ({ page }) => {
  await page.goto(MUTANT_LINK);
  await settled(page);
  const banner = page.getByTestId('mutant-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('Mutant active: misroute-replies');
  await expect(banner).toContainText(
    "the server sends each reply to the previous request's reply endpoint",
  );
  await expect(banner).toContainText('broken on purpose');
  // The banner is the first thing on the page.
  const bannerBox = await banner.boundingBox();
  expect(bannerBox?.y).toBe(0);

  const invariants = page.getByTestId('invariants');
  const violations = invariants.getByRole('alert', { name: 'Violations' });
  await expect(violations).toBeVisible();
  await expect(
    violations
      .locator('.insp-violation-name')
      .filter({ hasText: /^a reply reaches only the call that asked/ })
      .first(),
  ).toBeVisible();
  const names = await page.evaluate(() =>
    window.__tidepool!.services.store.getState().view!.violations.map((v) => v.name),
  );
  expect(names.some((n) => n.startsWith('ledger: a reply reaches only the call that asked'))).toBe(
    true,
  );
  await expect(
    invariants
      .locator('.insp-inv-row.is-bad')
      .filter({ hasText: 'a reply reaches only the call that asked' }),
  ).toBeVisible();

  // The banner's button: the same session on the real transport, no banner, no mutant in the address.
  await page.getByTestId('drop-mutant').click();
  await settled(page);
  await expect(banner).toHaveCount(0);
  await expect(invariants.getByRole('alert', { name: 'Violations' })).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('mutant=');
  expect(page.url()).toContain('scenario=ping-pong&seed=1&chaos=calm');
});

test('the embed layout shows the banner too', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 600 });
  await page.goto(`${MUTANT_LINK}&embed=1`);
  await settled(page);
  await expect(page.getByTestId('embed')).toBeVisible();
  const banner = page.getByTestId('mutant-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Mutant active: misroute-replies');
  await expect(page.getByTestId('drop-mutant')).toBeVisible();
  // Nothing spills sideways at 375 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('without a mutant: no banner, and calm ping-pong liveness held', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=1&chaos=calm&t=2000');
  await settled(page);
  await expect(page.getByTestId('invariants')).toBeVisible();
  await expect(page.getByTestId('mutant-banner')).toHaveCount(0);
  const liveness = page.getByTestId('liveness');
  await expect(liveness).toHaveAttribute('data-status', 'held');
  await expect(page.getByTestId('liveness-status')).toContainText('held');
  await expect(liveness).toContainText('judged from 0µs');
});

test('storm at 2 s: liveness is not judged, and does not look like a pass', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=1&chaos=storm&t=2000');
  await settled(page);
  const liveness = page.getByTestId('liveness');
  await expect(liveness).toHaveAttribute('data-status', 'not judged');
  await expect(page.getByTestId('liveness-status')).toContainText('not judged');
  await expect(page.getByTestId('liveness-status')).toContainText('not a pass');
  await expect(page.getByTestId('liveness-reason')).not.toBeEmpty();
  await expect(liveness).not.toHaveClass(/is-held/);
});

test('an unknown mutant is a bad link: the error names it and the defaults open', async ({
  page,
}) => {
  await page.goto('./?mutant=nope');
  const error = page.getByTestId('url-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('unknown mutant "nope"');
  await expect(error).toContainText('misroute-replies');
  await expect(page.getByTestId('trace-hash')).toHaveText(/^[0-9a-f]{16}$/);
  await expect(page.getByTestId('mutant-banner')).toHaveCount(0);
});

test('the mutant page has no serious or critical axe violation (WCAG 2.1 A/AA), banner and liveness line included', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(MUTANT_LINK);
  await settled(page);
  await expect(page.getByTestId('mutant-banner')).toBeVisible();
  await expect(page.getByTestId('liveness')).toBeVisible();
  expect(await seriousAxeViolations(page)).toEqual([]);
});
