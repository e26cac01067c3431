import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  closest,
  COMMAND_NAMES,
  complete,
  editDistance,
  HELP,
  helpLines,
  parseCommand,
  tokenize,
  type Command,
} from './commands';
import { MUTANT_IDS, MUTANTS } from '../core/mutants/catalogue';

const ok = (line: string): Command => {
  const r = parseCommand(line);
  if ('error' in r) throw new Error(`expected "${line}" to parse, got: ${r.error}`);
  return r;
};
const err = (line: string): string => {
  const r = parseCommand(line);
  if (!('error' in r))
    throw new Error(
      `expected "${line}" to fail, got ${JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`,
    );
  return r.error;
};

describe('tokenize', () => {
  it('splits on whitespace and groups quotes', () => {
    expect(tokenize('  partition   n1\tn2 ')).toEqual(['partition', 'n1', 'n2']);
    expect(tokenize(`help "a b" 'c d'`)).toEqual(['help', 'a b', 'c d']);
    expect(tokenize('x "" y')).toEqual(['x', '', 'y']);
    expect(tokenize('a"b c"d')).toEqual(['ab cd']);
    expect(tokenize('"say \\"hi\\""')).toEqual(['say "hi"']);
    expect(tokenize("'no \\escape'")).toEqual(['no \\escape']);
    expect(tokenize('a\\ b')).toEqual(['a b']);
    expect(tokenize('')).toEqual([]);
  });
  it('reports unterminated quotes', () => {
    expect(tokenize('help "oops')).toEqual({ error: 'unterminated double quote' });
    expect(tokenize("help 'oops")).toEqual({ error: 'unterminated single quote' });
  });
});

