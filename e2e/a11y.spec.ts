/*
 * Accessibility of the main screen: an axe scan (WCAG 2.1 A/AA) at a few
 * states with no serious or critical violation; every control reachable with
 * Tab, in order, each with a visible focus indicator; the keyboard actions of
 * the topology (Enter cuts a link, Enter opens a node's menu, Escape closes
 * it); the page's shortcuts (space, →) and their silence while typing; and no
 * endless CSS animation when the user prefers reduced motion.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { settled } from './helpers';

test.use({ viewport: { width: 1600, height: 1000 } });

const WCAG21 = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page; prints every violation, returns the serious and critical ones as one-line summaries. */
async function axeScan(page: Page, state: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG21).analyze();
  const blocking: string[] = [];
  for (const v of violations) {
    const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
    const line = `[${v.impact}] ${v.id} (${v.help}) at ${where}`;
    console.log(`axe ${state}: ${line}`); // moderate and minor ones are reported, not failed
    if (v.impact === 'serious' || v.impact === 'critical') blocking.push(line);
  }
  // Advice beyond WCAG (landmarks, headings): printed for whoever owns the markup, never failed.
  const advice = await new AxeBuilder({ page }).withTags(['best-practice']).analyze();
  for (const v of advice.violations)
    console.log(
      `axe ${state} (best practice): [${v.impact}] ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  return blocking;
}

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`./${query}`);
  await settled(page);
  await page.waitForTimeout(300); // one more frame for the canvas and terminal
}

const isPlaying = (page: Page) =>
  page.evaluate(() => window.__tidepool!.services.store.getState().playing);
const eventCount = (page: Page) => page.evaluate(() => window.__tidepool!.events());
const blur = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test.describe('axe scan of the main screen', () => {
  test('ping-pong, calm, t=2000', async ({ page }) => {
    await open(page, '?scenario=ping-pong&seed=42&t=2000');
    expect(await axeScan(page, 'ping-pong calm')).toEqual([]);
  });

  test('the Transport drawer open, with a bad knob', async ({ page }) => {
    await open(page, '?scenario=fan-in&seed=1&t=2000');
    await page.getByTestId('transport-open').click();
    await page.getByTestId('transport-drawer').getByLabel('jitter', { exact: true }).fill('5');
    expect(await axeScan(page, 'transport drawer')).toEqual([]);
  });

  test('the compare view (two runs, diff strip, histogram)', async ({ page }) => {
    await page.goto('./?scenario=herd&seed=1&vs.t.jitter=0&t=3500');
    await page.waitForFunction(() => window.__tidepool?.compare?.state.getState().summary);
    await page.waitForTimeout(300);
    expect(await axeScan(page, 'compare view')).toEqual([]);
  });

  test('the Explorer page after a sweep (summary, coverage, sorted grid)', async ({ page }) => {
    await page.goto(
      './?explore=sweep&scenario=ping-pong&chaos=storm&mutant=no-jitter&seeds=30&until=5s',
    );
    await page.waitForFunction(() => window.__tidepoolExplorer?.store.getState().phase === 'done');
    await page.getByTestId('xp-sort-atUs').click();
    expect(await axeScan(page, 'explorer')).toEqual([]);
  });

  test('the Explore drawer with branches, a probe and a shrink', async ({ page }) => {
    await open(
      page,
      '?scenario=reliable-stream&seed=1&chaos=calm&mutant=forget-reliable&script=3s_clog_n1_n2_5s&t=5000',
    );
    await page.getByTestId('explore-open').click();
    await page.getByTestId('branch-count').selectOption('4');
    await page.getByTestId('branch-run').click();
    await expect(page.getByTestId('branch-list').locator('li')).toHaveCount(4);
    await page.getByTestId('probe-run').click();
    await expect(page.getByTestId('probe-chart')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('shrink-run').click();
    await expect(page.getByTestId('shrink-result')).toBeVisible({ timeout: 60_000 });
    expect(await axeScan(page, 'explore drawer')).toEqual([]);
  });

  test('a lesson step open (lesson strip, step list, highlight)', async ({ page }) => {
    await open(page, '?lesson=backoff&step=3');
    await expect(page.getByTestId('lesson-step-title')).toHaveText('Each failure doubles the wait');
    expect(await axeScan(page, 'lesson step')).toEqual([]);
  });

  test('a lesson question answered, and a check', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page, '?lesson=frames&step=5');
    await page.getByTestId('lesson-question-choice-1').click();
    await page.getByTestId('lesson-question-reveal').click();
    await expect(page.getByTestId('lesson-question-verdict')).toBeVisible();
    expect(await axeScan(page, 'lesson question')).toEqual([]);
    await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('lesson-check')).toBeVisible();
    expect(await axeScan(page, 'lesson check')).toEqual([]);
  });

  test('ping-pong with a node menu open from the keyboard', async ({ page }) => {
    await open(page, '?scenario=ping-pong&seed=42&t=2000');
    await page.getByTestId('node-n1').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('node-menu')).toBeVisible();
    expect(await axeScan(page, 'node menu')).toEqual([]);
  });

  test('mesh, storm, t=3000, a node and a packet selected', async ({ page }) => {
    await open(page, '?scenario=mesh&seed=3&chaos=storm&t=3000');
    await page.getByTestId('node-n2').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('packet-inspector').locator('.insp-recent-row').first().click();
    await expect(page.getByTestId('packet-inspector').locator('.insp-hex')).toBeVisible();
    await page.waitForTimeout(200);
    expect(await axeScan(page, 'mesh storm')).toEqual([]);
  });

  test('a corrupted packet open in the inspector (CRC mismatch, flipped bits)', async ({
    page,
  }) => {
    await open(page, '?scenario=ping-pong&seed=3&chaos=corrupt&t=107');
    await page.getByTestId('node-n1').click();
    await page.keyboard.press('Escape');
    const inspector = page.getByTestId('packet-inspector');
    await inspector.locator('.insp-recent-row.is-corrupt').first().click();
    await expect(inspector.getByText('✗ CRC MISMATCH')).toBeVisible();
    expect(await axeScan(page, 'corrupted packet')).toEqual([]);
  });
});

interface Stop {
  /** data-testid, else aria-label, else input type, else text. */
  readonly id: string;
  readonly tag: string;
  /** The panel it sits in. */
  readonly panel: string;
  /** How its focus shows (null: it does not). */
  readonly indicator: string | null;
}

/** Describes the focused element and marks it visited (an expando, invisible to React). */
function describeFocus(): Stop | null {
  const el = document.activeElement as (HTMLElement & { __a11yVisited?: boolean }) | null;
  if (!el || el === document.body) return null;
  el.__a11yVisited = true;
  const input =
    el instanceof HTMLInputElement || el instanceof HTMLSelectElement
      ? `${el.tagName.toLowerCase()}:${el.getAttribute('type') ?? ''}`
      : null;
  const id =
    el.getAttribute('data-testid') ??
    el.getAttribute('aria-label') ??
    input ??
    (el.textContent ?? '').trim().slice(0, 40);
  const panelEl = el.closest(
    'header, [data-testid="topology"], [data-testid="peer-inspector"], [data-testid="packet-inspector"], [data-testid="timeline"], [data-testid="console"], [data-testid="invariants"], [data-testid="environment"]',
  );
  const panel = panelEl
    ? panelEl.tagName === 'HEADER'
      ? 'toolbar'
      : (panelEl.getAttribute('data-testid') ?? '?')
    : 'page';

  const cs = getComputedStyle(el);
  let indicator: string | null = null;
  if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) indicator = 'outline';
  else if (cs.boxShadow && cs.boxShadow !== 'none') indicator = 'box-shadow';
  else {
    // SVG buttons draw their own ring: a dashed band round a link, a dashed halo round a node.
    const hit = el.querySelector(':scope > .tp-link-hit');
    const halo = el.querySelector(':scope > .tp-node-halo');
    const consoleBox = el.closest('.console.focused');
    if (
      hit &&
      getComputedStyle(hit).stroke !== 'none' &&
      getComputedStyle(hit).strokeDasharray !== 'none'
    )
      indicator = 'link ring';
    else if (
      halo &&
      getComputedStyle(halo).strokeDasharray !== 'none' &&
      Number(getComputedStyle(halo).opacity) > 0
    )
      indicator = 'node ring';
    else if (consoleBox && getComputedStyle(consoleBox).outlineStyle !== 'none')
      indicator = 'console ring';
  }
  return { id, tag: el.tagName.toLowerCase(), panel, indicator };
}

/** Focusable, visible controls before the console's textarea (document order) that Tab never reached. */
function unvisitedBeforeConsole(): string[] {
  const end = document.querySelector('.xterm-helper-textarea');
  const selector =
    'a[href]:not([tabindex="-1"]), button:not(:disabled):not([tabindex="-1"]), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea, [tabindex]:not([tabindex="-1"])';
  const missed: string[] = [];
  for (const el of document.querySelectorAll<HTMLElement & { __a11yVisited?: boolean }>(selector)) {
    if (end && !(el.compareDocumentPosition(end) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (el.getClientRects().length === 0 || el.closest('[aria-hidden="true"], [inert]')) continue;
    if (!el.__a11yVisited)
      missed.push(
        el.getAttribute('data-testid') ??
          el.getAttribute('aria-label') ??
          el.outerHTML.slice(0, 80),
      );
  }
  return missed;
}

test.describe('keyboard', () => {
  test('Tab from the top reaches every control in order, each with a visible focus indicator', async ({
    page,
  }) => {
    await open(page, '?scenario=ping-pong&seed=42&t=2000');
    await blur(page);
    const stops: Stop[] = [];
    for (let i = 0; i < 250; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(describeFocus);
      if (!stop) continue;
      stops.push(stop);
      if (stop.panel === 'console') break; // the console keeps Tab (completion); Esc hands the keys back
    }
    const ids = stops.map((s) => s.id);
    console.log(`Tab order (${stops.length} stops): ${ids.join(' → ')}`);

    // The toolbar, in order.
    const toolbar = stops.filter((s) => s.panel === 'toolbar').map((s) => s.id);
    expect(toolbar).toEqual([
      'lessons-button',
      'scenario-select',
      'seed-input',
      'Random seed',
      'chaos-select',
      'play',
      'step-event',
      '+1 ms',
      '+100 ms',
      '+1 s',
      '↺ Restart',
      'input:range',
      'follow-packets',
      'copy-link',
      'export-trace',
      'transport-open',
      'explore-open',
      'projector-toggle',
    ]);

    // Then the topology (its key toggle, every link, every node), the inspectors' buttons, the timeline and the console.
    const at = (pred: (s: Stop) => boolean) => stops.findIndex(pred);
    const links = await page.locator('[data-testid^="link-"]').count();
    const nodes = await page.locator('[data-testid^="node-"][role="button"]').count();
    expect(links).toBeGreaterThan(0);
    expect(stops.filter((s) => s.id.startsWith('link-'))).toHaveLength(links);
    expect(stops.filter((s) => s.id.startsWith('node-'))).toHaveLength(nodes);
    const order = [
      at((s) => s.id === 'copy-link'),
      at((s) => s.id.startsWith('link-')),
      at((s) => s.id.startsWith('node-')),
      at((s) => s.panel === 'peer-inspector' && s.tag === 'button'),
      at((s) => s.panel === 'packet-inspector' && s.tag === 'button'),
      at((s) => s.id === 'timeline-canvas'),
      at((s) => s.panel === 'console' && s.tag === 'textarea'),
    ];
    expect(
      order.every((i) => i >= 0),
      `missing a stop: ${order.join(',')}`,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // A long list is one stop (arrow keys move within it): the timeline is not 60 rows away.
    expect(stops.filter((s) => s.panel === 'packet-inspector')).toHaveLength(1);

    // Nothing focusable before the console was skipped, and every stop shows its focus.
    expect(await page.evaluate(unvisitedBeforeConsole)).toEqual([]);
    expect(stops.filter((s) => !s.indicator).map((s) => `${s.panel}/${s.id}`)).toEqual([]);
  });

  test('the recent-packets list is one Tab stop: arrows move within it and Enter opens a packet', async ({
    page,
  }) => {
    await open(page, '?scenario=ping-pong&seed=1&t=1500');
    const rows = page.getByTestId('packet-inspector').locator('.insp-recent-row');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press('End');
    await expect(rows.last()).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => window.__tidepool!.services.store.getState().selectedPacket))
      .not.toBeNull();
  });

  test('Enter on a focused link cuts it; Enter on a node opens its menu and Escape closes it', async ({
    page,
  }) => {
    await open(page, '?scenario=ping-pong&seed=1&t=1500');
    const link = page.getByTestId('link-n1-n2');
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(link).toHaveAttribute('data-partition', 'both');
    // Space presses it too, like a button, instead of starting playback.
    await page.keyboard.press(' ');
    await expect(link).toHaveAttribute('data-partition', 'none');
    expect(await isPlaying(page)).toBe(false);

    const node = page.getByTestId('node-n1');
    await node.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByTestId('node-menu');
    await expect(menu).toBeVisible();
    await expect(page.getByTestId('node-kill')).toBeFocused(); // focus moves into the menu
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(node).toBeFocused(); // and comes back to the node
  });

  test('space toggles play and → steps one event from the page, but not while typing in the seed', async ({
    page,
  }) => {
    await open(page, '?scenario=ping-pong&seed=1&t=1500');
    await blur(page);
    expect(await isPlaying(page)).toBe(false);
    await page.keyboard.press(' ');
    await expect.poll(() => isPlaying(page)).toBe(true);
    await page.keyboard.press(' ');
    await expect.poll(() => isPlaying(page)).toBe(false);
    await settled(page);

    const before = await eventCount(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => eventCount(page)).toBe(before + 1);

    const seed = page.getByTestId('seed-input');
    await seed.focus();
    const atTyping = await eventCount(page);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press(' ');
    await page.waitForTimeout(200);
    expect(await eventCount(page)).toBe(atTyping);
    expect(await isPlaying(page)).toBe(false);
    await expect(seed).toHaveValue('1 '); // the space went into the field
  });
});

test.describe('reduced motion', () => {
  /** Cuts n1–n2 and plays fast until packets queue at the cut (their halo pulses unless motion is reduced). */
  async function playWithStalledPackets(page: Page): Promise<void> {
    await open(page, '?scenario=ping-pong&seed=1&t=1500');
    await page.getByTestId('link-n1-n2').focus();
    await page.keyboard.press('Enter');
    await page.evaluate(() =>
      window.__tidepool!.services.store.getState().actions.setSpeed(200_000),
    );
    await page.getByTestId('play').click();
    await expect(page.locator('[data-testid="topology"] .tp-pk-halo').first()).toBeAttached({
      timeout: 15_000,
    });
    await page.waitForTimeout(300);
    expect(await isPlaying(page)).toBe(true);
  }

  /** Running animations in the page that never end. */
  const endless = (page: Page) =>
    page.evaluate(() =>
      document
        .getAnimations()
        .filter(
          (a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations === Infinity,
        )
        .map(
          (a) =>
            `${(a as CSSAnimation).animationName ?? 'animation'} on ${(a.effect as KeyframeEffect | null)?.target?.getAttribute('class') ?? '?'}`,
        ),
    );

  test('without a preference the topology animates (control)', async ({ page }) => {
    await playWithStalledPackets(page);
    expect((await endless(page)).length).toBeGreaterThan(0);
  });

  test('prefers-reduced-motion: reduce leaves no endless animation while playing', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await playWithStalledPackets(page);
    expect(await endless(page)).toEqual([]);
    const finite = await page.evaluate(() =>
      document
        .getAnimations()
        .every(
          (a) =>
            a.playState !== 'running' ||
            Number.isFinite(a.effect?.getComputedTiming().iterations ?? 1),
        ),
    );
    expect(finite).toBe(true);
  });
});
