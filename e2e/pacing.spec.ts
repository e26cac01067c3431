/*
 * Packets you can watch: from a fresh load of ping-pong at the default
 * speed, play follows packets — time slows while one crosses and the quiet
 * gaps are skipped, said beside the speed — so most frames drawn while
 * playing show a packet on the wire. At a steady 1× rate (the other mode,
 * one click away) almost none do: the spec counts both, frame by frame.
 */
import { expect, test, type Page } from '@playwright/test';
import { settled } from './helpers';

/** Plays for `ms` of wall time; counts the animation frames drawn and those with a packet in flight. */
async function countFrames(page: Page, ms: number): Promise<{ frames: number; moving: number }> {
  await page.getByTestId('play').click();
  const counts = await page.evaluate(
    (durationMs) =>
      new Promise<{ frames: number; moving: number }>((resolve) => {
        let frames = 0;
        let moving = 0;
        const start = performance.now();
        const tick = () => {
          if (window.__tidepool!.services.store.getState().playing) {
            frames++;
            const inFlight = '[data-testid="topology"] .tp-packet[data-status="in-flight"]';
            if (document.querySelector(inFlight)) moving++;
          }
          if (performance.now() - start < durationMs) requestAnimationFrame(tick);
          else resolve({ frames, moving });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
  await page.getByTestId('play').click();
  return counts;
}

test('ping-pong at the default speed follows packets: at least half the frames drawn while playing show one in flight', async ({
  page,
}) => {
  await page.goto('./?scenario=ping-pong&seed=1');
  await settled(page);
  const follow = page.getByTestId('follow-packets');
  await expect(follow).toHaveAttribute('aria-pressed', 'true'); // the default for a small scenario
  await expect(page.getByTestId('speed-text')).toHaveText('crossing 900 ms');

  const followed = await countFrames(page, 6000);
  expect(followed.frames).toBeGreaterThan(60);
  expect(followed.moving / followed.frames).toBeGreaterThanOrEqual(0.5);
  // The quiet gaps were skipped, and the page said so.
  expect(
    await page.evaluate(() => window.__tidepool!.services.store.getState().lastSkip?.us),
  ).toBeGreaterThan(0);

  // The other mode, a steady 1× rate: packets are on screen in few frames.
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('speed-text')).toHaveText('1.0× real time');
  const steady = await countFrames(page, 4000);
  expect(steady.moving / steady.frames).toBeLessThan(0.25);
});

test('the skip note says how much idle time play jumped', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=1');
  await settled(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('skip-note')).toHaveText(/^skipped [\d.]+(µs|ms|s) idle$/, {
    timeout: 10_000,
  });
  await page.getByTestId('play').click();
});

test("echo's byte streams are drawn: its records cross the links, named, and play follows them", async ({
  page,
}) => {
  await page.goto('./?scenario=echo&seed=1&t=1000');
  await settled(page);
  await expect(page.getByTestId('follow-packets')).toHaveAttribute('aria-pressed', 'true');
  const counts = await countFrames(page, 3000);
  expect(counts.moving / counts.frames).toBeGreaterThanOrEqual(0.5);
  const kinds = await page.evaluate(() =>
    window.__tidepool!.services.store.getState().view!.packets.map((p) => p.kind),
  );
  expect(kinds.length).toBeGreaterThan(0);
  expect(new Set(kinds)).toEqual(new Set(['record']));
});
