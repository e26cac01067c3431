/*
 * "Why?" in the playground: on a corrupt session, the chain behind a call's
 * MaybeDelivered outcome goes back through the reset and the checksum failure
 * to the bit flip that caused them, and each link moves the time cursor to
 * its event. Also: the console's `why` and the export button.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { settled, simTimeMs } from './helpers';

// mesh seed 1, corrupt: at 56.085 ms chaos flips two bits of n5's hello to n1; n1's checksum fails
// and it resets the connection; at 57.740 ms n5's first call fails with MaybeDelivered.
const SESSION = './?scenario=mesh&seed=1&chaos=corrupt&t=100';

test('Why? on a MaybeDelivered outcome ends at the bit flip, and clicking the flip seeks there', async ({
  page,
}) => {
  await page.goto(SESSION);
  await settled(page);
  await page
    .getByRole('group', { name: 'Inspect node' })
    .getByRole('button', { name: 'n5' })
    .click();
  await page.getByRole('button', { name: 'Why? call n5#1 failing with MaybeDelivered' }).click();
  const panel = page.getByRole('dialog', { name: 'Why?' });
  await expect(panel).toBeVisible();
  const links = panel.locator('.why-link');
  await expect(links).toHaveCount(5);
  expect(await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
    'rpc_failed',
    'connection_reset',
    'connection_reset',
    'checksum_failed',
    'bits_flipped',
  ]);
  await expect(links.first()).toContainText('MaybeDelivered');
  const flip = links.last();
  await expect(flip).toContainText('flipped');
  await expect(flip).toContainText('(chaos)');
  await expect(panel).toContainText('root: bits flipped by chaos');

  await flip.click();
  await settled(page);
  expect(await simTimeMs(page)).toBeCloseTo(56.085, 3);
  await expect(flip).toHaveAttribute('aria-current', 'step');
  await expect(links).toHaveCount(5); // the chain stays open while the cursor moves
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('Why? on a peer state and on a packet opens their chains', async ({ page }) => {
  await page.goto(SESSION);
  await settled(page);
  await page
    .getByRole('group', { name: 'Inspect node' })
    .getByRole('button', { name: 'n5' })
    .click();
  await page
    .getByRole('button', { name: /^Why\? n5's peer n1 being/ })
    .first()
    .click();
  const panel = page.getByRole('dialog', { name: 'Why?' });
  await expect(panel.locator('.why-link').first()).toHaveAttribute(
    'data-kind',
    'peer_state_changed',
  );
  await page.getByRole('button', { name: 'Close Why?' }).click();

  const inspector = page.getByTestId('packet-inspector');
  await inspector.locator('.insp-recent-row').first().click();
  await inspector.getByRole('button', { name: /^Why\? packet/ }).click();
  await expect(panel.locator('.why-link').first()).toHaveAttribute(
    'data-kind',
    /packet_|checksum_failed|connection_reset/,
  );
});

test('the console explains an event with `why 109`, and the latest failure with `why`', async ({
  page,
}) => {
  await page.goto(SESSION);
  await settled(page);
  const terminal = page.locator('.console-panel .xterm');
  await terminal.click();
  await page.keyboard.type('why 109');
  await page.keyboard.press('Enter');
  await expect(page.locator('.console-panel .xterm-rows')).toContainText(
    'why #109: rpc_failed ← connection_reset ← connection_reset ← checksum_failed ← bits_flipped (chaos)',
  );
  // The console keeps the keyboard (the panel opens beside it without taking focus).
  await expect(page.getByRole('dialog', { name: 'Why?' })).toBeVisible();
  await page.keyboard.type('why');
  await page.keyboard.press('Enter');
  // The newest failure still in the ring (here the same MaybeDelivered), explained down to a root.
  await expect(page.locator('.console-panel .xterm-rows')).toContainText(/› why\s*why #\d+: \w+ ←/);
});

test('Export trace downloads a Trace Event file of the run so far', async ({ page }) => {
  await page.goto(SESSION);
  await settled(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-trace').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tidepool-mesh-seed1-corrupt-100ms.json');
  const json = JSON.parse(readFileSync((await file.path()) as string, 'utf8')) as {
    traceEvents: { ph: string; cat?: string; args?: { error?: string } }[];
    otherData: { traceHash: string };
  };
  expect(json.traceEvents.some((e) => e.ph === 'b' && e.cat === 'rpc')).toBe(true);
  expect(json.traceEvents.some((e) => e.ph === 'e' && e.args?.error === 'MaybeDelivered')).toBe(
    true,
  );
  expect(json.otherData.traceHash).toBe(await page.getByTestId('trace-hash').textContent());
});
