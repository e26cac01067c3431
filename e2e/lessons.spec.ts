/*
 * Guided lessons in the browser. Every step of every lesson at three screen
 * sizes: its highlighted target is on screen — non-empty, inside the
 * viewport, not under the lesson strip — and (at 1280×720) the facts the
 * text states hold in the page's own engine (checked in Node with the same
 * checkFacts the unit tests use). Then: a step plays into its moment; the
 * frames try-it done exactly as written fails a checksum; questions and
 * checks are graded by the run; the course goes on to the next lesson and
 * remembers progress; deep links; "Continue in the sandbox".
 */
import { expect, test, type Page } from '@playwright/test';
import { settled, simTimeMs } from './helpers';
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

/** The step is shown and its run stands at its moment (the lead-in is over). */
async function atStep(page: Page, n: number, total: number): Promise<void> {
  await expect(page.getByTestId('lesson-step-count')).toHaveText(`step ${n}/${total}`);
  await expect(page.getByTestId('lesson-replay')).toBeVisible({ timeout: 20_000 });
  await settled(page);
}

/**
 * Where the highlighted element shows: its box clipped to its panel (as the
 * ring draws it), how much of that box lies in the viewport and not under the
 * lesson strip, and whether the element itself is what is seen at one of a
 * few points across that visible part (a link's middle may carry a fault
 * mark; the rest of the line is still the link).
 */
async function targetOnScreen(
  page: Page,
): Promise<{ area: number; visibleArea: number; seen: boolean }> {
  const json = await page.evaluate(`(() => {
    const el = document.querySelector('[data-lesson-highlight="true"]');
    if (!el) return JSON.stringify({ area: 0, visibleArea: 0, seen: false });
    const clip = (r, p) => {
      const left = Math.max(r.left, p.left), top = Math.max(r.top, p.top);
      const right = Math.min(r.right, p.right), bottom = Math.min(r.bottom, p.bottom);
      return new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    };
    let r = el.getBoundingClientRect();
    const panel = el.parentElement && el.parentElement.closest('.panel');
    if (panel) r = clip(r, panel.getBoundingClientRect());
    const strip = document.querySelector('[data-testid="lesson-panel"]').getBoundingClientRect();
    let v = clip(r, new DOMRect(0, 0, innerWidth, innerHeight));
    // The strip spans the page's width: what lies under it is cut off the top (or bottom) of v.
    if (v.top < strip.bottom && v.bottom > strip.top) {
      if (v.top >= strip.top) v = new DOMRect(v.left, strip.bottom, v.width, Math.max(0, v.bottom - strip.bottom));
      else v = new DOMRect(v.left, v.top, v.width, Math.max(0, strip.top - v.top));
    }
    let seen = false;
    for (const fx of [0.5, 0.25, 0.75, 0.1, 0.9])
      for (const fy of [0.5, 0.25, 0.75]) {
        const hit = document.elementFromPoint(v.left + v.width * fx, v.top + v.height * fy);
        if (hit && (hit === el || el.contains(hit))) seen = true;
      }
    return JSON.stringify({ area: r.width * r.height, visibleArea: v.width * v.height, seen: seen && v.width * v.height > 0 });
  })()`);
  return JSON.parse(json as string) as { area: number; visibleArea: number; seen: boolean };
}

/** A target up to this big (px², 150×100) must show whole; of a bigger one (a panel), this much must show. */
const BIG_TARGET_PX2 = 15_000;

/** Non-empty, seen, and on screen: (nearly) all of a small target, 150×100 px of a big one. */
function onScreen(t: { area: number; visibleArea: number; seen: boolean }): boolean {
  const needed = t.area <= BIG_TARGET_PX2 ? t.area * 0.9 : BIG_TARGET_PX2;
  return t.area > 0 && t.seen && t.visibleArea >= needed;
}

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

