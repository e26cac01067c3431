/*
 * Takes a screenshot of the built playground for a given query string:
 *   DIST=dist npx tsx scripts/screenshot.ts '<query>' out.png [width height] [playMs]
 * Serves the build in $DIST (default dist/) with vite preview on a free port. For looking at the UI while
 * developing; the browser tests live in e2e/.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { preview } from 'vite';
import { settled } from '../e2e/helpers';

const [query = '', out = '/tmp/tidepool.png', width = '1600', height = '1000', playMs = '0'] =
  process.argv.slice(2);
const server = await preview({
  build: { outDir: process.env.DIST ?? 'dist' },
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'silent',
});
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch(
  existsSync('/usr/bin/chromium')
    ? {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }
    : {},
);
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(`${url}${query}`);
await page.waitForSelector('[data-testid="trace-hash"]');
await settled(page, 120_000); // the engine's worker has reached the link's moment
if (Number(playMs) > 0) {
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(Number(playMs));
  await page.click('[data-testid="play"]');
}
await page.waitForTimeout(300);
await page.screenshot({ path: out });
console.log(
  JSON.stringify({
    url: `${url}${query}`,
    hash: await page.textContent('[data-testid="trace-hash"]'),
    time: await page.textContent('[data-testid="sim-time"]'),
    errors,
  }),
);
await browser.close();
server.httpServer.close();
