/*
 * The transport as a user tunes it: the drawer names a bad value and runs
 * nothing; a good one replays the session to the same moment with the knob in
 * the link and the CLI's hash; a profile's findings are said on screen; a bad
 * knob in a link is a bad link.
 */
import { expect, test } from '@playwright/test';
import { cliRun, hashOf, settled, simTimeMs } from './helpers';

test('a knob edited in the Transport drawer replays to the same moment; a bad one changes nothing', async ({
  page,
}) => {
  await page.goto('./?scenario=herd&seed=2&t=4000');
  await settled(page);
  const before = await hashOf(page);
  await page.getByTestId('transport-open').click();
  const drawer = page.getByTestId('transport-drawer');
  await expect(drawer).toBeVisible();
  const jitter = drawer.getByLabel('jitter', { exact: true });
  await jitter.fill('2');
  await expect(drawer).toContainText('transport knob jitter must be a fraction from 0 to 1');
  await expect(drawer.getByTestId('transport-replay')).toBeDisabled();
  expect(await hashOf(page)).toBe(before);

  await jitter.fill('0');
  await drawer.getByTestId('transport-replay').click();
  await settled(page);
  expect(await simTimeMs(page)).toBe(4000);
  expect(page.url()).toContain('t.jitter=0');
  const cli = cliRun(['herd', '--seed', '2', '--transport', 'jitter=0', '--until', '4s']);
  expect(await hashOf(page)).toBe(cli.traceHash);
  await expect(page.getByTestId('transport-open')).toHaveText('Transport: seed *');
  await expect(page.getByTestId('environment-transport')).toContainText('jitter 0');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
});

test('moonpool 0.8 fails the oracle where it loses messages, and the page says it is a finding', async ({
  page,
}) => {
  await page.goto('./?scenario=reliable-stream&seed=1&chaos=storm&profile=moonpool-0.8&t=60000');
  await settled(page, 60_000);
  // The loss is found once the network has settled (at-least-once is looked at every second from then).
  const violations = await page.evaluate(() =>
    window.__tidepool!.services.store.getState().view!.violations.map((v) => v.name),
  );
  expect(violations).toContain(
    'reliable-stream: every reliable message is delivered at least once',
  );
  const finding = page.getByTestId('profile-finding');
  await expect(finding).toHaveAttribute('open', '');
  await expect(finding).toContainText('A finding about moonpool-0.8, not a bug');
  await expect(finding).toContainText('not a bug in Tidepool');
  await expect(page.getByTestId('environment-transport')).toContainText(
    'queueFullPolicy drop-oldest',
  );
});

test('a bad knob in a link is a bad link that names it', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&t.pingTimeoutMs=1&profile=fdb');
  await expect(page.getByTestId('url-error')).toContainText(
    'transport knob pingTimeoutMs must be milliseconds from 10 to 600000, got "1"',
  );
});

test('the console sets a profile and knobs, replaying to the same moment; a bad knob changes nothing', async ({
  page,
}) => {
  await page.goto('./?scenario=ping-pong&seed=3&t=2500');
  await settled(page);
  const before = await hashOf(page);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('transport pingTimeoutMs=1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console')).toContainText(
    'transport knob pingTimeoutMs must be milliseconds from 10 to 600000',
  );
  expect(await hashOf(page)).toBe(before);
  await page.keyboard.type('profile fdb');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.url()).toContain('profile=fdb');
  await page.keyboard.type('transport jitter=0');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.url()).toContain('t.jitter=0');
  await settled(page);
  expect(await simTimeMs(page)).toBe(2500);
  const cli = cliRun([
    'ping-pong',
    '--seed',
    '3',
    '--profile',
    'fdb',
    '--transport',
    'jitter=0',
    '--until',
    '2500ms',
  ]);
  expect(await hashOf(page)).toBe(cli.traceHash);
});
