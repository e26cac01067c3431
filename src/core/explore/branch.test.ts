/*
 * Reseed entries and branches: `reseed <n>` parses, prints and round-trips
 * through a link; a branch keeps the past exactly (its trace up to the branch
 * moment is the parent's, event for event) and redraws the future (later
 * events differ), deterministically (the same branch twice: one hash), and
 * different reseeds give different futures.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { formatScript, parseIntervention, parseScript } from '../intervention';
import { makeSession, type Session } from '../session';
import { sessionFromQuery, sessionToQuery } from '../session-query';
import { branchPoint, branchSeeds, branchSession } from './branch';
import { runSession } from './run-seed';
import { Rng } from '../sim/rng';
import { reseedKey, RngStreams } from '../sim/rng-streams';

function session(script = ''): Session {
  const parsed = parseScript(script);
  if ('error' in parsed) throw new Error(parsed.error);
  const made = makeSession({ scenario: 'ping-pong', seed: 9n, chaos: 'storm', script: parsed });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

/** Every trace event up to and including `untilUs`, as comparable text. */
function eventsUntil(s: Session, untilUs: number): string[] {
  const engine = createEngine(s, { traceCapacity: 1 << 20 });
  engine.runUntil({ timeUs: untilUs });
  return engine.traceSince(0).events.map((e) => JSON.stringify(e));
}

describe('reseed entries', () => {
  it("restart every stream — made before or named after — and never replay the run's own draws", () => {
    const draws = (rng: Rng) => [rng.nextU32(), rng.nextU32(), rng.nextU32()];
    const streams = new RngStreams(1n);
    const names = ['ids:n1', 'latency:10.0.0.1>10.0.0.2', 'chaos', 'backoff:n1>n2', 'workload:n1'];
    const before = names.map((n) => streams.stream(n));
    const atStart = names.map((n) => draws(new Rng(1n, n)));
    streams.reseed(1n); // a seed-1 run reseeded to 1
    const key = reseedKey(1n, 1);
    expect(key).not.toBe(1n);
    for (const [i, rng] of before.entries()) {
      const after = draws(rng);
      expect(after).toEqual(draws(new Rng(key, names[i])));
      expect(after).not.toEqual(atStart[i]); // endpoint tokens (ids:*) do not come round again
    }
    expect(draws(streams.stream('connect:later'))).toEqual(draws(new Rng(key, 'connect:later')));
    streams.reseed(1n); // a second reseed to the same seed is another future again
    expect(draws(streams.stream('ids:n1'))).toEqual(draws(new Rng(reseedKey(1n, 2), 'ids:n1')));
    expect(reseedKey(1n, 2)).not.toBe(key);
  });

  it('parse, print and round-trip through a link; bad seeds are explained', () => {
    expect(parseIntervention(['reseed', '77'])).toEqual({ kind: 'reseed', seed: 77n });
    const script = parseScript('1s_partition_n1_n2~2500ms_reseed_18446744073709551615');
    if ('error' in script) throw new Error(script.error);
    expect(formatScript(script)).toBe('1s_partition_n1_n2~2500ms_reseed_18446744073709551615');
    const s = { ...session(), script };
    const back = sessionFromQuery(sessionToQuery(s, 3_000_000));
    expect(back.ok && back.state.session).toEqual(s);
    expect(parseIntervention(['reseed', '18446744073709551616'])).toHaveProperty(
      'error',
      expect.stringContaining('from 0 to 18446744073709551615'),
    );
    expect(parseIntervention(['reseed', '-1'])).toHaveProperty('error');
    expect(parseIntervention(['reseed'])).toEqual({ error: 'usage: reseed <seed>' });
    expect(parseScript('1s_reseed_x7')).toHaveProperty(
      'error',
      expect.stringContaining('script entry 1'),
    );
  });

  it('a branch keeps the past event for event and redraws the future, deterministically', () => {
    const parent = session('1s_partition_n1_n2~4s_heal');
    const atUs = 2_500_000;
    const a = branchSession(parent, atUs, 77n);
    expect(formatScript(a.script)).toBe('1s_partition_n1_n2~2500ms_reseed_77'); // the later heal is forked away
    expect(branchPoint(a)).toEqual({ atUs, seed: 77n });
    expect(branchPoint(parent)).toBeNull();
    const past = eventsUntil(parent, atUs);
    const branchPast = eventsUntil(a, atUs);
    // The branch's only extra event at the moment is the reseed itself.
    expect(branchPast.slice(0, -1)).toEqual(past);
    expect(branchPast.at(-1)).toContain('"action":"reseed 77"');
    const hashA = runSession(a, 10_000_000).traceHash;
    expect(runSession(a, 10_000_000).traceHash).toBe(hashA);
    const b = branchSession(parent, atUs, 78n);
    expect(runSession(b, 10_000_000).traceHash).not.toBe(hashA);
    // And the futures really differ, not just by the reseed line.
    const futureA = eventsUntil(a, 10_000_000).slice(branchPast.length);
    const futureB = eventsUntil(b, 10_000_000).slice(branchPast.length);
    expect(futureA).not.toEqual(futureB);
    expect(branchSeeds(3)).toEqual([1n, 2n, 3n]);
    // From between two events of one instant: entries stamped up to that count stay, later ones go.
    const stamped = parseScript('2500ms@40_kill_n2~2500ms@90_restart_n2');
    if ('error' in stamped) throw new Error(stamped.error);
    const mid = branchSession({ ...parent, script: stamped }, 2_500_000, 3n, 60);
    expect(formatScript(mid.script)).toBe('2500ms@40_kill_n2~2500ms@60_reseed_3');
  });

  it('an engine applies a reseed typed live as a script entry that replays exactly', () => {
    const engine = createEngine(session());
    engine.runUntil({ timeUs: 2_000_000 });
    const entry = engine.apply({ kind: 'reseed', seed: 5n });
    engine.runUntil({ timeUs: 6_000_000 });
    const replay = createEngine(engine.session());
    replay.runUntil({ timeUs: 6_000_000 });
    expect(replay.traceHash()).toBe(engine.traceHash());
    expect(formatScript([entry])).toMatch(/^2s(@\d+)?_reseed_5$/);
  });
});
