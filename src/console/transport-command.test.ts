/* The console's `profile` and `transport` words: what they parse to, and errors that name the knob. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands';

describe('profile and transport commands', () => {
  it('parse a profile, a list, knobs and reset', () => {
    expect(parseCommand('profile')).toEqual({ kind: 'profile', id: null });
    expect(parseCommand('profile FDB')).toEqual({ kind: 'profile', id: 'fdb' });
    expect(parseCommand('transport')).toEqual({ kind: 'transport', knobs: null });
    expect(parseCommand('transport reset')).toEqual({ kind: 'transport', knobs: 'reset' });
    expect(parseCommand('transport jitter=0 initialBackoffMs=50')).toEqual({
      kind: 'transport',
      knobs: [
        ['jitter', '0'],
        ['initialBackoffMs', '50'],
      ],
    });
  });

  it('reject a bad value, an unknown knob (with a guess) and a bad profile, naming each', () => {
    expect(parseCommand('transport jitter=0 pingTimeoutMs=1')).toEqual({
      error: 'transport knob pingTimeoutMs must be milliseconds from 10 to 600000, got "1"',
    });
    expect(parseCommand('transport jiter=0')).toMatchObject({
      error: expect.stringMatching(/unknown transport knob "jiter".*did you mean jitter\?/),
    });
    expect(parseCommand('transport jitter')).toMatchObject({
      error: expect.stringMatching(/expected knob=value/),
    });
    expect(parseCommand('profile fbd')).toMatchObject({
      error: expect.stringMatching(/unknown transport profile "fbd" — did you mean fdb\?/),
    });
  });
});
