/*
 * The cut → state → heal story in the peer inspector, as a newcomer meets it:
 * the inspector opens on the client (the node that dials), a cut link still
 * shows Connected with a countdown to the ping monitor's verdict, then
 * Backoff; after the heal the peer reconnects and its queue drains.
 */
import { expect, test } from '@playwright/test';
import { settled } from './helpers';

test('cutting ping-pong: the client card counts down to the ping monitor, backs off, and after the heal reconnects and drains', async ({
  page,
}) => {
  await page.goto('./?scenario=ping-pong&seed=1&t=2000');
  await settled(page);
  // No node chosen: the inspector shows the client, whose peer dials and pings.
  const peer = page.getByTestId('peer-n2-n1');
  await expect(peer).toHaveAttribute('data-state', 'connected');
  const status = peer.getByTestId('peer-status-text');

  await page.getByTestId('link-n1-n2').click();
  await settled(page);
  // Step until a ping is overdue: still "Connected", with the verdict counting down.
  let countdown = '';
  for (let i = 0; i < 30 && !countdown; i++) {
    await page.getByRole('button', { name: '+100 ms' }).click();
    await settled(page);
    const text = (await status.textContent()) ?? '';
    if (/ping monitor decides in/.test(text)) countdown = text;
  }
  expect(countdown).toMatch(/^no pong for [\d.]+ ?m?s · ping monitor decides in [\d.]+ ?m?s$/);
  await expect(peer).toHaveAttribute('data-state', 'connected');

  // The verdict: the connection is declared dead and the peer backs off.
  for (let i = 0; i < 40; i++) {
    if ((await peer.getAttribute('data-state')) !== 'connected') break;
    await page.getByRole('button', { name: '+100 ms' }).click();
    await settled(page);
  }
  await expect(peer).toHaveAttribute('data-state', /backoff|connecting/);
  // While cut, the client's ping request waits in its queue.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          window.__tidepool!.services.store.getState().view!.peers.find((p) => p.node === 'n2')!
            .metrics.queuedMessages,
      ),
    )
    .toBeGreaterThan(0);

  await page.getByTestId('link-n1-n2').click(); // heal
  for (let i = 0; i < 60; i++) {
    const state = await page.evaluate(
      () =>
        window.__tidepool!.services.store.getState().view!.peers.find((p) => p.node === 'n2')!
          .metrics,
    );
    if (state.state === 'connected' && state.queuedMessages === 0) break;
    await page.getByRole('button', { name: '+100 ms' }).click();
    await settled(page);
  }
  await expect(peer).toHaveAttribute('data-state', 'connected');
  await expect(status).toHaveText(/^up · last ping/);
  const after = await page.evaluate(
    () =>
      window.__tidepool!.services.store.getState().view!.peers.find((p) => p.node === 'n2')!
        .metrics,
  );
  expect(after.queuedMessages).toBe(0); // drained
  expect(after.connectAttempts).toBeGreaterThan(1); // it reconnected
});
