import { expect, test } from '@playwright/test';
import { settled, simTimeMs } from './helpers';

test('clicking a link cuts it, and the peer leaves Connected once the ping monitor notices', async ({
  page,
}) => {
  await page.goto('./?scenario=ping-pong&seed=1&t=1500');
  await settled(page);
  await page.getByTestId('node-n2').click(); // the client: its outbound peer pings
  await page.keyboard.press('Escape'); // close the node menu
  const peer = page.getByTestId('peer-n2-n1');
  await expect(peer).toHaveAttribute('data-state', 'connected');
  const link = page.getByTestId('link-n1-n2');
  await link.click();
  await expect(link).toHaveAttribute('data-partition', 'both');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '+1 s' }).click();
  await settled(page);
  await expect(peer).toHaveAttribute('data-state', /backoff|connecting/);
  expect(
    await page.evaluate(() => window.__tidepool!.services.store.getState().session!.script.length),
  ).toBe(1);
  await link.click(); // heal
  await expect(link).toHaveAttribute('data-partition', 'none');
});

test('shift+click cuts one way', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=1&t=1500');
  await settled(page);
  const link = page.getByTestId('link-n1-n2');
  await link.click({ modifiers: ['Shift'] });
  await expect(link).toHaveAttribute('data-partition', /a>b|b>a/);
});

test('a corrupted packet opens in the packet inspector with a CRC mismatch and flipped bits', async ({
  page,
}) => {
  await page.goto('./?scenario=ping-pong&seed=3&chaos=corrupt&t=107');
  await settled(page);
  await page.getByTestId('node-n1').click();
  await page.keyboard.press('Escape');
  const inspector = page.getByTestId('packet-inspector');
  await inspector.locator('.insp-recent-row.is-corrupt').first().click();
  await expect(inspector.getByText('✗ CRC MISMATCH')).toBeVisible();
  // Pinned from the engine for this session: the bits the network flipped, each placed in the frame.
  const flipped = inspector.getByLabel('Flipped bits');
  await expect(flipped).toContainText('3 bits flipped');
  await expect(flipped).toContainText('bit 173 = byte 21 bit 5');
  await expect(flipped).toContainText('bit 899 = byte 112 bit 3');
});

test('the console runs commands against the engine', async ({ page }) => {
  await page.goto('./?scenario=ping-pong&seed=1&t=1500');
  await settled(page);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('partition n1 n2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('link-n1-n2')).toHaveAttribute('data-partition', 'both');
  await page.keyboard.type('run 500ms');
  await page.keyboard.press('Enter');
  await expect.poll(() => simTimeMs(page)).toBe(2000);
  await page.keyboard.type('frobnicate');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console')).toContainText('unknown command');
});

test('clicking the timeline seeks, backwards included', async ({ page }) => {
  await page.goto('./?scenario=mesh&seed=3&t=3000');
  await settled(page);
  const canvas = page.getByTestId('timeline-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no timeline');
  await page.getByRole('button', { name: 'Fit' }).click();
  await canvas.click({ position: { x: box.width * 0.4, y: 4 } });
  await settled(page);
  const t = await simTimeMs(page);
  expect(t).toBeGreaterThan(0);
  expect(t).toBeLessThan(3000);
});

test('in Fit view every click in the lanes seeks (none selects a packet) and a drag scrubs', async ({
  page,
}) => {
  for (const query of [
    '?scenario=ping-pong&seed=1&t=10000',
    '?scenario=mesh&seed=1&p.nodes=10&t=10000',
  ]) {
    await page.goto(`./${query}`);
    await settled(page);
    const canvas = page.getByTestId('timeline-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no timeline');
    await page.getByRole('button', { name: 'Fit' }).click();
    const lanesY = box.height * 0.45;
    const seen: number[] = [];
    for (const frac of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
      await canvas.click({ position: { x: box.width * frac, y: lanesY } });
      await settled(page);
      const state = await page.evaluate(() => {
        const s = window.__tidepool!.services.store.getState();
        return { selected: s.selectedPacket, timeUs: s.view!.timeUs };
      });
      expect(state.selected, `${query} click at ${frac}`).toBeNull();
      seen.push(state.timeUs);
    }
    // Each click landed somewhere else, left to right.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);

    await page.mouse.move(box.x + box.width * 0.25, box.y + lanesY);
    await page.mouse.down();
    for (const frac of [0.35, 0.45, 0.55, 0.65])
      await page.mouse.move(box.x + box.width * frac, box.y + lanesY, { steps: 3 });
    await page.mouse.up();
    await settled(page);
    const after = await page.evaluate(
      () => window.__tidepool!.services.store.getState().view!.timeUs,
    );
    expect(after).toBeGreaterThan(seen[3]!); // near 0.65 of the run, past where 0.5 was
    expect(after).toBeLessThan(seen[6]!);
  }
});

test('after a rewind the future already seen stays on the timeline, faint, until the run forks', async ({
  page,
}) => {
  await page.goto('./?scenario=ping-pong&seed=1&t=4000');
  await settled(page);
  const canvas = page.getByTestId('timeline-canvas');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(canvas).toHaveAttribute('data-ghost-until-us', '');
  /** Mean brightness of the lanes between 55% and 95% of the canvas's width (right of the playhead after the rewind). */
  const aheadBrightness = () =>
    canvas.evaluate((el: HTMLCanvasElement) => {
      const ctx = el.getContext('2d')!;
      const x0 = Math.round(el.width * 0.55);
      const w = Math.round(el.width * 0.4);
      const h = Math.round(el.height * 0.6);
      const px = ctx.getImageData(x0, Math.round(el.height * 0.15), w, h).data;
      let sum = 0;
      for (let i = 0; i < px.length; i += 4) sum += px[i]! + px[i + 1]! + px[i + 2]!;
      return sum / (px.length / 4);
    });
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width * 0.3, y: box.height * 0.45 } }); // back to about 1 s
  await settled(page);
  const ghostUntil = Number(await canvas.getAttribute('data-ghost-until-us'));
  expect(ghostUntil).toBeGreaterThanOrEqual(3_900_000); // everything seen up to 4 s
  const withGhost = await aheadBrightness();

  // A fork (cutting the link) makes the old future someone else's: it goes.
  await page.getByRole('button', { name: '+1 ms' }).click();
  await settled(page);
  await page.getByTestId('link-n1-n2').click();
  await settled(page);
  await expect(canvas).toHaveAttribute('data-ghost-until-us', '');
  expect(await aheadBrightness()).toBeLessThan(withGhost);
});

