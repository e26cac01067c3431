/*
 * Playwright config for the UI performance benchmark (`npm run bench:ui`):
 * the same browser setup as the specs, one worker so measurements don't
 * compete, and only e2e/bench/*.bench.ts. Not part of `npm test`.
 */
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: 'e2e/bench',
  testMatch: '**/*.bench.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 300_000,
});
