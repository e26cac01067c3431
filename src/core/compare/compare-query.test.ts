/* Two runs in one link: B as A plus `vs.` differences, round-tripped; errors name the run. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareFromQuery, compareToQuery, isCompareQuery } from './compare-query';
import { sessionFromQuery } from '../session-query';

const A = 'scenario=herd&seed=3&chaos=calm';

function session(query: string) {
  const parsed = sessionFromQuery(query);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.state.session;
}

describe('compare links', () => {
  it('read B as A with the vs. parameters laid over it; an empty value removes one', () => {
    const parsed = compareFromQuery(`?${A}&script=3s_heal&vs.t.jitter=0&vs.script=&t=2500`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.state.a.atUs).toBe(2_500_000);
    expect(parsed.state.a.session.script).toHaveLength(1);
    expect(parsed.state.b).toEqual(session(`${A}&t.jitter=0`));
  });

  it('round-trip any pair of sessions that differ in profile, knobs, chaos or script', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '&profile=fdb', '&profile=moonpool-0.8'),
        fc.constantFrom('', '&t.jitter=0', '&t.initialBackoffMs=250&t.jitter=0.5'),
        fc.constantFrom('', '&chaos=storm'),
        fc.constantFrom('', '&script=2s_kill_n1~3s_restart_n1'),
        fc.option(fc.integer({ min: 0, max: 30_000_000 }), { nil: null }),
        (profile, knobs, chaos, script, atUs) => {
          const a = session(`scenario=herd&seed=9${chaos}`);
          const b = session(`scenario=herd&seed=9${profile}${knobs}${script}`);
          const query = compareToQuery(a, b, atUs);
          expect(isCompareQuery(query)).toBe(true);
          const back = compareFromQuery(query);
          expect(back.ok && back.state).toEqual({ a: { session: a, atUs, atEvents: null }, b });
        },
      ),
    );
  });

  it('say which run a bad parameter belongs to, and accept nothing', () => {
    const parsed = compareFromQuery(`?${A}&t.jitter=0.3&vs.t.jitter=9`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toEqual([
        'run B: transport knob jitter must be a fraction from 0 to 1 (0.2 = ±20%), got "9"',
      ]);
    const a = compareFromQuery(`?${A}&p.clients=99&vs.seed=4`);
    expect(a.ok === false && a.errors[0]).toMatch(
      /^run A: parameter clients must be an integer from 1 to 32/,
    );
    expect(isCompareQuery(`?${A}&t=5`)).toBe(false);
  });
});

it('refuse a vs. parameter given twice, a shared one (t, embed) and another scenario or seed', () => {
  const errors = (q: string) => {
    const parsed = compareFromQuery(q);
    return parsed.ok ? [] : parsed.errors;
  };
  expect(errors(`?${A}&vs.seed=3&vs.seed=3`)).toEqual(['run B: "vs.seed" is given twice']);
  expect(errors(`?${A}&vs.t=5`)).toEqual([
    'run B: "vs.t" is not part of a session (both runs share it)',
  ]);
  expect(errors(`?${A}&vs.scenario=mesh`)[0]).toMatch(/the two runs share their scenario/);
  expect(errors(`?${A}&vs.seed=4`)[0]).toMatch(/the two runs share their seed/);
});