test("a 20-node mesh draws healthy links as hairlines and brings a hovered node's links forward", async ({
  page,
}) => {
  await page.goto('./?scenario=mesh&seed=1&p.nodes=20&t=2000');
  await settled(page);
  const links = page.locator('[data-testid="topology"] .tp-links');
  await expect(links).toHaveClass(/tp-links-dense/);
  const width = (sel: string) =>
    page
      .locator(sel)
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
  expect(await width('.tp-link-connected .tp-link-line')).toBe(1);
  await page.getByTestId('node-n5').hover();
  const n5Links = await page
    .locator('[data-testid^="link-n5-"], [data-testid$="-n5"][data-testid^="link-"]')
    .count();
  expect(n5Links).toBeGreaterThan(10);
  await expect(page.locator('.tp-link-near')).toHaveCount(n5Links); // exactly n5's links
  await expect.poll(() => width('.tp-link-near .tp-link-line')).toBe(2); // after its transition
  await page.mouse.move(2, 2);
  await expect(page.locator('.tp-link-near')).toHaveCount(0);

  // A small scenario keeps its links as they were.
  await page.goto('./?scenario=ping-pong&seed=1&t=2000');
  await settled(page);
  await expect(links).not.toHaveClass(/tp-links-dense/);
});

test.describe('screenshots of the main screen', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });
  const moments = [
    ['ping-pong-calm-2s', '?scenario=ping-pong&seed=42&t=2000'],
    ['ping-pong-storm-4s', '?scenario=ping-pong&seed=42&chaos=storm&t=4000'],
    ['mesh-calm-2500ms', '?scenario=mesh&seed=3&t=2500'],
    ['mesh-storm-3s', '?scenario=mesh&seed=3&chaos=storm&t=3000'],
  ] as const;
  for (const [name, query] of moments) {
    test(name, async ({ page }) => {
      await page.goto(`./${query}`);
      await settled(page);
      await page.waitForTimeout(300); // one more frame for the canvas and terminal
      await expect(page).toHaveScreenshot(`${name}.png`, {
        animations: 'disabled',
        caret: 'hide',
        maxDiffPixelRatio: 0.002,
      });
    });
  }
});

test('the console folds a run of the same event into one summary line that keeps counting', async ({
  page,
}) => {
  // reliable-stream with its link cut: n1's full queue refuses a message every 20 ms.
  await page.goto('./?scenario=reliable-stream&seed=1&script=1s_partition_n1_n2&t=6000');
  await settled(page);
  const console_ = page.getByTestId('console');
  await expect(console_).toContainText(/↳ queue_full ×\d+ more on n1/);
  const rows = async () =>
    (await page.locator('[data-testid="console"] .xterm-rows > div').allTextContents()).map((r) =>
      r.trim(),
    );
  const isFull = (row: string) => /\sn1\s+queue_full\s/.test(` ${row}`);
  const isSummary = (row: string) => /↳ queue_full ×\d+ more on n1/.test(row);
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: '+100 ms' }).click();
    await settled(page);
  }
  await page.waitForTimeout(300); // the console writes on the next animation frames
  const lines = await rows();
  expect(lines.some(isSummary)).toBe(true);
  for (let i = 1; i < lines.length; i++) {
    // A run never prints more than two full lines in a row, and once folded it stays folded:
    // across batches the summary line is rewritten, never followed by the same event again.
    if (isSummary(lines[i - 1]!)) expect(isFull(lines[i]!), `line ${i}: ${lines[i]}`).toBe(false);
    if (i >= 2 && isFull(lines[i]!) && isFull(lines[i - 1]!))
      expect(isFull(lines[i - 2]!)).toBe(false);
  }
});
