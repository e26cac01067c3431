#!/usr/bin/env node
/*
 * Makes sure the browser tests have a Chromium, so `npm install && npm test`
 * is the whole setup on any machine (run by `npm run test:e2e` before
 * Playwright). In order:
 *   1. Debian's /usr/bin/chromium, if it is there (playwright.config.ts uses it);
 *   2. Playwright's own Chromium, if it is installed;
 *   3. Playwright's own Chromium, downloaded now (`playwright install chromium`);
 *   4. Debian's `chromium` package, when running as root where apt-get exists
 *      (machines that reach Debian's mirrors but not Playwright's downloads);
 *   5. otherwise one line that says what to install, and exit 1.
 * Prints one line about what it found or did. Knows nothing of the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const say = (line) => process.stderr.write(`ensure-chromium: ${line}\n`);

function playwrightChromium() {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Runs a command with inherited output; true if it exited 0 within `timeoutMs`. */
function run(command, args, timeoutMs) {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: timeoutMs,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function found() {
  if (existsSync(SYSTEM_CHROMIUM)) return `Debian's Chromium at ${SYSTEM_CHROMIUM}`;
  const own = playwrightChromium();
  return own ? `Playwright's Chromium at ${own}` : null;
}

function main() {
  const already = found();
  if (already) return void say(`using ${already}`);

  say("no Chromium found: downloading Playwright's (npx playwright install chromium)…");
  if (
    run(
      process.execPath,
      [
        new URL('../node_modules/@playwright/test/cli.js', import.meta.url).pathname,
        'install',
        'chromium',
      ],
      10 * 60_000,
    ) &&
    found()
  ) {
    return void say(`using ${found()}`);
  }

  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    say("the download failed; installing Debian's chromium (apt-get install chromium)…");
    if (
      run('apt-get', ['update', '-qq'], 10 * 60_000) &&
      run('apt-get', ['install', '-y', '-qq', 'chromium'], 15 * 60_000) &&
      found()
    ) {
      return void say(`using ${found()}`);
    }
  }

  say(
    'no Chromium for the browser tests: run `npx playwright install chromium`, or on Debian `sudo apt-get install chromium`, then `npm test` again',
  );
  process.exit(1);
}

main();
