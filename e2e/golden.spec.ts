/*
 * The golden catalogue in the browser: every entry of e2e/golden is opened as
 * a link (`./?<session>&t=<time>`) in Chromium and, once the page has worked
 * off the seek, the page must show what the catalogue pins down — the same
 * entries `tidepool golden` (src/cli/golden.test.ts) checks headless in Node,
 * so the browser and Node agree by test.
 *
 * Checked here: the trace hash (engine and what the page displays), the time,
 * the event count, the live nodes, the selected peer states, and that no
 * violation has happened. Not checked here: traceCounts and outcomes — the
 * page exposes no counts by kind (its trace is a bounded ring buffer) and
 * nothing new is exposed for this spec; those facts are covered by the CLI
 * check, and the matching trace hash implies them.
 *
 * The entries (each link is `?` + sessionToQuery(session, atUs), expected
 * facts straight from the files) come from `tidepool golden --list --json`,
 * which runs nothing: like helpers.cliRun, the Node side is asked through the
 * CLI, since Playwright's loader cannot import the engine's sources.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import type { GoldenListing } from '../src/cli/golden-command';
import { settled } from './helpers';

/** What the page says about its run, read from the engine host and the store's view. */
interface PageFacts {
  hash: string;
  viewHash: string;
  timeUs: number;
  events: number;
  nodesAlive: string[];
  peerStates: Record<string, string>;
  violations: number;
  stoppedForViolation: boolean;
  urlErrors: unknown;
}

/** Waits for the link's session to be loaded and its seek worked off (settled() alone can pass before the boot). */
async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const s = window.__tidepool?.services.store.getState();
    return s !== undefined && s.view !== null && s.seekProgress === null && !s.pending;
  });
  await settled(page);
}

function pageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const tp = window.__tidepool!;
    const s = tp.services.store.getState();
    const view = s.view!;
    return {
      hash: tp.hash(),
      viewHash: view.traceHash,
      timeUs: tp.timeUs(),
      events: tp.events(),
      nodesAlive: view.nodes.filter((n) => n.alive).map((n) => n.name),
      peerStates: Object.fromEntries(view.peers.map((p) => [`${p.node}>${p.remote}`, p.state])),
      violations: view.violations.length,
      stoppedForViolation: s.stoppedForViolation,
      urlErrors: s.urlErrors,
    };
  });
}

/** The catalogue as the CLI reads it (exit 1 when an entry is unreadable: then the listing still comes on stdout). */
function listCatalogue(): GoldenListing[] {
  let stdout: string;
  try {
    stdout = execFileSync('node', ['bin/tidepool.mjs', 'golden', '--list', '--json'], {
      encoding: 'utf8',
    });
  } catch (error) {
    stdout = String((error as { stdout?: unknown }).stdout ?? '');
  }
  return (JSON.parse(stdout) as { entries: GoldenListing[] }).entries;
}

const catalogue = listCatalogue();

test('the golden catalogue is readable and has entries', () => {
  expect(catalogue.filter((e) => e.error !== undefined)).toEqual([]);
  expect(catalogue.length).toBeGreaterThanOrEqual(10);
});

for (const entry of catalogue) {
  if (entry.error !== undefined) continue;
  test(`golden ${entry.name}: the page at ${entry.time} shows the catalogue's hash and facts`, async ({
    page,
  }) => {
    const expected = entry.expect ?? null;
    expect(
      expected,
      `${entry.name} has no facts yet: run \`npx tidepool golden --update\``,
    ).not.toBeNull();
    if (expected === null) return;
    await page.goto(`./${entry.url}`);
    await loaded(page);
    const facts = await pageFacts(page);
    expect(facts.urlErrors).toBeNull();
    expect(facts.stoppedForViolation).toBe(false);
    expect(facts.hash).toBe(expected.traceHash);
    expect(facts.viewHash).toBe(expected.traceHash);
    await expect(page.getByTestId('trace-hash')).toHaveText(expected.traceHash as string);
    expect(facts.timeUs).toBe(expected.timeUs);
    expect(facts.events).toBe(expected.events);
    expect(facts.nodesAlive).toEqual(expected.nodesAlive);
    const selected = Object.fromEntries(
      Object.keys(expected.peerStates ?? {}).map((k) => [k, facts.peerStates[k] ?? 'absent']),
    );
    expect(selected).toEqual(expected.peerStates ?? {});
    // The catalogue's count is after the end-of-run checks, which the page never runs: it can only be higher.
    expect(facts.violations).toBeLessThanOrEqual(expected.violations as number);
  });
}
