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
