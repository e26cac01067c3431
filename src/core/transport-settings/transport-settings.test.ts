/* Transport settings: knobs in links, profiles' numbers in real runs, and bad values that change nothing. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine } from '../engine';
import { makeSession, type Session } from '../session';
import { sessionFromQuery, sessionToQuery } from '../session-query';
import { parseScript } from '../intervention';
import type { TraceRecordOf } from '../sim';
import { KNOBS } from './knobs';
import { readTransport } from './describe';
import { PROFILE_IDS } from './profiles';
import { INV_BACKOFF_RESET } from '../scenario/invariants/backoff-rules';

function made(query: string): Session {
  const parsed = sessionFromQuery(query);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.state.session;
}

function backoffs(
  session: Session,
  untilUs: number,
  node: string,
): TraceRecordOf<'backoff_scheduled'>[] {
  const out: TraceRecordOf<'backoff_scheduled'>[] = [];
  const engine = createEngine(session, {
    onTrace: (e) =>
      void (e.kind === 'backoff_scheduled' && e.node === node && out.push(e as never)),
  });
  engine.runUntil({ timeUs: untilUs });
  return out;
}

describe('transport settings in a session', () => {
  it('round-trip through a link: profile and every knob, in the catalogue order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_IDS),
        fc.subarray([
          'initialBackoffMs=50',
          'jitter=0',
          'maxQueuedMessages=none',
          'queueFullPolicy=drop-oldest',
          'resendReliable=false',
          'backoffMultiplier=1.2',
          'backoffResetMs=5000',
          'pingTimeoutMs=2500',
        ]),
        (profile, knobs) => {
          const query = `scenario=fan-in&profile=${profile}&${knobs.map((k) => `t.${k}`).join('&')}`;
          const session = made(query);
          expect(made(sessionToQuery(session))).toEqual(session);
        },
      ),
    );
  });

  it('leave the default session exactly as it was: no transport field, no link parameters', () => {
    const session = made('scenario=ping-pong&seed=3');
    expect(session.transport).toBeUndefined();
    expect(sessionToQuery(session)).not.toMatch(/profile|t\./);
  });

  it('a bad knob, profile or combination gets one error naming it and its range, and no session', () => {
    const cases: [string, RegExp][] = [
      ['t.initialBackoffMs=-5', /initialBackoffMs must be milliseconds from 1 to 600000, got "-5"/],
      ['t.jitter=1.5', /jitter must be a fraction from 0 to 1/],
      ['t.queueFullPolicy=drop', /queueFullPolicy must be reject or drop-oldest/],
      ['t.bogus=1', /unknown transport knob "bogus"/],
      ['profile=etcd', /unknown transport profile "etcd" \(one of: seed, fdb, moonpool-0.8\)/],
      [
        't.initialBackoffMs=40000&t.maxBackoffMs=1000',
        /initialBackoffMs \(40000\) must not exceed maxBackoffMs \(1000\)/,
      ],
    ];
    for (const [query, error] of cases) {
      const parsed = sessionFromQuery(`scenario=ping-pong&${query}`);
      expect(parsed.ok, query).toBe(false);
      if (!parsed.ok) {
        expect(parsed.errors).toHaveLength(1);
        expect(parsed.errors[0]).toMatch(error);
      }
    }
  });

  it('every knob parses what it formats', () => {
    const session = made('scenario=ping-pong&profile=fdb');
    for (const row of readTransport(session).rows) {
      const knob = KNOBS.find((k) => k.name === row.name)!;
      const value = knob.parse(row.value);
      expect(typeof value === 'object' ? value : knob.format(value)).toBe(row.value);
    }
  });

  it('profile and knobs win over the scenario; the rows say where each value comes from', () => {
    const rows = (q: string) =>
      Object.fromEntries(
        readTransport(made(q)).rows.map((r) => [r.name, `${r.value}/${r.source}`]),
      );
    expect(rows('scenario=fan-in')).toMatchObject({
      maxQueuedMessages: '3/scenario',
      jitter: '0.2/seed',
    });
    expect(rows('scenario=fan-in&profile=fdb')).toMatchObject({
      maxQueuedMessages: 'none/profile',
      jitter: '0.1/profile',
    });
    expect(rows('scenario=fan-in&profile=fdb&t.maxQueuedMessages=7')).toMatchObject({
      maxQueuedMessages: '7/you',
    });
  });
});

describe('profile fdb in a run', () => {
  it("draws reconnect delays in FoundationDB's windows after a kill (50 ms × [0.9, 1.1], ×1.2 each step, capped at 0.5 s), waited from each failure as Tidepool's peer does", () => {
    const script = parseScript('6s_kill_n1~40s_restart_n1');
    if ('error' in script) throw new Error(script.error);
    const base = made('scenario=ping-pong&seed=5&profile=fdb');
    const draws = backoffs({ ...base, script }, 40_000_000, 'n2');
    // Each dial to the dead host hangs for the 2 s connect timeout: 14 failures reach the cap.
    expect(draws.length).toBeGreaterThanOrEqual(14);
    let capped = 0;
    draws.forEach((e, i) => {
      const attempt = i + 1;
      expect(e.fields.attempt).toBe(attempt); // the connection lasted > 5 s, so the count starts at 1
      const baseUs = Math.min(50_000 * 1.2 ** (attempt - 1), 500_000);
      expect(e.fields.delayUs).toBeGreaterThanOrEqual(Math.floor(baseUs * 0.9));
      expect(e.fields.delayUs).toBeLessThanOrEqual(Math.min(Math.ceil(baseUs * 1.1), 500_000));
      if (baseUs === 500_000) capped++;
    });
    expect(capped).toBeGreaterThan(0);
  });

  it('keeps counting after a connection that lasted less than 5 s (RECONNECTION_RESET_TIME); the seed resets', () => {
    const script = parseScript('1s_kill_n1~1.3s_restart_n1~2.5s_kill_n1~2.8s_restart_n1');
    if ('error' in script) throw new Error(script.error);
    const firstAfterSecondKill = (query: string) => {
      const draws = backoffs({ ...made(query), script }, 3_000_000, 'n2');
      return draws.find((e) => e.timeUs >= 2_500_000)?.fields.attempt;
    };
    expect(firstAfterSecondKill('scenario=ping-pong&profile=fdb')).toBeGreaterThan(1);
    expect(firstAfterSecondKill('scenario=ping-pong')).toBe(1);
  });
});

describe('profile moonpool-0.8 under the oracle', () => {
  it('loses reliable messages where a connection breaks, and the oracle says so', () => {
    const summary = (query: string) => {
      const engine = createEngine(made(query));
      engine.runUntil({ timeUs: 60_000_000 });
      return engine.finish();
    };
    const query = 'scenario=reliable-stream&seed=1&chaos=storm';
    expect(summary(query).violations).toEqual([]);
    expect(summary(`${query}&profile=moonpool-0.8`).violations.length).toBeGreaterThan(0);
  });
});

describe('jitter=0 as a knob', () => {
  it('draws every delay exactly on the un-jittered value, and the jitter rule does not call it a bug', () => {
    const script = parseScript('2s_kill_n1~30s_restart_n1');
    if ('error' in script) throw new Error(script.error);
    const session = { ...made('scenario=ping-pong&t.jitter=0'), script };
    const draws = backoffs(session, 31_000_000, 'n2');
    expect(draws.length).toBeGreaterThan(3);
    for (const e of draws)
      expect(e.fields.delayUs).toBe(Math.min(100_000 * 2 ** (e.fields.attempt - 1), 30_000_000));
    const engine = createEngine(session);
    engine.runUntil({ timeUs: 31_000_000 });
    expect(engine.finish().violations).toEqual([]);
  });
});

it('makeSession accepts knob text from any surface and rejects a knob given twice', () => {
  const twice = makeSession({
    scenario: 'ping-pong',
    transport: {
      knobs: [
        ['jitter', '0'],
        ['jitter', '0.1'],
      ],
    },
  });
  expect(twice.ok).toBe(false);
  if (!twice.ok) expect(twice.errors).toEqual(['transport knob jitter is given twice']);
});

it("the reset rule's check follows the profile: under fdb it catches a backoff that never resets", () => {
  const script = parseScript('6s_kill_n1~6.5s_restart_n1~12s_kill_n1~12.5s_restart_n1');
  if ('error' in script) throw new Error(script.error);
  const run = (mutant: string | null) => {
    const engine = createEngine({
      ...made(`scenario=ping-pong&profile=fdb${mutant ? `&mutant=${mutant}` : ''}`),
      script,
    });
    engine.runUntil({ timeUs: 20_000_000 });
    return engine.finish().violations.map((v) => v.name);
  };
  expect(run(null)).toEqual([]);
  // The second connection lasted 5.5 s (> RECONNECTION_RESET_TIME): its loss must start the count over.
  expect(run('backoff-never-resets')).toEqual([INV_BACKOFF_RESET]);
});
