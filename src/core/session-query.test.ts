import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { salvageQuery, sessionFromQuery, sessionToQuery } from './session-query';
import { SCENARIOS } from './scenario/registry';
import { CHAOS_PRESETS } from './net';
import { makeSession } from './session';
import { U64_MAX } from './sim';
import type { ScriptEntry } from './intervention';

const scriptEntry = fc.record({
  atUs: fc.integer({ min: 0, max: 60_000_000 }),
  action: fc.oneof(
    fc.record({
      kind: fc.constant('partition' as const),
      a: fc.constant('n1'),
      b: fc.constant('n2'),
      oneWay: fc.boolean(),
    }),
    fc.constant({ kind: 'heal' as const }),
    fc.record({ kind: fc.constant('kill' as const), node: fc.constantFrom('n1', 'n2') }),
    fc.record({
      kind: fc.constant('clog' as const),
      a: fc.constant('n2'),
      b: fc.constant('n1'),
      durationUs: fc.integer({ min: 1, max: 10_000_000 }),
    }),
    fc.record({
      kind: fc.constant('corrupt' as const),
      a: fc.constant('n1'),
      b: fc.constant('n2'),
    }),
    fc.record({
      kind: fc.constant('corrupt' as const),
      a: fc.constant('n2'),
      b: fc.constant('n1'),
      atByte: fc.integer({ min: 0, max: 9_999_999 }),
    }),
  ),
});

describe('session ⇄ URL query', () => {
  it('round-trips any valid session and time exactly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIOS.map((s) => s.id)),
        fc.bigInt({ min: 0n, max: U64_MAX }),
        fc.constantFrom(...CHAOS_PRESETS),
        fc.array(scriptEntry, { maxLength: 6 }),
        fc.option(fc.integer({ min: 0, max: 3_600_000_000 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
        (scenario, seed, chaos, entries, atUs, atEvents) => {
          const script: ScriptEntry[] = [...entries].sort((a, b) => a.atUs - b.atUs);
          const made = makeSession({ scenario, seed, chaos, script });
          if (!made.ok) return; // e.g. a script naming n2 in a one-node topology
          const parsed = sessionFromQuery(`?${sessionToQuery(made.session, atUs, atEvents)}`);
          expect(parsed.ok && parsed.state).toEqual({
            session: made.session,
            atUs,
            atEvents: atUs === null ? null : atEvents,
          });
        },
      ),
    );
  });

  it('names every bad parameter of a malformed link at once', () => {
    const r = sessionFromQuery(
      '?scenario=ping-pong&seed=12x&chaos=hurricane&p.pings=lots&script=1s_explode_n1&t=-5&evil=%3Cscript%3E',
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.join('\n')).toMatch(/seed must be a decimal integer/);
    expect(errors.join('\n')).toMatch(/parameter p\.pings must be an integer/);
    expect(errors.join('\n')).toMatch(/script entry 1 .*unknown intervention "explode"/);
    expect(errors.join('\n')).toMatch(/t must be a time in milliseconds/);
    expect(errors.join('\n')).toMatch(/unknown link parameter "evil"/);
  });

  it('rejects unknown scenarios, out-of-range params, unknown nodes, bad encoding and oversized links', () => {
    const cases: [string, RegExp][] = [
      ['?scenario=nope', /unknown scenario "nope"/],
      ['?scenario=ping-pong&chaos=hurricane', /unknown chaos preset "hurricane"/],
      ['?scenario=mesh&p.nodes=999', /parameter nodes must be an integer from 2 to 32/],
      ['?scenario=ping-pong&p.bogus=1', /has no parameter "bogus"/],
      ['?scenario=ping-pong&script=1s_kill_n9', /node "n9"/],
      ['?scenario=ping-pong&seed=%E0%A4%A', /not valid percent-encoding/],
      ['?scenario=ping-pong&seed=1&seed=2', /given twice/],
      ['?scenario=ping-pong&t=1500@many', /event count after "@" must be a whole number/],
      [`?scenario=ping-pong&script=${'1s_heal~'.repeat(4000)}`, /too long/],
    ];
    for (const [query, message] of cases) {
      const r = sessionFromQuery(query);
      expect(r.ok, query).toBe(false);
      expect(r.ok ? '' : r.errors.join('\n'), query).toMatch(message);
    }
  });

  it('accepts the UI-only embed parameter without changing the session or writing it back', () => {
    const plain = sessionFromQuery('?scenario=mesh&seed=3&t=1500');
    const embedded = sessionFromQuery('?scenario=mesh&seed=3&embed=1&t=1500');
    expect(embedded.ok).toBe(true);
    expect(embedded).toEqual(plain);
    expect(embedded.ok && sessionToQuery(embedded.state.session, embedded.state.atUs)).not.toMatch(
      /embed/,
    );
    expect(sessionFromQuery('?scenario=mesh&embed=1&embed=1').ok).toBe(false); // still strict: given twice
  });

  it('accepts engine=main|worker (where the page runs the engine) and names a bad value', () => {
    const plain = sessionFromQuery('?scenario=mesh&seed=3&t=1500');
    expect(sessionFromQuery('?scenario=mesh&seed=3&engine=main&t=1500')).toEqual(plain);
    expect(sessionFromQuery('?scenario=mesh&seed=3&engine=worker&t=1500')).toEqual(plain);
    expect(sessionFromQuery('?scenario=mesh&engine=gpu')).toEqual({
      ok: false,
      errors: ['engine must be main or worker, got "gpu"'],
    });
  });

  it('an empty query is the default session', () => {
    const r = sessionFromQuery('');
    expect(r.ok && r.state.session.scenario).toBe('ping-pong');
    expect(r.ok && r.state.session.seed).toBe(1n);
    expect(r.ok && r.state.atUs).toBe(null);
  });
});

describe('salvaging a malformed link', () => {
  it('keeps every valid parameter and drops each bad one, whatever their order', () => {
    const { state, dropped } = salvageQuery(
      '?p.nodes=999&chaos=storm&seed=7&t.jitter=9&scenario=mesh&script=1s_kill_n9&profile=fdb&t=2500&bogus=1',
    );
    expect(dropped).toEqual(['p.nodes=999', 't.jitter=9', 'script=1s_kill_n9', 'bogus=1']);
    expect(state.session).toMatchObject({
      scenario: 'mesh',
      seed: 7n,
      chaos: 'storm',
      transport: { profile: 'fdb' },
    });
    expect(state.session.params.nodes).toBe(5);
    expect(state.atUs).toBe(2_500_000);
  });

  it('falls back to the default scenario when the scenario itself is bad', () => {
    const { state, dropped } = salvageQuery('scenario=nope&seed=3');
    expect(dropped).toEqual(['scenario=nope']);
    expect(state.session).toMatchObject({ scenario: 'ping-pong', seed: 3n });
  });
});