describe('parseCommand', () => {
  it('parses time commands', () => {
    expect(ok('')).toEqual({ kind: 'noop' });
    expect(ok('   ')).toEqual({ kind: 'noop' });
    expect(ok('step')).toEqual({ kind: 'step', events: 1 });
    expect(ok('step 20')).toEqual({ kind: 'step', events: 20 });
    expect(ok('STEP 3')).toEqual({ kind: 'step', events: 3 });
    expect(ok('run 5s')).toEqual({ kind: 'run', durationUs: 5_000_000 });
    expect(ok('run 250ms')).toEqual({ kind: 'run', durationUs: 250_000 });
    expect(ok('seek 2.5s')).toEqual({ kind: 'seek', timeUs: 2_500_000 });
    expect(ok('seek 0')).toEqual({ kind: 'seek', timeUs: 0 });
    expect(ok('play')).toEqual({ kind: 'play' });
    expect(ok('pause')).toEqual({ kind: 'pause' });
  });

  it('rejects bad time arguments with a reason', () => {
    expect(err('step 0')).toMatch(/at least 1/);
    expect(err('step -1')).toMatch(/whole number/);
    expect(err('step 1.5')).toMatch(/whole number/);
    expect(err('step 5ms')).toBe('step counts events; to advance by 5ms use: run 5ms');
    expect(err('step 999999')).toMatch(/at most 10000/);
    expect(err('step 1 2')).toMatch(/usage: step/);
    expect(err('run')).toMatch(/usage: run <duration>/);
    expect(err('run 5')).toMatch(/needs a unit: e.g. 5ms or 5s/);
    expect(err('run 5 parsecs')).toMatch(/usage: run/);
    expect(err('run soon')).toMatch(/bad duration "soon"/);
    expect(err('run 0s')).toMatch(/above zero/);
    expect(err('seek')).toMatch(/usage: seek/);
    expect(err('seek 2500')).toMatch(/needs a unit/);
    expect(err('play now')).toBe('play takes no arguments');
  });

  it('parses every intervention through core', () => {
    expect(ok('partition n1 n2')).toEqual({
      kind: 'intervene',
      action: { kind: 'partition', a: 'n1', b: 'n2', oneWay: false },
    });
    expect(ok('partition n1 n2 --oneway')).toEqual({
      kind: 'intervene',
      action: { kind: 'partition', a: 'n1', b: 'n2', oneWay: true },
    });
    expect(ok('heal')).toEqual({ kind: 'intervene', action: { kind: 'heal' } });
    expect(ok('heal n1 n2')).toEqual({
      kind: 'intervene',
      action: { kind: 'heal', a: 'n1', b: 'n2' },
    });
    expect(ok('isolate n3')).toEqual({
      kind: 'intervene',
      action: { kind: 'isolate', node: 'n3' },
    });
    expect(ok('clog n1 n2 500ms')).toEqual({
      kind: 'intervene',
      action: { kind: 'clog', a: 'n1', b: 'n2', durationUs: 500_000 },
    });
    expect(ok('corrupt n1 n2')).toEqual({
      kind: 'intervene',
      action: { kind: 'corrupt', a: 'n1', b: 'n2' },
    });
    expect(ok('kill n2')).toEqual({ kind: 'intervene', action: { kind: 'kill', node: 'n2' } });
    expect(ok('restart n2')).toEqual({
      kind: 'intervene',
      action: { kind: 'restart', node: 'n2' },
    });
    expect(ok('spike n1 n2 200ms 3s')).toEqual({
      kind: 'intervene',
      action: { kind: 'spike', a: 'n1', b: 'n2', latencyUs: 200_000, durationUs: 3_000_000 },
    });
  });

  it('does not check node names against a topology (the engine does)', () => {
    expect(ok('kill n99')).toEqual({ kind: 'intervene', action: { kind: 'kill', node: 'n99' } });
  });

  it('rejects bad intervention arguments', () => {
    expect(err('partition n1')).toMatch(/usage: partition <a> <b>/);
    expect(err('partition n1 n2 sideways')).toMatch(/usage: partition/);
    expect(err('clog n1 n2')).toMatch(/usage: clog/);
    expect(err('clog n1 n2 500')).toMatch(/needs a unit/);
    expect(err('spike n1 n2 200ms')).toMatch(/usage: spike/);
    expect(err('kill')).toMatch(/usage: kill <node>/);
    expect(err('restart')).toMatch(/seek 0/);
    expect(err('heal n1 n2 n3')).toMatch(/usage: heal/);
    expect(err('kill n$1')).toMatch(/not a node name/);
  });

  it('parses run-level commands', () => {
    expect(ok('seed 42')).toEqual({ kind: 'seed', seed: 42n });
    expect(ok('seed 18446744073709551615')).toEqual({ kind: 'seed', seed: 18446744073709551615n });
    expect(ok('seed')).toEqual({ kind: 'seed', seed: null });
    expect(ok('seed random')).toEqual({ kind: 'seed', seed: 'random' });
    expect(err('seed -1')).toMatch(/decimal integer/);
    expect(err('seed 18446744073709551616')).toMatch(/larger than 2\^64/);
    expect(err('seed 1 2')).toMatch(/usage: seed/);
    expect(ok('scenario ping-pong')).toEqual({ kind: 'scenario', id: 'ping-pong' });
    expect(ok('scenario')).toEqual({ kind: 'scenario', id: null });
    expect(err('scenario ping-pnog')).toMatch(
      /unknown scenario "ping-pnog" — did you mean ping-pong\?/,
    );
    expect(ok('chaos storm')).toEqual({ kind: 'chaos', preset: 'storm' });
    expect(ok('chaos')).toEqual({ kind: 'chaos', preset: null });
    expect(err('chaos strom')).toMatch(/did you mean storm\?/);
    expect(ok('hash')).toEqual({ kind: 'hash' });
    expect(ok('link')).toEqual({ kind: 'link' });
    expect(ok('clear')).toEqual({ kind: 'clear' });
  });

  it('parses mutant: list, an id from the catalogue, off; one clear error for anything else', () => {
    expect(ok('mutant')).toEqual({ kind: 'mutant', id: null });
    expect(ok('mutant misroute-replies')).toEqual({ kind: 'mutant', id: 'misroute-replies' });
    expect(ok('MUTANT Drop-Replies')).toEqual({ kind: 'mutant', id: 'drop-replies' });
    expect(ok('mutant off')).toEqual({ kind: 'mutant', id: 'off' });
    expect(ok('mutant none')).toEqual({ kind: 'mutant', id: 'off' });
    for (const m of MUTANTS) expect(ok(`mutant ${m.id}`)).toEqual({ kind: 'mutant', id: m.id });
    const unknown = err('mutant nope');
    expect(unknown).toMatch(
      /^unknown mutant "nope" \(one of: forget-reliable, misroute-replies, .*spurious-endpoint-not-found; or off\)$/,
    );
    for (const id of MUTANT_IDS) expect(unknown).toContain(id);
    expect(err('mutant misroute-reply')).toMatch(/did you mean misroute-replies\?/);
    expect(err('mutant "<img src=x>"')).toMatch(/^unknown mutant "<img src=x>"/);
    expect(err(`mutant ${'x'.repeat(500)}`)).toMatch(/"x{40}…"/);
    expect(err('mutant drop-replies off')).toBe('usage: mutant [<id>|off]');
  });

  it('parses help', () => {
    expect(ok('help')).toEqual({ kind: 'help', topic: null });
    expect(ok('help Partition')).toEqual({ kind: 'help', topic: 'partition' });
    expect(ok('?')).toEqual({ kind: 'help', topic: null });
    expect(err('help a b')).toMatch(/usage: help/);
  });

  it('parses filters into nodes, kinds, prefixes and categories', () => {
    expect(ok('filter')).toEqual({ kind: 'filter', show: true });
    expect(ok('filter off')).toEqual({ kind: 'filter', show: false, filter: null });
    expect(ok('filter n1')).toEqual({
      kind: 'filter',
      show: false,
      filter: { nodes: ['n1'], kinds: [], prefixes: [], categories: [] },
    });
    expect(ok('filter n1 fault rpc_failed rpc_*')).toEqual({
      kind: 'filter',
      show: false,
      filter: { nodes: ['n1'], kinds: ['rpc_failed'], prefixes: ['rpc_'], categories: ['fault'] },
    });
    expect(err('filter rpc_exploded')).toMatch(/not a trace kind/);
    expect(err('filter zzz_*')).toMatch(/no trace kind starts with "zzz_"/);
    expect(err('filter 10.0.0.1')).toMatch(/not a node, a trace kind or a category/);
  });

  it('suggests the closest command for unknown ones', () => {
    expect(err('partiton n1 n2')).toBe(
      'unknown command "partiton" — did you mean partition? (type help for the list)',
    );
    expect(err('hsah')).toMatch(/did you mean hash\?/);
    expect(err('sek 1s')).toMatch(/did you mean seek\?/);
    expect(err('iso n1')).toMatch(/did you mean isolate\?/);
    expect(err('xyzzy')).toBe('unknown command "xyzzy" (type help for the list)');
    expect(err('"unterminated')).toMatch(/unterminated/);
    expect(err('x'.repeat(5000))).toMatch(/too long/);
  });
});

