/*
 * The playground at five screen sizes, from a phone to a desktop: every panel
 * keeps a usable size, nothing scrolls sideways, 1280×720 and up fit without
 * scrolling the page, axe finds nothing serious, and a screenshot baseline
 * for each (reviewed by looking at it).
 */
import { expect, test } from '@playwright/test';
import { seriousAxeViolations, settled } from './helpers';

const SIZES = [
  [390, 844],
  [1024, 768],
  [1280, 720],
  [1440, 900],
  [1920, 1080],
] as const;

for (const [width, height] of SIZES) {
  test.describe(`${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('every panel has a usable size, no sideways scroll, axe clean, as the baseline', async ({
      page,
    }) => {
      await page.goto('./?scenario=ping-pong&seed=42&t=2000');
      await settled(page);
      await page.waitForTimeout(300); // one more frame for the canvas and terminal
      const layout = await page.evaluate(() => ({
        panels: [...document.querySelectorAll('section.panel')].map((el) => {
          const box = el.getBoundingClientRect();
          return { name: el.getAttribute('aria-label'), w: box.width, h: box.height };
        }),
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
      }));
      expect(layout.panels.map((p) => p.name)).toEqual([
        'Topology',
        'Peer inspector',
        'Packet inspector',
        'Timeline',
        'Console',
        'Invariants',
        'Environment',
      ]);
      for (const p of layout.panels) {
        expect(p.w, `${p.name} width`).toBeGreaterThan(150);
        expect(p.h, `${p.name} height`).toBeGreaterThan(140);
      }
      expect(layout.scrollWidth).toBeLessThanOrEqual(width);
      if (width >= 1280) expect(layout.scrollHeight).toBeLessThanOrEqual(height);

      expect(await seriousAxeViolations(page)).toEqual([]);

      await expect(page).toHaveScreenshot(`layout-${width}x${height}.png`, {
        animations: 'disabled',
        caret: 'hide',
        fullPage: width < 1280,
        maxDiffPixelRatio: 0.002,
      });
    });
  });
}

test.describe('projector mode at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('makes everything a quarter larger, keeps panels usable and lessons pointing right, and is remembered', async ({
    page,
  }) => {
    await page.goto('./?scenario=ping-pong&seed=42&t=2000');
    await settled(page);
    const play = page.getByTestId('play');
    const before = (await play.boundingBox())!;
    const toggle = page.getByTestId('projector-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const after = (await play.boundingBox())!;
    expect(after.height / before.height).toBeGreaterThan(1.2);
    expect(after.width / before.width).toBeGreaterThan(1.2);

    const layout = await page.evaluate(() => ({
      panels: [...document.querySelectorAll('section.panel')].map((el) => {
        const box = el.getBoundingClientRect();
        return { name: el.getAttribute('aria-label'), w: box.width, h: box.height };
      }),
      scrollWidth: document.documentElement.scrollWidth,
    }));
    for (const p of layout.panels) {
      expect(p.w, `${p.name} width`).toBeGreaterThan(150);
      expect(p.h, `${p.name} height`).toBeGreaterThan(140);
    }
    expect(layout.scrollWidth).toBeLessThanOrEqual(1024);
    // The topology's drawing fits its panel (its nodes are inside, not cut off at the edge).
    const stage = (await page.locator('[data-testid="topology"] svg.tp-svg').boundingBox())!;
    for (const name of ['n1', 'n2']) {
      const node = (await page.getByTestId(`node-${name}`).boundingBox())!;
      expect(node.x).toBeGreaterThanOrEqual(stage.x);
      expect(node.x + node.width).toBeLessThanOrEqual(stage.x + stage.width + 1);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A lesson's ring still surrounds its target under the zoom.
    await page.goto('./?lesson=backoff&step=3');
    await settled(page);
    const ring = (await page.getByTestId('lesson-ring').boundingBox())!;
    const target = (await page.locator('[data-lesson-highlight="true"]').boundingBox())!;
    const cx = target.x + target.width / 2;
    const cy = target.y + target.height / 2;
    expect(cx).toBeGreaterThan(ring.x);
    expect(cx).toBeLessThan(ring.x + ring.width);
    expect(cy).toBeGreaterThan(ring.y);
    expect(cy).toBeLessThan(ring.y + ring.height);
    // Remembered: the reload (above) kept it on; off again, and it stays off.
    await expect(page.getByTestId('projector-toggle')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('projector-toggle').click();
    await page.reload();
    await settled(page);
    await expect(page.getByTestId('projector-toggle')).toHaveAttribute('aria-pressed', 'false');
  });
});
