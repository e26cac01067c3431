/*
 * `tidepool probe` and `tidepool shrink` from the command line: a failing
 * link in, a curve (or a smaller link) out, as text and as JSON; the shrunk
 * link, run again, fails the same invariant; a clean link or a bad flag is a
 * clear error with the documented exit status.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-test-kit';
import { firstViolation } from '../core/explore/run-seed';
import { sessionFromQuery } from '../core/session-query';

const TRIGGERED =
  '?scenario=reliable-stream&seed=1&chaos=calm&mutant=forget-reliable&script=3s_clog_n1_n2_5s';
const NOISY = `https://example.org/tidepool/?scenario=reliable-stream&seed=1&chaos=calm&mutant=forget-reliable&script=${encodeURIComponent('1s_spike_n1_n2_20ms_1s~2s_heal~3s_clog_n1_n2_5s~9s_spike_n2_n1_5ms_2s~12s_heal_n1')}`;

describe('tidepool probe / shrink', () => {
  it('probe prints P(failure) per moment and marks the rise; --json has the curve and a link to the mark', async () => {
    const text = await cli(['probe', TRIGGERED, '--points', '6', '--branches', '3']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      'reliable-stream: every reliable message is delivered at least once',
    );
    expect(text.stdout).toContain('◀ became likely here');
    expect(text.stdout).toMatch(/steepest rise: .* \(\+100%\)/);
    const json = await cli(['probe', TRIGGERED, '--points', '6', '--branches', '3', '--json']);
    const result = JSON.parse(json.stdout) as {
      points: { p: number }[];
      markUs: number;
      markLink: string;
    };
    expect(result.points).toHaveLength(6);
    expect(result.points[0]?.p).toBe(0);
    expect(result.points.at(-1)?.p).toBe(1);
    expect(result.markLink).toContain(`t=${result.markUs / 1000}`);
  }, 60_000);

  it('shrink prints a smaller link that still fails; run again, it fails the same invariant', async () => {
    const json = await cli(['shrink', NOISY, '--json']);
    expect(json.status).toBe(0);
    const r = JSON.parse(json.stdout) as {
      invariant: string;
      original: { interventions: number };
      shrunk: { interventions: number; url: string; replay: string };
      removed: string[];
    };
    expect(r.original.interventions).toBe(5);
    expect(r.shrunk.interventions).toBeLessThanOrEqual(2);
    // The shrunk link, parsed and run afresh, fails the same invariant.
    const parsed = sessionFromQuery(r.shrunk.url);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const { session, atUs } = parsed.state;
    expect(firstViolation(session, atUs ?? 0)?.name).toBe(r.invariant);
    expect(r.shrunk.replay).toContain(`--until ${(atUs ?? 0) / 1000}ms`);
    const text = await cli(['shrink', NOISY]);
    expect(text.stdout).toContain('still fails at');
    expect(text.stdout).toMatch(/− removed [34] of 5 interventions/);
  }, 60_000);

  it('a clean link and bad flags are errors that say so', async () => {
    const clean = await cli(['probe', '?scenario=ping-pong&seed=1', '--until', '3s']);
    expect(clean.status).toBe(1);
    expect(clean.stderr).toContain('does not fail by 3s: nothing to probe');
    const cleanShrink = await cli(['shrink', '?scenario=ping-pong&seed=1', '--until', '3s']);
    expect(cleanShrink.stderr).toContain('does not fail by 3s: nothing to shrink');
    expect((await cli(['probe'])).stderr).toContain('probe needs a link');
    expect((await cli(['probe', TRIGGERED, '--points', '1'])).status).toBe(2);
    const bad = await cli(['shrink', '?scenario=nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown scenario');
  });
});
