/*
 * Two runs side by side on one clock: the herd with and without jitter (the
 * peaks of connect attempts come from the engine's own comparison), the diff
 * strip's jump to where the runs part, one play button for both, and a bad
 * compare link that says which run is wrong.
 */
import { expect, test, type Page } from '@playwright/test';

async function bothSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const c = window.__tidepool?.compare;
    if (!c || c.state.getState().summary === null) return false;
    return [c.a, c.b].every((s) => {
      const st = s.store.getState();
      return st.view !== null && st.seekProgress === null && !st.pending;
    });
  });
}

const times = (page: Page) =>
  page.evaluate(() => {
    const c = window.__tidepool!.compare!;
    return [c.a.store.getState().view!.timeUs, c.b.store.getState().view!.timeUs];
  });

test('the herd side by side: without jitter the peak of connect attempts per 10 ms is at least 3× the jittered one', async ({
  page,
}) => {
  await page.goto(
    './?scenario=herd&seed=1&p.clients=20&p.killAtMs=2000&p.downMs=3000&vs.t.jitter=0&t=3500',
  );
  await bothSettled(page);
  await expect(page.getByTestId('compare-side-a')).toContainText('jitter 0.2 (default)');
  await expect(page.getByTestId('compare-side-b')).toContainText('jitter 0');
  // Each run's histogram as the engine counted it; the peak is computed here, not read off the page.
  const histograms = await page.evaluate(() => {
    const s = window.__tidepool!.compare!.state.getState().summary!;
    return [s.a.metrics.connectHistogram, s.b.metrics.connectHistogram];
  });
  const peak = (h: readonly (readonly [number, number])[]) => Math.max(...h.map(([, n]) => n));
  const [jittered, lockstep] = histograms.map(peak) as [number, number];
  expect(lockstep).toBe(20);
  expect(lockstep).toBeGreaterThanOrEqual(3 * jittered);
  // Both are drawn, and the header says the same peaks.
  const bars = page.getByTestId('connect-histogram').locator('rect');
  expect(await bars.count()).toBeGreaterThan(20);
  await expect(page.getByTestId('connect-histogram')).toContainText(`peak ${lockstep} in 10 ms at`);
  await expect(page.getByTestId('metric-deltas')).toContainText('peak connect attempts per 10 ms');
  expect(await page.evaluate(() => window.location.search)).toContain('vs.t.jitter=0');
});

test('the diff strip takes both runs to where they part, and one play button drives both', async ({
  page,
}) => {
  await page.goto('./?scenario=ping-pong&seed=4&vs.script=2.5s_kill_n1&t=1000');
  await bothSettled(page);
  const jump = page.getByTestId('divergence');
  await expect(jump).toContainText('t = 2.500s');
  await jump.click();
  await bothSettled(page);
  expect(await times(page)).toEqual([2_500_000, 2_500_000]);
  await expect(page.getByTestId('compare-side-b')).toContainText('script 2500ms_kill_n1');

  await page.getByTestId('compare-play').click();
  await page.waitForFunction(
    () => window.__tidepool!.compare!.a.store.getState().view!.timeUs > 2_700_000,
  );
  await page.getByTestId('compare-play').click();
  await page.waitForFunction(() => {
    const c = window.__tidepool!.compare!;
    const [a, b] = [c.a.store.getState(), c.b.store.getState()];
    return (
      !a.playing && !b.playing && !a.pending && !b.pending && a.view!.timeUs === b.view!.timeUs
    );
  });
  const [a, b] = (await times(page)) as [number, number];
  expect(a).toBeGreaterThan(2_700_000);
  expect(b).toBe(a);
  // A paused compare view keeps both runs and the shared time in the link.
  await expect.poll(() => page.evaluate(() => window.location.search)).toContain(`t=${a / 1000}`);
});

test('a bad compare link names the run and the knob, and opens the playground instead', async ({
  page,
}) => {
  await page.goto('./?scenario=herd&vs.t.jitter=3');
  await expect(page.getByTestId('url-error')).toContainText(
    'run B: transport knob jitter must be a fraction from 0 to 1',
  );
  await expect(page.getByTestId('compare')).toHaveCount(0);
});