for (const size of SIZES) {
  test.describe(`every step of every lesson at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size, reducedMotion: 'reduce' });
    for (const lesson of LESSONS) {
      test(lesson.id, async ({ page }) => {
        test.setTimeout(120_000);
        await page.goto(`./?lesson=${lesson.id}&step=1`);
        for (const [i, step] of lesson.steps.entries()) {
          const where = `${lesson.id} step ${i + 1} at ${size.width}×${size.height}`;
          await atStep(page, i + 1, lesson.steps.length);
          await expect(page.getByTestId('lesson-step-title')).toHaveText(step.title);
          const target = page.getByTestId(highlightTestId(step.highlight));
          await expect(target).toHaveCount(1);
          await expect(target).toHaveAttribute('data-lesson-highlight', 'true');
          await expect(page.getByTestId('lesson-ring')).toBeVisible();
          await expect
            .poll(async () => onScreen(await targetOnScreen(page)), { message: where })
            .toBe(true);
          if (size.width === 1280) {
            const { view, trace } = await pageState(page);
            expect(view.timeUs, `${where}: time`).toBe(stepAtUs(step));
            expect(checkFacts(view, step.facts, trace).failures, where).toEqual([]);
            await expect(page).toHaveURL(new RegExp(`[?&]lesson=${lesson.id}&step=${i + 1}$`));
          }
          if (i < lesson.steps.length - 1) await page.getByTestId('lesson-next').click();
        }
      });
    }
  });
}

test('a step plays into its moment, then offers a replay', async ({ page }) => {
  await page.goto('./?lesson=corruption&step=2');
  await expect(page.getByTestId('lesson-arriving')).toBeVisible();
  await expect.poll(() => simTimeMs(page), { timeout: 20_000 }).toBe(523);
  await expect(page.getByTestId('lesson-replay')).toBeVisible();
  // The run played through the lead-in: what happened in it was seen on the way, not jumped over.
  const { trace } = await pageState(page);
  expect(trace.some((e) => e.kind === 'checksum_failed')).toBe(true);
  await page.getByTestId('lesson-replay').click();
  await expect(page.getByTestId('lesson-arriving')).toBeVisible();
  await expect.poll(() => simTimeMs(page), { timeout: 20_000 }).toBe(523);
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the frames try-it, done exactly as written, fails a checksum and the inspector shows the CRC mismatch', async ({
    page,
  }) => {
    await page.goto('./?lesson=frames&step=4');
    await atStep(page, 4, 6);
    const prompt = (await page.getByTestId('lesson-try-it').textContent()) ?? '';
    const command = /type "([^"]+)"/.exec(prompt)?.[1];
    expect(command).toBe('corrupt n1 n2 byte 40');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type(command!);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('lesson-try-it')).toHaveAttribute('data-done', 'true');
    await page.getByRole('button', { name: '+100 ms' }).click();
    await settled(page);
    const { trace } = await pageState(page);
    expect(trace.filter((e) => e.kind === 'checksum_failed' && e.node === 'n2')).toHaveLength(1);
    expect(trace.filter((e) => e.kind === 'wire_error')).toHaveLength(0);
    const inspector = page.getByTestId('packet-inspector');
    await inspector.locator('.insp-recent-row.is-corrupt').first().click();
    await expect(inspector.locator('.insp-crc-badge')).toHaveText('✗ CRC MISMATCH');
    await expect(inspector.getByLabel('Checksum')).toHaveClass(/is-bad/);
  });

  test('a question is graded by the run: the right choice is the one the engine bears out', async ({
    page,
  }) => {
    await page.goto('./?lesson=frames&step=5');
    await atStep(page, 5, 6);
    await page.getByTestId('lesson-question-choice-1').click(); // "a checksum failure": wrong here
    await page.getByTestId('lesson-question-reveal').click();
    const verdict = page.getByTestId('lesson-question-verdict');
    await expect(verdict).toHaveAttribute('data-correct', 'false');
    await expect(verdict).toHaveAttribute('data-right', '2');
    await expect(verdict).toContainText('A wire error');
    expect(await simTimeMs(page)).toBe(330);
    // Replay and pick the choice the run bore out.
    await page.getByTestId('lesson-replay').click();
    await atStep(page, 5, 6);
    await page.getByTestId('lesson-question-choice-2').click();
    await page.getByTestId('lesson-question-reveal').click();
    await expect(page.getByTestId('lesson-question-verdict')).toHaveAttribute(
      'data-correct',
      'true',
    );
  });

  test('a check is three tasks graded by the run; passing it is remembered in the course', async ({
    page,
  }) => {
    await page.goto('./?lesson=frames&step=6');
    await atStep(page, 6, 6);
    const task = (n: number) => page.getByTestId(`lesson-task-${n}`);
    await expect(task(1)).toHaveAttribute('data-done', 'false');
    // 1: select the packet that failed its checksum.
    await page
      .getByTestId('packet-inspector')
      .locator('.insp-recent-row.is-corrupt')
      .first()
      .click();
    await expect(task(1)).toHaveAttribute('data-done', 'true');
    // 2: a question about the run.
    await page.getByTestId('lesson-task-2-q-choice-1').click();
    await page.getByTestId('lesson-task-2-q-reveal').click();
    await expect(task(2)).toHaveAttribute('data-done', 'true');
    // 3: make it happen: another checksum failure.
    await expect(task(3)).toHaveAttribute('data-done', 'false');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('corrupt n1 n2 byte 40');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '+100 ms' }).click();
    await page.getByRole('button', { name: '+100 ms' }).click();
    await expect(task(3)).toHaveAttribute('data-done', 'true');
    await expect(page.getByTestId('lesson-check-passed')).toBeVisible();
    // The course goes on, and remembers.
    await page.getByTestId('lesson-next-lesson').click();
    await expect(page).toHaveURL(/lesson=backoff&step=1$/);
    await page.reload();
    await page.getByTestId('lessons-button').click();
    await expect(page.getByTestId('lesson-open-frames')).toContainText('✓ passed');
    await expect(page.getByTestId('lesson-course-progress')).toHaveText(/^1\/\d+ checks passed$/);
  });

  test('a check is not graded against the previous step’s run', async ({ page }) => {
    // Step 6 ends with n2 connected (FoundationDB's numbers); the check's run has n1 dead: its task must wait.
    await page.goto('./?lesson=backoff&step=6');
    await atStep(page, 6, 7);
    await page.getByTestId('lesson-next').click();
    await atStep(page, 7, 7);
    await page.waitForTimeout(1000); // a few grading rounds
    await expect(page.getByTestId('lesson-task-3')).toHaveAttribute('data-done', 'false');
  });

  test('the picker shows every lesson with its summary and step count unclipped', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('./');
    await settled(page);
    await page.getByTestId('lessons-button').click();
    for (const lesson of LESSONS) {
      const button = page.getByTestId(`lesson-open-${lesson.id}`);
      await expect(button).toContainText(lesson.summary);
      await expect(button).toContainText(`${lesson.steps.length} steps`);
      const clipped = await button.evaluate(
        (b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1,
      );
      expect(clipped, lesson.id).toBe(false);
    }
  });

  test('a deep link opens the step, Back and the step list move around', async ({ page }) => {
    await page.goto('./?lesson=backoff&step=3');
    await atStep(page, 3, 7);
    const { view } = await pageState(page);
    expect(view.timeUs).toBe(700_000);
    const peer = view.peers.find((p) => p.node === 'n2' && p.remoteNode === 'n1');
    expect(peer?.state).toBe('backoff');
    expect(peer?.metrics.attempt).toBe(3);
    await expect(page.getByTestId('peer-n2-n1')).toHaveAttribute('data-state', 'backoff');
    await page.getByTestId('lesson-back').click();
    await atStep(page, 2, 7);
    await page.getByTestId('lesson-step-5').click();
    await atStep(page, 5, 7);
    await expect(page).toHaveURL(/lesson=backoff&step=5$/);
  });

  test('a "try it" is noticed when the learner does it', async ({ page }) => {
    await page.goto('./?lesson=half-open&step=1');
    await atStep(page, 1, 5);
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
    await atStep(page, 2, 5);
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
});
