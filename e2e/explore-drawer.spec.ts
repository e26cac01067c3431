/*
 * The playground's Explore drawer in Chromium, on a run whose cause is known:
 * the forget-reliable mutant on a calm reliable-stream fails only because n1→n2
 * is clogged for 5 s at 3 s. Branch ×N from the cursor runs N reseeded futures
 * (forks under the timeline, each a link to its own session); the probe's
 * curve marks a moment between the clog and the violation and "jump there"
 * stands the run there with the console's trace filtered to the window;
 * Shrink cuts five interventions down to at most two; the bug report holds the
 * links, the violation, the Why? chain and a PNG of the timeline.
 */
import { expect, test, type Page } from '@playwright/test';
import { settled } from './helpers';

const TRIGGERED =
  './?scenario=reliable-stream&seed=1&chaos=calm&mutant=forget-reliable&script=3s_clog_n1_n2_5s';
const NOISE = encodeURIComponent(
  '1s_spike_n1_n2_20ms_1s~2s_heal~3s_clog_n1_n2_5s~9s_spike_n2_n1_5ms_2s~12s_heal_n1',
);

async function openExplore(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await settled(page);
  await page.getByTestId('explore-open').click();
  await expect(page.getByTestId('explore-drawer')).toBeVisible();
}

test.describe('Explore drawer', () => {
  test('Branch ×4 from the cursor: four reseeded futures, drawn as forks, each its own session', async ({
    page,
    context,
  }) => {
    await openExplore(page, `${TRIGGERED}&t=5000`);
    await page.getByTestId('branch-count').selectOption('4');
    await page.getByTestId('branch-run').click();
    await expect(page.getByTestId('branch-results')).toContainText('4/4 branches from 5.000s');
    // After the clog every future fails the same way.
    await expect(page.getByTestId('branch-distribution')).toContainText(
      '×4 reliable-stream: every reliable message is delivered at least once',
    );
    await expect(page.getByTestId('timeline-forks')).toBeVisible();
    const forks = page.getByTestId('timeline-forks').locator('a');
    await expect(forks).toHaveCount(4);
    const href = await forks.first().getAttribute('href');
    expect(decodeURIComponent(href ?? '')).toContain('script=3s_clog_n1_n2_5s~5s_reseed_1');
    await expect(page.getByTestId('branch-list').locator('li')).toHaveCount(4);
    const opened = context.waitForEvent('page');
    await page.getByTestId('branch-list').getByRole('link', { name: 'reseed 1' }).click();
    const branch = await opened;
    await settled(branch);
    const script = await branch.evaluate(() =>
      window.__tidepool!.services.store.getState().session!.script.map((e) => e.action.kind),
    );
    expect(script).toEqual(['clog', 'reseed']);
    await branch.getByTestId('explore-open').click();
    await expect(branch.getByTestId('branch-of')).toHaveText(
      'This run is itself a branch: from 5.000s it draws from reseed 1.',
    );
  });

  test('the probe marks a moment between the trigger and the violation; jump there filters the trace', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openExplore(page, `${TRIGGERED}&t=1000`);
    await page.getByTestId('probe-run').click();
    await expect(page.getByTestId('probe-chart')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('probe-status')).toContainText('It fails reliable-stream');
    const probe = await page.evaluate(() => {
      // The drawer's state, read back through its DOM: the mark and the violation.
      const summary = document.querySelector('[data-testid="probe-summary"]')?.textContent ?? '';
      return summary;
    });
    const m = /between ([\d.]+)s and ([\d.]+)s/.exec(probe);
    expect(m).not.toBeNull();
    const [fromS, toS] = [Number(m?.[1]), Number(m?.[2])];
    expect(fromS).toBeLessThan(3);
    expect(toS).toBeGreaterThanOrEqual(3);
    expect(toS).toBeLessThan(23);
    await page.getByTestId('probe-jump').click();
    await settled(page);
    const atUs = await page.evaluate(() => window.__tidepool!.timeUs());
    expect(Math.abs(atUs - toS * 1e6)).toBeLessThanOrEqual(500); // the summary rounds to 1 ms
    // The console's trace is filtered to the rise's window, in whole ms (never narrower).
    await expect(page.getByTestId('console-filter')).toHaveText(/^filter: \d+ms\.\.\d+ms$/);
    const shown = (await page.getByTestId('console-filter').textContent()) ?? '';
    const [fromMs, toMs] = (/(\d+)ms\.\.(\d+)ms/.exec(shown) ?? []).slice(1).map(Number);
    expect(Math.abs((fromMs as number) - fromS * 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs((toMs as number) - toS * 1000)).toBeLessThanOrEqual(1);
    expect(toMs as number).toBeGreaterThanOrEqual(atUs / 1000);
  });

  test('Shrink turns five interventions into at most two that fail the same way', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    await openExplore(
      page,
      `./?scenario=reliable-stream&seed=1&chaos=calm&mutant=forget-reliable&script=${NOISE}&t=1000`,
    );
    await page.getByTestId('shrink-run').click();
    const result = page.getByTestId('shrink-result');
    await expect(result).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId('shrink-to')).toHaveText(/^[12] interventions?, chaos calm/);
    await expect(result).toContainText('removed');
    await expect(result).toContainText(
      'still fails at 23.048s on n1: reliable-stream: every reliable message is delivered at least once',
    );
    const link = decodeURIComponent(
      (await page.getByTestId('shrink-link').getAttribute('href')) ?? '',
    );
    expect(link).toContain('script=3s_clog_n1_n2_5s');
    // The shrunk run, opened, fails where it lands (during the run, not only in an end-of-run check).
    const opened = context.waitForEvent('page');
    await page.getByTestId('shrink-link').click();
    const shrunk = await opened;
    await settled(shrunk);
    const violations = await shrunk.evaluate(() =>
      window.__tidepool!.services.store.getState().view!.violations.map((v) => v.name),
    );
    expect(violations).toContain(
      'reliable-stream: every reliable message is delivered at least once',
    );
  });

  test('a bug report in one click: links, violation, Why? chain and the timeline as PNG', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await openExplore(page, `${TRIGGERED}&t=1000`);
    await page.getByTestId('report-run').click();
    const markdown = page.getByTestId('report-markdown');
    await expect(markdown).toBeVisible({ timeout: 120_000 });
    const text = await markdown.inputValue();
    expect(text).toContain(
      '## `reliable-stream: every reliable message is delivered at least once` fails',
    );
    expect(text).toContain('**First violation** at 23.044s on `n1`');
    expect(text).toMatch(
      /\[open the run at the violation\]\(<http:\/\/127\.0\.0\.1:4173\/\?scenario=reliable-stream/,
    );
    expect(text).toContain('npx tidepool run reliable-stream --seed 1 --chaos calm');
    expect(text).toContain('[the smallest run that still fails]');
    expect(text).toContain('**Why?**');
    expect(text).toContain(
      '![the timeline around the failure](tidepool-reliable-stream-seed-1-timeline.png)',
    );
    const png = await page.getByTestId('report-png').getAttribute('href');
    expect(png?.startsWith('data:image/png;base64,')).toBe(true);
    expect((png ?? '').length).toBeGreaterThan(5000);
    // The report stood the run at its violation to take the picture.
    expect(await page.evaluate(() => window.__tidepool!.timeUs())).toBe(23_044_082);
  });

  test('a run that does not fail says so, and Esc closes the drawer', async ({ page }) => {
    await openExplore(page, './?scenario=ping-pong&seed=1&chaos=calm');
    await page.getByTestId('probe-run').click();
    await expect(page.getByTestId('probe-status')).toContainText(
      'does not fail by 60.000s: nothing to probe',
      {
        timeout: 60_000,
      },
    );
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('explore-drawer')).toBeHidden();
    await expect(page.getByTestId('explore-open')).toBeFocused();
  });
});
