/*
 * End-to-end tests of the `tidepool` command line: each test runs it in-process
 * through runCli (what bin/tidepool.mjs calls, see cli-test-kit.ts) and checks
 * exit codes, stdout/stderr and the --json summary. The binary itself is
 * smoke-tested in cli-binary.slow.test.ts.
 */
import { MUTANT_IDS } from '../core/mutants/catalogue';
import { describe, it } from 'vitest';
import { cli, cliShared, type CliResult } from './cli-test-kit';
import { scenarioIds } from '../core/scenario/registry';

const HASH = /^[0-9a-f]{16}$/;

interface Summary {
  scenario: string;
  seed: string;
  chaos: string;
  params: Record<string, number>;
  script: string;
  traceHash: string;
  events: number;
  simTimeUs: number;
  faults: Record<string, number>;
  violations: unknown[];
  assertions: { name: string; kind: string; pass: number; fail: number }[];
  traceCounts: Record<string, number>;
  outcomes: Record<string, number>;
  liveness: { status: string; reason: string; judgedFromUs: number | null };
  mutant: string | null;
  replay: string;
}

/** Parses stdout that must be exactly one JSON object on one line; fails loudly otherwise. */
function oneJson<T>(r: CliResult): T {
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  if (r.status !== 0 || lines.length !== 1) {
    throw new Error(
      `expected exit 0 and one line of JSON, got exit ${r.status}:\n${r.stdout}\n${r.stderr}`,
    );
  }
  const value = JSON.parse(lines[0] as string) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not a JSON object: ${lines[0]}`);
  return value as T;
}

async function runJson(args: readonly string[], memo = true): Promise<Summary> {
  return oneJson<Summary>(await (memo ? cliShared : cli)(['run', ...args, '--json']));
}

/** Splits a printed replay command into argv, honouring the single quotes it puts around --script. */
function replayArgv(line: string): string[] {
  const prefix = 'npx tidepool run ';
  if (!line.startsWith(prefix))
    throw new Error(`replay line does not start with "${prefix}": ${line}`);
  return [
    'run',
    ...Array.from(
      line.slice(prefix.length).matchAll(/'([^']*)'|(\S+)/g),
      (m) => (m[1] ?? m[2]) as string,
    ),
  ];
}

function isCount(n: unknown): boolean {
  return Number.isSafeInteger(n) && (n as number) >= 0;
}

const ECHO42 = ['echo', '--seed', '42'];
const SCRIPT = '1s_partition_n1_n2~3s_heal';

describe.concurrent('tidepool run', () => {
  it('run echo --seed 42 --json prints one complete summary object and exits 0', async ({
    expect,
  }) => {
    const r = await cliShared(['run', ...ECHO42, '--json']);
    expect(r.stderr).toBe('');
    const s = oneJson<Summary>(r);
    expect(s.scenario).toBe('echo');
    expect(s.seed).toBe('42');
    expect(typeof s.chaos).toBe('string');
    expect(s.chaos.length).toBeGreaterThan(0);
    expect(s.traceHash).toMatch(HASH);
    expect(Number.isSafeInteger(s.events)).toBe(true);
    expect(s.events).toBeGreaterThan(0);
    expect(s.simTimeUs).toBe(20_000_000);
    expect(s.liveness).toMatchObject({ status: 'held', judgedFromUs: 0 });
    expect(s.mutant).toBeNull();
    expect(s.script).toBe('');
    expect(s.params).toEqual(expect.objectContaining({ clients: expect.any(Number) }));
    expect(typeof s.faults).toBe('object');
    expect(Array.isArray(s.faults)).toBe(false);
    expect(s.violations).toEqual([]);
    expect(Array.isArray(s.assertions)).toBe(true);
    expect(s.assertions.length).toBeGreaterThan(0);
    for (const a of s.assertions) {
      expect(typeof a.name).toBe('string');
      expect(['always', 'sometimes', 'reachable', 'unreachable']).toContain(a.kind);
      expect(isCount(a.pass) && isCount(a.fail)).toBe(true);
      if (a.kind === 'always') expect(a.fail).toBe(0);
    }
    expect(s.assertions.some((a) => a.pass > 0)).toBe(true);
    expect(typeof s.traceCounts).toBe('object');
    expect(s.traceCounts.bytes_delivered).toBeGreaterThan(0);
    for (const n of Object.values(s.traceCounts)) expect(isCount(n) && n > 0).toBe(true);
    expect(s.replay.startsWith('npx tidepool run echo --seed 42 ')).toBe(true);
  });

  it('the same command twice prints byte-identical output', async ({ expect }) => {
    const [a, b] = await Promise.all([
      cli(['run', ...ECHO42, '--json']),
      cli(['run', ...ECHO42, '--json']),
    ]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(oneJson<Summary>(a).traceHash).toBe((await runJson(ECHO42)).traceHash);
  });

  it('different seeds give different trace hashes', async ({ expect }) => {
    const [s42, s43] = await Promise.all([runJson(ECHO42), runJson(['echo', '--seed', '43'])]);
    expect(s43.seed).toBe('43');
    expect(s43.traceHash).toMatch(HASH);
    expect(s43.traceHash).not.toBe(s42.traceHash);
  });

  it('--chaos storm injects faults and changes the hash', async ({ expect }) => {
    const [calm, storm] = await Promise.all([
      runJson([...ECHO42, '--chaos', 'calm']),
      runJson([...ECHO42, '--chaos', 'storm']),
    ]);
    expect(calm.chaos).toBe('calm');
    expect(storm.chaos).toBe('storm');
    expect(storm.traceHash).not.toBe(calm.traceHash);
    expect(Object.keys(storm.faults).length).toBeGreaterThan(0);
    for (const n of Object.values(storm.faults)) expect(isCount(n) && n > 0).toBe(true);
    expect(storm.replay).toContain('--chaos storm');
  });

  it('--until 2s stops the run at 2 s of sim time', async ({ expect }) => {
    const [full, short] = await Promise.all([
      runJson(ECHO42),
      runJson([...ECHO42, '--until', '2s']),
    ]);
    expect(short.simTimeUs).toBe(2_000_000);
    expect(short.events).toBeGreaterThan(0);
    expect(short.events).toBeLessThan(full.events);
    expect(short.traceHash).not.toBe(full.traceHash);
    expect(short.replay).toContain('--until 2s');
  });

  it('--param clients=1 is applied and changes the outcome', async ({ expect }) => {
    const [base, one] = await Promise.all([
      runJson(ECHO42),
      runJson([...ECHO42, '--param', 'clients=1']),
    ]);
    expect(base.params.clients).not.toBe(1);
    expect(one.params.clients).toBe(1);
    expect(one.traceHash).not.toBe(base.traceHash);
    expect(one.events).not.toBe(base.events);
    expect(one.traceCounts.connect_started).toBe(1);
    expect(one.replay).toContain('--param clients=1');
  });

  it('reliable-stream --seed 3 --chaos corrupt --json works', async ({ expect }) => {
    const s = await runJson(['reliable-stream', '--seed', '3', '--chaos', 'corrupt']);
    expect(s.scenario).toBe('reliable-stream');
    expect(s.seed).toBe('3');
    expect(s.chaos).toBe('corrupt');
    expect(s.traceHash).toMatch(HASH);
    expect(s.violations).toEqual([]);
    expect(Object.keys(s.traceCounts).length).toBeGreaterThan(0);
    expect(Object.keys(s.faults).length).toBeGreaterThan(0);
  });

  it('seeds 0 and 2^64-1 are valid and echoed exactly', async ({ expect }) => {
    const [max, zero] = await Promise.all([
      runJson(['echo', '--seed', '18446744073709551615', '--until', '1s']),
      runJson(['echo', '--seed', '0', '--until', '1s']),
    ]);
    expect(max.seed).toBe('18446744073709551615');
    expect(zero.seed).toBe('0');
    expect(max.traceHash).not.toBe(zero.traceHash);
    expect(max.replay).toContain('--seed 18446744073709551615 ');
  });

  it('human output shows the hash and a replay line that reproduces it', async ({ expect }) => {
    const args = [
      'echo',
      '--seed',
      '42',
      '--chaos',
      'storm',
      '--until',
      '3s',
      '--param',
      'clients=2',
    ];
    const [human, json] = await Promise.all([cli(['run', ...args]), runJson(args)]);
    expect(human.status).toBe(0);
    expect(human.stderr).toBe('');
    expect(human.stdout.includes('\u001b[')).toBe(false); // no colour when stdout is not a terminal
    expect(() => JSON.parse(human.stdout)).toThrow();
    const hash = /trace hash\s+([0-9a-f]{16})\b/.exec(human.stdout)?.[1];
    expect(hash).toBe(json.traceHash);
    const replayLines = human.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('replay:'));
    expect(replayLines).toHaveLength(1);
    const replay = (replayLines[0] as string).slice('replay:'.length).trim();
    expect(replay.startsWith('npx tidepool run ')).toBe(true);
    expect(replay).toBe(json.replay);
    const again = oneJson<Summary>(await cli([...replayArgv(replay), '--json']));
    expect(again.traceHash).toBe(hash);
    expect(again.simTimeUs).toBe(3_000_000);
    expect(again.params.clients).toBe(2);
  });

  it('--script partitions and heals, round-trips, and changes the hash', async ({ expect }) => {
    const [plain, scripted] = await Promise.all([
      runJson(ECHO42),
      runJson([...ECHO42, '--script', SCRIPT]),
    ]);
    expect(scripted.script).toBe(SCRIPT);
    expect(scripted.violations).toEqual([]);
    expect(scripted.traceCounts.partition_created).toBeGreaterThanOrEqual(1);
    expect(scripted.traceCounts.partition_healed).toBeGreaterThanOrEqual(1);
    expect(plain.traceCounts.partition_created).toBeUndefined();
    expect(scripted.traceHash).not.toBe(plain.traceHash);
    // The replay command (script in single quotes) reruns the same session.
    const replayed = oneJson<Summary>(await cli([...replayArgv(scripted.replay), '--json']));
    expect(replayed.script).toBe(SCRIPT);
    expect(replayed.traceHash).toBe(scripted.traceHash);
  });

  it('a scripted run is stable across runs', async ({ expect }) => {
    const [a, b] = await Promise.all([
      runJson([...ECHO42, '--script', SCRIPT], false),
      runJson([...ECHO42, '--script', SCRIPT], false),
    ]);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.events).toBe(b.events);
    expect(a.traceCounts).toEqual(b.traceCounts);
  });
});

describe.concurrent(
  'usage errors: exit 2, one `tidepool:` line on stderr, nothing on stdout',
  () => {
    const cases: { args: string[]; names: RegExp }[] = [
      { args: ['run', 'nope'], names: /unknown scenario "nope"/ },
      { args: ['run'], names: /missing <scenario>/ },
      { args: ['run', 'echo', 'extra'], names: /unexpected argument "extra"/ },
      { args: ['run', 'echo', '--seed', '-1'], names: /--seed.*"-1"/ },
      { args: ['run', 'echo', '--seed', 'abc'], names: /--seed.*"abc"/ },
      {
        args: ['run', 'echo', '--seed', '18446744073709551616'],
        names: /--seed.*18446744073709551616/,
      },
      { args: ['run', 'echo', '--seed', '0x10'], names: /--seed.*"0x10"/ },
      { args: ['run', 'echo', '--seed', '1', '--seed', '2'], names: /--seed given twice/ },
      { args: ['run', 'echo', '--until', '5parsecs'], names: /--until.*5parsecs/ },
      { args: ['run', 'echo', '--chaos', 'hurricane'], names: /chaos.*"hurricane"/ },
      { args: ['run', 'echo', '--frobnicate'], names: /unknown flag --frobnicate/ },
      { args: ['run', 'echo', '--seed'], names: /--seed needs a value/ },
      { args: ['run', 'echo', '--json=yes'], names: /--json takes no value/ },
      { args: ['run', 'echo', '--param', 'nope=3'], names: /no parameter "nope"/ },
      { args: ['run', 'echo', '--param', 'clients=999'], names: /clients.*999/ },
      { args: ['run', 'echo', '--param', 'clients=1.5'], names: /--param.*clients=1\.5/ },
      { args: ['run', 'echo', '--script', 'garbage'], names: /--script.*garbage/ },
      { args: ['run', 'echo', '--script', '1s_partition_n1_n9'], names: /node "n9"/ },
      { args: ['check-determinism', 'echo', '--seed', '3'], names: /--seeds/ },
      { args: ['check-determinism', 'echo', '--seeds', '0'], names: /--seeds.*"0"/ },
      { args: ['check-determinism', 'nope', '--seeds', '1'], names: /unknown scenario "nope"/ },
      { args: ['frobnicate'], names: /unknown command "frobnicate"/ },
      { args: [], names: /missing command/ },
      { args: ['run', 'echo', '--until', '5'], names: /needs a unit/ },
      {
        args: ['check-determinism', 'echo', '--from', '18446744073709551615', '--seeds', '2'],
        names: /above 2\^64 - 1/,
      },
    ];
    for (const { args, names } of cases) {
      it(args.join(' '), async ({ expect }) => {
        const r = await cli(args);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.split('\n').filter((l) => l !== '');
        expect(lines).toHaveLength(1); // one line: the problem, and where to find the usage
        expect(lines[0]).toMatch(/^tidepool: \S/);
        expect(lines[0]).toMatch(names);
        expect(lines[0]).toMatch(/see `tidepool help`/);
        expect(r.stderr).not.toMatch(/\n\s+at |Error:/); // no stack trace
      });
    }
  },
);

describe.concurrent('tidepool check-determinism, list, help', () => {
  it('check-determinism echo --seeds 3 --chaos storm reports all seeds deterministic', async ({
    expect,
  }) => {
    const r = await cli(['check-determinism', 'echo', '--seeds', '3', '--chaos', 'storm']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('all 3 seeds deterministic');
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('seed '));
    expect(rows.map((l) => l.split(/\s+/)[1])).toEqual(['1', '2', '3']);
    for (const row of rows) expect(row).toMatch(/straight ([0-9a-f]{16})\s+stepped \1\s+ok$/);
  });

  it('check-determinism --json prints one object whose hashes match `run`', async ({ expect }) => {
    const [r, seed2] = await Promise.all([
      cli(['check-determinism', 'echo', '--seeds', '3', '--chaos', 'storm', '--json']),
      runJson(['echo', '--seed', '2', '--chaos', 'storm']),
    ]);
    expect(r.stderr).toBe('');
    const report = oneJson<{
      seeds: number;
      mismatches: string[];
      results: {
        seed: string;
        straight: string;
        stepped: string;
        events: number;
        match: boolean;
      }[];
    }>(r);
    expect(report.seeds).toBe(3);
    expect(report.mismatches).toEqual([]);
    expect(report.results.map((x) => x.seed)).toEqual(['1', '2', '3']);
    for (const x of report.results) {
      expect(x.straight).toMatch(HASH);
      expect(x.stepped).toBe(x.straight);
      expect(x.match).toBe(true);
    }
    expect(report.results[1]?.straight).toBe(seed2.traceHash);
    expect(report.results[1]?.events).toBe(seed2.events);
  });

  it('check-determinism --from picks the first seed', async ({ expect }) => {
    const report = oneJson<{ results: { seed: string }[] }>(
      await cli([
        'check-determinism',
        'echo',
        '--from',
        '41',
        '--seeds',
        '2',
        '--until',
        '1s',
        '--json',
      ]),
    );
    expect(report.results.map((x) => x.seed)).toEqual(['41', '42']);
  });

  it('check-determinism reliable-stream --seeds 2 exits 0', async ({ expect }) => {
    const r = await cli(['check-determinism', 'reliable-stream', '--seeds', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('all 2 seeds deterministic');
  });

  it('list prints every registered scenario and its parameters', async ({ expect }) => {
    const r = await cli(['list']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const ids = scenarioIds();
    expect(ids).toEqual(expect.arrayContaining(['echo', 'reliable-stream']));
    const [scenarios = '', mutants = ''] = r.stdout.split('\n\n');
    const firstWords = scenarios
      .split('\n')
      .filter((l) => /^\S/.test(l))
      .map((l) => l.split(/\s+/)[0]);
    expect(firstWords).toEqual(ids);
    expect(r.stdout).toMatch(/--param clients=\d+/);
    const mutantIds = mutants
      .split('\n')
      .filter((l) => /^ {2}\S/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(mutantIds).toEqual(MUTANT_IDS);
  });

  it('help and --help print usage and exit 0', async ({ expect }) => {
    const [help, dashHelp] = await Promise.all([cli(['help']), cli(['--help'])]);
    for (const r of [help, dashHelp]) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('tidepool run <scenario>');
      expect(r.stdout).toContain('tidepool check-determinism <scenario>');
    }
  });
});
