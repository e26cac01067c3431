/*
 * Guided lessons in the browser: walk every step of every lesson with Next,
 * check that the highlighted element is on screen and that the facts the text
 * states hold in the page's own engine at that step (checked in Node with the
 * same checkFacts the unit tests use); a deep link; a "try it" noticed; and
 * "Continue in the sandbox" dropping the lesson from the link.
 */
import { expect, test, type Page } from '@playwright/test';
import { settled } from './helpers';
// Only the lessons' data-and-pure-function modules: Node here cannot load the engine itself.
import { LESSONS } from '../src/lessons/catalog';
import { checkFacts, type TraceLike } from '../src/lessons/facts';
import { highlightTestId, stepAtUs } from '../src/lessons/targets';
import type { EngineView } from '../src/core/view';

async function pageState(page: Page): Promise<{ view: EngineView; trace: TraceLike[] }> {
  const json = await page.evaluate(async () => {
    const services = window.__tidepool?.services;
    if (!services) throw new Error('no __tidepool');
    const { engine, store } = services;
    const view = store.getState().view;
    // The page keeps the recent trace; a step past the first seconds asks the worker for the start.
    const { events: recent, evicted } = engine.traceSince(0);
    const start: unknown[] = [];
    if (evicted > 0)
      await new Promise<void>((resolve) =>
        engine.requestHistory(
          engine.latest?.epoch ?? 0,
          evicted,
          (batch) => void start.push(...batch),
          resolve,
        ),
      );
    return JSON.stringify({ view, trace: [...start, ...recent] }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
  });
  return JSON.parse(json) as { view: EngineView; trace: TraceLike[] };
}

async function atStep(page: Page, n: number, total: number): Promise<void> {
  await expect(page.getByTestId('lesson-step-count')).toHaveText(`step ${n}/${total}`);
  await settled(page);
}

test.describe('every step of every lesson', () => {
  for (const lesson of LESSONS) {
    test(lesson.id, async ({ page }) => {
      await page.goto('./');
      await settled(page);
      await page.getByTestId('lessons-button').click();
      await page.getByTestId(`lesson-open-${lesson.id}`).click();
      for (const [i, step] of lesson.steps.entries()) {
        await atStep(page, i + 1, lesson.steps.length);
        await expect(page.getByTestId('lesson-step-title')).toHaveText(step.title);
        const target = page.getByTestId(highlightTestId(step.highlight));
        await expect(target).toHaveCount(1);
        await expect(target).toHaveAttribute('data-lesson-highlight', 'true');
        await expect(page.getByTestId('lesson-ring')).toBeVisible();
        const { view, trace } = await pageState(page);
        expect(view.timeUs, `${lesson.id} step ${i + 1} time`).toBe(stepAtUs(step));
        expect(checkFacts(view, step.facts, trace).failures, `${lesson.id} step ${i + 1}`).toEqual(
          [],
        );
        await expect(page).toHaveURL(new RegExp(`[?&]lesson=${lesson.id}&step=${i + 1}$`));
        if (i < lesson.steps.length - 1) await page.getByTestId('lesson-next').click();
      }
      await expect(page.getByTestId('lesson-next')).toBeDisabled();
    });
  }
});

test('a deep link opens the step, Back and the step list move around', async ({ page }) => {
  await page.goto('./?lesson=backoff&step=3');
  await atStep(page, 3, 5);
  const { view } = await pageState(page);
  expect(view.timeUs).toBe(700_000);
  const peer = view.peers.find((p) => p.node === 'n2' && p.remoteNode === 'n1');
  expect(peer?.state).toBe('backoff');
  expect(peer?.metrics.attempt).toBe(3);
  await expect(page.getByTestId('peer-n2-n1')).toHaveAttribute('data-state', 'backoff');
  await page.getByTestId('lesson-back').click();
  await atStep(page, 2, 5);
  await page.getByTestId('lesson-step-5').click();
  await atStep(page, 5, 5);
  await expect(page).toHaveURL(/lesson=backoff&step=5$/);
});

test('a "try it" is noticed when the learner does it', async ({ page }) => {
  await page.goto('./?lesson=half-open&step=1');
  await atStep(page, 1, 4);
  const tryIt = page.getByTestId('lesson-try-it');
  await expect(tryIt).toHaveAttribute('data-done', 'false');
  await page.getByTestId('link-n1-n2').click(); // cut it
  await expect(tryIt).toHaveAttribute('data-done', 'true');
  await expect(tryIt).toContainText('✓');
});

test('"Continue in the sandbox" keeps the run and drops the lesson from the link', async ({
  page,
}) => {
  await page.goto('./?lesson=corruption&step=2');
  await atStep(page, 2, 4);
  await page.getByTestId('lesson-exit').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(page.getByTestId('lesson-ring')).toHaveCount(0);
  await expect(page.locator('[data-lesson-highlight]')).toHaveCount(0);
  const url = new URL(page.url());
  expect(url.searchParams.has('lesson')).toBe(false);
  expect(url.searchParams.has('step')).toBe(false);
  expect(url.searchParams.get('scenario')).toBe('ping-pong');
  expect(url.searchParams.get('t')).toBe('523');
  const { view } = await pageState(page);
  expect(view.timeUs).toBe(523_000);
  // The sandbox goes on from here: one more step of time, and the link follows without the lesson.
  await page.getByRole('button', { name: '+100 ms' }).click();
  await settled(page);
  await expect(page).toHaveURL(/t=623/);
  expect(new URL(page.url()).searchParams.has('lesson')).toBe(false);
});
