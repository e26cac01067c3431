/*
 * Unit tests of the CLI's flag parsing (args.ts, on node:util parseArgs):
 * both value syntaxes, repeatable flags, `--`, and every usage error as the
 * one line a user sees, with hostile input shown escaped and clipped.
 */
import { describe, expect, it } from 'vitest';
import { intFlag, parseArgs, single, UsageError, type FlagSpec } from './args';

const SPEC: FlagSpec = {
  values: ['seed', 'param', 'until'],
  switches: ['json', 'list'],
  repeatable: ['param'],
};
const parse = (...argv: string[]) => parseArgs(argv, SPEC);

function usageError(argv: string[]): string {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`no usage error for ${JSON.stringify(argv)}`);
}

describe('parseArgs', () => {
  it('takes `--flag value` and `--flag=value`, switches, and positionals in order', () => {
    const args = parse('echo', '--seed', '42', '--json', 'extra', '--until=2s');
    expect(args.positional).toEqual(['echo', 'extra']);
    expect([...args.values]).toEqual([
      ['seed', ['42']],
      ['until', ['2s']],
    ]);
    expect([...args.switches]).toEqual(['json']);
    expect(single(args, 'seed')).toBe('42');
    expect(single(args, 'param')).toBeUndefined();
  });

  it('collects a repeatable flag in order, whichever syntax each use has', () => {
    expect(parse('--param', 'a=1', '--param=b=2', '--param', 'c=3').values.get('param')).toEqual([
      'a=1',
      'b=2',
      'c=3',
    ]);
  });

  it('takes the next argument as the value even when it starts with a dash (the flag check names the problem)', () => {
    expect(single(parse('--seed', '-1'), 'seed')).toBe('-1');
    expect(single(parse('--until', '--json'), 'until')).toBe('--json');
    expect(single(parse('--seed='), 'seed')).toBe('');
  });

  it('ends the flags at `--`; a switch given twice is still on', () => {
    expect(parse('--', '--seed', '1').positional).toEqual(['--seed', '1']);
    expect([...parse('--json', '--json').switches]).toEqual(['json']);
  });

  it.for<[string[], string]>([
    [['--frobnicate'], 'unknown flag --frobnicate'],
    [['--frob=1'], 'unknown flag --frob'],
    [['-x'], 'unknown flag -x'],
    [['--__proto__'], 'unknown flag --__proto__'],
    [['--seed'], '--seed needs a value'],
    [['echo', '--param'], '--param needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['--list='], '--list takes no value'],
    [['--seed', '1', '--seed', '2'], '--seed given twice'],
    [['--seed=1', '--seed=1'], '--seed given twice'],
    [['--until', '1s', '--bogus', '--until', '2s'], 'unknown flag --bogus'], // the first problem wins
  ])('%j is a usage error: %s', ([argv, message]) => {
    expect(usageError(argv)).toBe(message);
  });

  it('shows an unknown flag with control characters escaped and clipped to 40 characters', () => {
    expect(usageError(['--\u001b[31mRED\u0001'])).toBe('unknown flag --\\x1b[31mRED\\x01');
    const long = usageError([`--${'x'.repeat(10_000)}=1`]);
    expect(long).toBe(`unknown flag --${'x'.repeat(40)}…`);
  });
});

describe('intFlag', () => {
  it('reads an integer in range, or the default', () => {
    expect(intFlag(parse('--seed', '7'), 'seed', 1, 1, 10)).toBe(7);
    expect(intFlag(parse(), 'seed', 3, 1, 10)).toBe(3);
  });

  it('rejects anything else with the input quoted safely', () => {
    expect(() => intFlag(parse('--seed', '11'), 'seed', 1, 1, 10)).toThrow(
      new UsageError('--seed must be an integer from 1 to 10, got "11"'),
    );
    expect(() => intFlag(parse('--seed', '1.5'), 'seed', 1, 1, 10)).toThrow(/got "1\.5"/);
    expect(() => intFlag(parse('--seed', '\u001b'), 'seed', 1, 1, 10)).toThrow(/got "\\x1b"/);
  });
});
