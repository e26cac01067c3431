/*
 * Shared helpers for the browser specs: the CLI's view of a session (so the
 * page's hash can be compared with Node's) and small page utilities.
 */
import { execFileSync } from 'node:child_process';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface CliRun {
  traceHash: string;
  simTimeUs: number;
  url: string;
}

/** Runs `tidepool run … --json` and returns its summary (the Node side of a cross-check). */
export function cliRun(args: string[]): CliRun {
  const out = execFileSync('node', ['bin/tidepool.mjs', 'run', ...args, '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as CliRun;
}

export async function hashOf(page: Page): Promise<string> {
  return (await page.getByTestId('trace-hash').textContent())?.trim() ?? '';
}

export async function simTimeMs(page: Page): Promise<number> {
  // The readout says "2.000 000 s"; its exact µs ride along in data-time-us.
  return Number(await page.getByTestId('sim-time').getAttribute('data-time-us')) / 1000;
}

/**
 * Waits until the page has loaded its session, finished any seek, and every
 * command sent to the engine's worker shows in a frame (`pending`).
 */
export async function settled(page: Page, timeoutMs?: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const state = window.__tidepool?.services.store.getState();
      return (
        state !== undefined && state.view !== null && state.seekProgress === null && !state.pending
      );
    },
    null,
    timeoutMs === undefined ? {} : { timeout: timeoutMs },
  );
}

/** axe's serious and critical WCAG 2.1 A/AA violations on the page, one line each (empty: none). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
