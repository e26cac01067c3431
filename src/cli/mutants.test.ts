/*
 * The mutant catalogue against the oracle: every broken transport is caught
 * within a few seeds, by a violation the same session without the mutant does
 * not have; a mutant aimed where nothing can catch it is reported as a
 * survivor; and `tidepool mutants` exits 1 when one survives.
 */
import { describe, expect, it } from 'vitest';
import { MUTANTS, findMutant, type MutantInfo } from '../core/mutants/catalogue';
import { createEngine } from '../core/engine';
import { sessionFromQuery } from '../core/session-query';
import { huntMutant, mutantsCommand } from './mutants-command';
import { cli } from './cli-test-kit';

describe('the mutant catalogue', () => {
  it('has at least 12 mutants, each with a scenario and a preset to be hunted in', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(12);
    for (const m of MUTANTS) expect(m.scenarios.length * m.chaos.length).toBeGreaterThan(0);
  });

  for (const m of MUTANTS) {
    it(`${m.id}: caught within 3 seeds, and the same session without it is clean`, () => {
      const r = huntMutant(m, 3);
      expect(r.caught, `${m.id} survived`).toBe(true);
      expect(m.checks, `${m.id} was caught by an unexpected check`).toContain(r.violation?.name);
      const query = sessionFromQuery(r.url as string);
      if (!query.ok) throw new Error(query.errors.join());
      expect(query.state.session.mutant).toBe(m.id);
      const { mutant: _mutant, ...clean } = query.state.session;
      const engine = createEngine(clean);
      engine.runUntil({ timeUs: query.state.atUs as number });
      expect(engine.finish().violations).toEqual([]);
    });
  }

  it('a mutant aimed where nothing exercises it survives, and is reported so', () => {
    const idle: MutantInfo = {
      ...(findMutant('queue-unbounded') as MutantInfo),
      scenarios: ['ping-pong'],
      chaos: ['calm'],
    };
    const r = huntMutant(idle, 1);
    expect(r).toMatchObject({ caught: false, runs: 1, violation: null });
  });

  it('the command prints the catching seed, the violation and a replay link; exit 0 when all are caught', () => {
    let out = '';
    const status = mutantsCommand(['--mutant', 'misroute-replies', '--seeds', '2'], {
      write: (s: string) => (out += s),
    });
    expect(status).toBe(0);
    expect(out).toContain('misroute-replies caught by ping-pong (calm) seed 1');
    expect(out).toContain('the reply to n2#2 was sent to another call');
    expect(out).toContain('link:      ?scenario=ping-pong&seed=1&chaos=calm');
    expect(out).toContain('mutant=misroute-replies');
    expect(out).toContain('all 1 mutants caught');
  });

  it('`tidepool mutants` rejects an unknown mutant with exit 2, and --json lists results', async () => {
    const bad = await cli(['mutants', '--mutant', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown mutant "nope"');
    const json = await cli(['mutants', '--mutant', 'duplicate-frames', '--seeds', '1', '--json']);
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      survivors: string[];
      results: { mutant: string; caught: boolean }[];
    };
    expect(parsed.survivors).toEqual([]);
    expect(parsed.results).toMatchObject([{ mutant: 'duplicate-frames', caught: true }]);
  });
});
