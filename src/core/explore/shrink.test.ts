/*
 * Shrinking: a failing session with six interventions — five of them noise —
 * shrinks to at most two that fail the same invariant, the trigger among
 * them; the same input always shrinks to the same output; sizes go down, a
 * liveness failure's end comes in, and a session that does not fail is said so.
 */
import { describe, expect, it } from 'vitest';
import { formatScript, parseScript } from '../intervention';
import { makeSession, type Session } from '../session';
import { firstViolation } from './run-seed';
import { shrink, type FirstViolation } from './shrink';

const NOISY =
  '1s_spike_n1_n2_20ms_1s~2s_heal~3s_clog_n1_n2_5s~9s_spike_n2_n1_5ms_2s~12s_heal_n1~14s_clog_n2_n1_10ms';
const UNTIL_US = 60_000_000;

function session(script: string, chaos = 'calm'): Session {
  const parsed = parseScript(script);
  if ('error' in parsed) throw new Error(parsed.error);
  const made = makeSession({
    scenario: 'reliable-stream',
    seed: 1n,
    chaos,
    script: parsed,
    mutant: 'forget-reliable',
  });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

describe('shrink', () => {
  it('keeps what the same invariant needs, even when dropping it would still fail (another way); brings a liveness end in', () => {
    // A stand-in for a run: it fails "A" (judged at the end, as liveness is) with the clog and
    // the kill; without the kill it fails "B" instead; without the clog it passes.
    const noisy = session('1s_spike_n1_n2_20ms_1s~3s_clog_n1_n2_5s~4s_kill_n2~6s_heal');
    const kinds = (s: Session) => s.script.map((e) => e.action.kind);
    const run: FirstViolation = (s, untilUs) => {
      if (!kinds(s).includes('clog')) return null;
      const name = kinds(s).includes('kill') ? 'A' : 'B';
      return { name, timeUs: untilUs, node: 'n1', message: name, seq: 1 };
    };
    const result = shrink(noisy, UNTIL_US, run);
    if ('error' in result) throw new Error(result.error);
    expect(result.invariant).toBe('A');
    expect(kinds(result.shrunk.session)).toEqual(['clog', 'kill']);
    // Judged at the end: the end comes in, but not before the last thing it needs (the kill at 4 s).
    expect(result.shrunk.untilUs).toBeLessThan(UNTIL_US);
    expect(result.shrunk.untilUs).toBeGreaterThanOrEqual(4_000_000);
    expect(result.removed).toContain(
      'removed 2 of 4 interventions: 1s_spike_n1_n2_20ms_1s~6s_heal',
    );
  });

  it('never trades a failure seen during the run for one only the end-of-run checks find', () => {
    // A stand-in: the invariant fails during the run at 20 s; a run ended before that fails
    // it too, but only in the end-of-run check (which the playground cannot show).
    const run: FirstViolation = (_s, untilUs) => ({
      name: 'A',
      timeUs: Math.min(20_000_000, untilUs),
      node: 'n1',
      message: 'A',
      seq: 1,
    });
    const result = shrink(session('3s_clog_n1_n2_5s'), UNTIL_US, run);
    if ('error' in result) throw new Error(result.error);
    expect(result.shrunk.violation.timeUs).toBe(20_000_000);
    expect(result.shrunk.untilUs).toBeGreaterThan(20_000_000);
  });

  it('turns six interventions into at most two that fail the same invariant, deterministically', () => {
    const noisy = session(NOISY);
    expect(noisy.script.length).toBeGreaterThanOrEqual(5);
    const result = shrink(noisy, UNTIL_US, firstViolation);
    if ('error' in result) throw new Error(result.error);
    const { shrunk } = result;
    expect(shrunk.session.script.length).toBeLessThanOrEqual(2);
    expect(formatScript(shrunk.session.script)).toContain('3s_clog_n1_n2_5s');
    expect(shrunk.violation.name).toBe(result.original.violation.name);
    // The shrunk session, run afresh, fails that invariant.
    expect(firstViolation(shrunk.session, shrunk.untilUs)?.name).toBe(result.invariant);
    expect(shrunk.untilUs).toBeLessThan(UNTIL_US);
    expect(shrunk.session.params.messages).toBeLessThan(noisy.params.messages as number);
    expect(result.removed[0]).toMatch(/^removed [45] of 6 interventions: /);
    expect(shrink(noisy, UNTIL_US, firstViolation)).toEqual(result);
  }, 60_000);

  it('calms the chaos when the failure does not need it, and refuses a session that does not fail', () => {
    const stormy = session('3s_clog_n1_n2_5s', 'partitions');
    const result = shrink(stormy, UNTIL_US, firstViolation);
    if ('error' in result) throw new Error(result.error);
    // Flaky chaos loses connections on its own: the clog is not needed, partitions are not either.
    expect(result.shrunk.session.chaos).toBe('flaky');
    expect(result.shrunk.session.script).toEqual([]);
    expect(result.removed).toContain('chaos partitions → flaky');
    expect(result.shrunk.violation.name).toBe(result.invariant);
    expect(shrink(session(''), 10_000_000, firstViolation)).toEqual({
      error: 'the session does not fail by 10s: nothing to shrink',
    });
  }, 60_000);
});