describe('suggestions and completion', () => {
  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('hsah', 'hash')).toBe(1);
  });
  it('finds close names only', () => {
    expect(closest('psuse', COMMAND_NAMES)).toBe('pause');
    expect(closest('elephant', COMMAND_NAMES)).toBeNull();
    expect(closest('', COMMAND_NAMES)).toBeNull();
  });
  it('completes command names and some arguments', () => {
    expect(complete('par')).toEqual({ line: 'partition ', options: [] });
    expect(complete('s')).toEqual({
      line: 's',
      options: ['step', 'seek', 'spike', 'seed', 'scenario'],
    });
    expect(complete('se')).toEqual({ line: 'see', options: ['seek', 'seed'] });
    expect(complete('sc')).toEqual({ line: 'scenario ', options: [] });
    expect(complete('chaos st')).toEqual({ line: 'chaos storm ', options: [] });
    expect(complete('scenario ping')).toEqual({ line: 'scenario ping-pong ', options: [] });
    expect(complete('mutant misr')).toEqual({ line: 'mutant misroute-replies ', options: [] });
    expect(complete('mutant of')).toEqual({ line: 'mutant off ', options: [] });
    expect(complete('mutant backoff-never-')).toEqual({
      line: 'mutant backoff-never-',
      options: ['backoff-never-grows', 'backoff-never-resets'],
    });
    expect(complete('kill n')).toEqual({ line: 'kill n', options: [] });
    expect(complete('zzz')).toEqual({ line: 'zzz', options: [] });
  });
});

describe('HELP', () => {
  it('documents every command the parser knows, with examples that parse', () => {
    for (const entry of HELP) {
      expect(
        'error' in parseCommand(entry.name) &&
          /unknown command/.test((parseCommand(entry.name) as { error: string }).error),
      ).toBe(false);
      for (const example of entry.examples)
        expect(parseCommand(example)).not.toHaveProperty('error');
    }
  });
  it('lists everything and explains one command', () => {
    const all = helpLines('all');
    expect('lines' in all && all.lines.join('\n')).toMatch(
      / {2}partition <a> <b> \[--oneway\] +cut the link between two nodes/,
    );
    const summary = helpLines(null);
    expect('lines' in summary && summary.lines.length).toBeLessThanOrEqual(8); // a screenful, not a manual
    expect('lines' in summary && summary.lines[0]).toBe(
      'time     step [n] · run <duration> · seek <time> · play · pause',
    );
    const narrow = helpLines(null, 60);
    expect('lines' in narrow && narrow.lines.slice(0, -1).every((l) => l.length <= 60)).toBe(true);
    expect(
      'lines' in narrow &&
        narrow.lines.some(
          (l) => l.startsWith('         kill <node>') || l.includes('· kill <node>'),
        ),
    ).toBe(true);
    expect('lines' in all && all.lines.join('\n')).toMatch(
      / {2}mutant \[<id>\|off\] +rerun this session/,
    );
    expect(helpLines('mutant')).toEqual({
      lines: expect.arrayContaining([
        'mutant [<id>|off] — rerun this session with a deliberately broken transport, or without',
      ]),
    });
    const one = helpLines('clog');
    expect('lines' in one && one.lines[0]).toBe(
      'clog <a> <b> <duration> — hold bytes from a to b for a while',
    );
    expect(helpLines('parition')).toEqual({
      error: 'no help for "parition" — did you mean partition? (type help for the list)',
    });
  });
});

describe('properties', () => {
  it('parseCommand never throws and always returns a command or an error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        const r = parseCommand(line);
        expect(typeof r).toBe('object');
        expect('error' in r ? typeof r.error === 'string' : typeof r.kind === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
  it('never throws on lines built from command words', () => {
    const word = fc.oneof(
      fc.constantFrom(
        ...COMMAND_NAMES,
        'n1',
        'n2',
        '--oneway',
        'off',
        'random',
        '5s',
        '0',
        '1e9',
        '-3',
        '"',
        "'",
        '\\',
        'rpc_*',
        'fault',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (words) => {
        const r = parseCommand(words.join(' '));
        expect(typeof r).toBe('object');
      }),
      { numRuns: 2000 },
    );
  });
  it('tokenize round-trips words quoted with double quotes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), (words) => {
        const line = words.map((w) => `"${w.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(' ');
        expect(tokenize(line)).toEqual(words);
      }),
    );
  });
});
