/*
 * "When did it become inevitable?" on a session whose cause is known: the
 * forget-reliable mutant on a calm reliable-stream fails only if a connection
 * is lost, and the one scripted fault — n1→n2 clogged for 5 s at 3 s, long
 * enough for the ping monitor to drop the connection — is what sets it off.
 * Branches reseeded before 3 s lose the clog and stay clean; from 3 s on they
 * keep it and fail. The curve must rise from near 0 to near 1 and the mark
 * must lie between the trigger and the violation; a session that fails from
 * the start has no rise.
 */
import { describe, expect, it } from 'vitest';
import { parseScript } from '../intervention';
import { makeSession, type Session } from '../session';
import { firstViolation } from './run-seed';
import { probe, probeMoments, probePlan } from './probe';

const TRIGGER_US = 3_000_000;
const UNTIL_US = 60_000_000;

function mutantSession(
  script: string,
  mutant = 'forget-reliable',
  scenario = 'reliable-stream',
): Session {
  const parsed = parseScript(script);
  if ('error' in parsed) throw new Error(parsed.error);
  const made = makeSession({ scenario, seed: 1n, chaos: 'calm', script: parsed, mutant });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

describe('probe', () => {
  it('rises from ~0 to ~1 around a known trigger, and marks a moment between trigger and violation', () => {
    const session = mutantSession('3s_clog_n1_n2_5s');
    expect(firstViolation(mutantSession(''), UNTIL_US)).toBeNull(); // no trigger, no failure
    const violation = firstViolation(session, UNTIL_US);
    if (violation === null) throw new Error('the triggered session should fail');
    const result = probe(session, UNTIL_US, violation, { points: 10, branches: 6 }, firstViolation);
    const before = result.points.filter((p) => p.atUs < TRIGGER_US);
    const after = result.points.filter((p) => p.atUs >= TRIGGER_US);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.max(...before.map((p) => p.p))).toBeLessThanOrEqual(0.2);
    expect(Math.min(...after.map((p) => p.p))).toBeGreaterThanOrEqual(0.8);
    expect(result.steepest).not.toBeNull();
    expect(result.markUs).toBeGreaterThanOrEqual(TRIGGER_US);
    expect(result.markUs).toBeLessThan(violation.timeUs);
    expect(result.steepest?.fromUs).toBeLessThan(TRIGGER_US);
    expect(result.invariant).toBe(violation.name);
    // Deterministic: the same probe, the same curve.
    expect(
      probe(session, UNTIL_US, violation, { points: 10, branches: 6 }, firstViolation),
    ).toEqual(result);
  }, 60_000);

  it('plans K moments over [0, violation) with M branches each; a failure from the start never rises', () => {
    expect(probeMoments(1_000_000, 4)).toEqual([0, 250_000, 500_000, 750_000]);
    const always = mutantSession('', 'misroute-replies', 'ping-pong');
    const violation = firstViolation(always, UNTIL_US);
    if (violation === null) throw new Error('misroute-replies should fail on its own');
    const plan = probePlan(always, UNTIL_US, violation, { points: 3, branches: 4 });
    expect(plan.runs).toHaveLength(12);
    expect(plan.runs.every((r) => r.session.script.at(-1)?.action.kind === 'reseed')).toBe(true);
    const result = probe(always, UNTIL_US, violation, { points: 3, branches: 4 }, firstViolation);
    expect(result.points.map((p) => p.p)).toEqual([1, 1, 1]);
    expect(result.steepest).toBeNull();
    expect(result.markUs).toBe(0);
  });
});
