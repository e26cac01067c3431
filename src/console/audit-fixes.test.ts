/*
 * The console's side of the audit's D1 (../shared/reviews/audit-findings.md):
 * `clog n1 n2 0ms` and `partition n1 n1` used to parse, then throw in the
 * engine after the entry was recorded in the session. Now the line is an error
 * and nothing reaches the engine; the engine refuses such an action too.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands';
import { createEngine } from '../core/engine';
import { makeSession } from '../core/session';

describe('D1: degenerate interventions typed in the console', () => {
  it.each([
    ['clog n1 n2 0ms', /clog n1 n2 0s: the duration must be more than 0/],
    ['partition n1 n1', /partition n1 n1: name two different nodes/],
    ['partition n1 n1 --oneway', /two different nodes/],
    ['spike n1 n2 5ms 0us', /duration must be more than 0/],
    ['corrupt n2 n2', /two different nodes/],
    ['heal n1 n1', /two different nodes/],
  ])('%s is an error, not a command', (line, message) => {
    expect(parseCommand(line)).toEqual({ error: expect.stringMatching(message) });
  });

  it('spike n1 n2 0us 5ms (no added latency) is still a command', () => {
    expect(parseCommand('spike n1 n2 0us 5ms')).toEqual({
      kind: 'intervene',
      action: { kind: 'spike', a: 'n1', b: 'n2', latencyUs: 0, durationUs: 5000 },
    });
  });

  it('and if such an action reaches the engine anyway, it throws and the session stays as it was', () => {
    const made = makeSession({ scenario: 'ping-pong', chaos: 'calm' });
    if (!made.ok) throw new Error(made.errors.join());
    const engine = createEngine(made.session);
    engine.runUntil({ timeUs: 1_000_000 });
    expect(() => engine.apply({ kind: 'clog', a: 'n1', b: 'n2', durationUs: 0 })).toThrow(
      /more than 0/,
    );
    expect(() => engine.apply({ kind: 'partition', a: 'n1', b: 'n1', oneWay: false })).toThrow(
      /two different nodes/,
    );
    expect(engine.session().script).toEqual([]);
  });
});
