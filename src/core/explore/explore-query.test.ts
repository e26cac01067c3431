/*
 * Explorer links: a sweep's settings round-trip through the link; chaos,
 * profile and mutant lists make a matrix (one sweep per combination, chaos
 * outermost); every bad parameter is named at once; a matrix too big is refused.
 */
import { describe, expect, it } from 'vitest';
import { exploreFromQuery, exploreToQuery, sweepLabel, MAX_EXPLORE_SWEEPS } from './explore-query';

function plan(query: string) {
  const parsed = exploreFromQuery(query);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.plan;
}

describe('explorer links', () => {
  it('one sweep: the template, seeds and end, round-tripping through the link', () => {
    const p = plan(
      'explore=sweep&scenario=mesh&chaos=storm&p.nodes=4&from=7&seeds=30&until=12s&seed=99&t=5',
    );
    expect(p.sweeps).toHaveLength(1);
    const s = p.sweeps[0]!;
    expect([
      s.base.scenario,
      s.base.chaos,
      s.base.params.nodes,
      s.from,
      s.count,
      s.untilUs,
    ]).toEqual(['mesh', 'storm', 4, 7n, 30, 12_000_000]);
    expect(s.base.seed).toBe(7n); // the link's seed and t are not the sweep's
    expect(plan(exploreToQuery(p))).toEqual(p);
    // Defaults: 200 seeds from 1 to the scenario's end.
    const d = plan('explore=sweep&scenario=ping-pong').sweeps[0]!;
    expect([d.from, d.count, d.untilUs, d.base.chaos]).toEqual([1n, 200, 60_000_000, 'calm']);
  });

  it('lists make a matrix, chaos outermost; "none" is the real transport', () => {
    const p = plan(
      'explore=sweep&scenario=ping-pong&chaos=calm,storm&profile=seed,fdb&mutant=none,no-jitter&seeds=5',
    );
    expect(p.sweeps.map(sweepLabel)).toEqual([
      'calm · seed · real transport',
      'calm · seed · no-jitter',
      'calm · fdb · real transport',
      'calm · fdb · no-jitter',
      'storm · seed · real transport',
      'storm · seed · no-jitter',
      'storm · fdb · real transport',
      'storm · fdb · no-jitter',
    ]);
    expect(plan(exploreToQuery(p))).toEqual(p);
    expect(exploreToQuery(p)).toContain('chaos=calm,storm');
  });

  it('names every bad parameter at once, and refuses a matrix too big', () => {
    const bad = exploreFromQuery(
      'explore=sweep&scenario=ping-pong&chaos=calm,gale&mutant=nope&seeds=0&from=x&until=soon',
    );
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors.some((e) => e.includes('seeds must be a whole number'))).toBe(true);
    expect(errors.some((e) => e.startsWith('from:'))).toBe(true);
    expect(errors.some((e) => e.includes('unknown chaos preset "gale"'))).toBe(true);
    expect(errors.some((e) => e.includes('unknown mutant "nope"'))).toBe(true);
    expect(errors.some((e) => e.startsWith('until:'))).toBe(true);
    const big = exploreFromQuery(
      'explore=sweep&scenario=ping-pong&chaos=calm,flaky,storm,corrupt,partitions&profile=seed,fdb,moonpool-0.8&mutant=none,no-jitter',
    );
    expect(big.ok ? [] : big.errors).toContain(
      `5 chaos × 3 profile × 2 mutant = 30 sweeps; at most ${MAX_EXPLORE_SWEEPS}`,
    );
  });
});
