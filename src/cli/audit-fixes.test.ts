/*
 * The CLI's side of the hostile audit (../shared/reviews/audit-findings.md),
 * each reproducer run as the audit ran it (the command line, here in-process
 * through runCli): D1 scripts that passed validation
 * and threw mid-run, D2 check-determinism's MISMATCH at `--until`, D5 the 1 h
 * cap on --until, D6 a duplicated --param, D7 input echoed raw. Each test
 * failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/sim';
import { createEngine } from '../core/engine';
import { parseArgs, UsageError } from './args';
import { checkSeed, runInRandomSteps } from './check-determinism';
import { untilFlag } from './run-command';
import { sessionFromFlags, SESSION_FLAGS } from './session-flags';
import { cli } from './cli-test-kit';

const RUN_FLAGS = {
  values: [...SESSION_FLAGS, 'until'],
  switches: ['json'],
  repeatable: ['param'],
};

function flags(...argv: string[]) {
  return parseArgs(argv, RUN_FLAGS);
}

/** A usage error as runCli prints it: exit 2, nothing on stdout, one line on stderr, no stack. */
async function usageLine(args: string[]): Promise<string> {
  const r = await cli(args);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  return lines[0] as string;
}

describe.concurrent(
  'D1: degenerate scripts are usage errors (exit 2, one line), not crashes mid-run',
  () => {
    const scripts = [
      '1s_partition_n1_n1',
      '1s_partition_n1_n1_oneway',
      '1s_clog_n1_n2_0ms',
      '1s_spike_n1_n2_5ms_0us',
      '1s_corrupt_n2_n2',
      '1s_heal_n1_n1',
    ];
    for (const script of scripts) {
      it(`run ping-pong --script ${script}`, async () => {
        expect(await usageLine(['run', 'ping-pong', '--script', script])).toMatch(
          /^tidepool: --script: script entry 1 .*(two different nodes|duration must be more than 0)/,
        );
      });
    }
    it('check-determinism rejects them the same way', async () => {
      expect(
        await usageLine([
          'check-determinism',
          'ping-pong',
          '--seeds',
          '1',
          '--script',
          '1s_clog_n1_n2_0ms',
        ]),
      ).toMatch(/duration must be more than 0/);
    });
  },
);

describe('D2: check-determinism agrees with a straight run when events are due exactly at --until', () => {
  const reproducer = [
    'hash-chain',
    '--chaos',
    'corrupt',
    '--until',
    '5000480us',
    '--script',
    '5000480us_partition_n2_n1_oneway~5000480us_restart_n2~5000480us_restart_n2~5000480us_heal_n2_n1~5000480us_isolate_n2',
  ];

  it("the audit's reproducer (seed 940528307) matches", () => {
    const args = flags(...reproducer.slice(1));
    const session = sessionFromFlags(reproducer[0], args, 940528307n);
    const result = checkSeed(session, untilFlag(args, session));
    expect(result).toMatchObject({ match: true });
    expect(result.stepped).toBe(result.straight);
  });

  it('runInRandomSteps leaves no event due at or before --until, as runUntil does', () => {
    const args = flags(...reproducer.slice(1));
    const session = sessionFromFlags(reproducer[0], args, 940528307n);
    for (let seed = 1n; seed <= 20n; seed++) {
      const engine = createEngine(session);
      runInRandomSteps(engine, 5_000_480, new Rng(seed, 'stepper'));
      expect(engine.nowUs()).toBe(5_000_480);
      expect(engine.sim.nextEventUs() ?? Infinity).toBeGreaterThan(5_000_480);
    }
  });
});

describe('D5: --until is capped at 1 h of virtual time', () => {
  it('untilFlag rejects more than 1 h and names the cap; 1 h itself is fine', () => {
    const session = sessionFromFlags('mesh', flags());
    expect(() => untilFlag(flags('--until', '525600min'), session)).toThrow(
      new UsageError('--until must be at most 1h (3600s of virtual time), got "525600min"'),
    );
    expect(() => untilFlag(flags('--until', '3600000001us'), session)).toThrow(/at most 1h/);
    expect(untilFlag(flags('--until', '60min'), session)).toBe(3_600_000_000);
  });

  it.concurrent('run, sweep and check-determinism all refuse --until 2h-ish', async () => {
    for (const args of [
      ['run', 'mesh', '--until', '525600min'],
      ['sweep', 'mesh', '--seeds', '1', '--until', '61min'],
      ['check-determinism', 'mesh', '--seeds', '1', '--until', '3601s'],
    ]) {
      expect(await usageLine(args)).toMatch(/^tidepool: --until must be at most 1h/);
    }
  });
});

describe('D6: a parameter given twice is a usage error, as in a link', () => {
  it('sessionFromFlags rejects --param pings=5 --param pings=6', () => {
    expect(() =>
      sessionFromFlags('ping-pong', flags('--param', 'pings=5', '--param', 'pings=6')),
    ).toThrow(new UsageError('--param pings given twice'));
    expect(
      sessionFromFlags('ping-pong', flags('--param', 'pings=5', '--param', 'intervalMs=50')).params,
    ).toMatchObject({ pings: 5, intervalMs: 50 });
  });

  it.concurrent('the command line exits 2', async () => {
    expect(
      await usageLine(['run', 'ping-pong', '--param', 'pings=5', '--param', 'pings=6']),
    ).toMatch(/--param pings given twice/);
  });
});

describe.concurrent('D7: errors show control characters as escapes and clip long input', () => {
  const ESC = '\u001b[31mRED\u0001';
  const cases: [string[], RegExp][] = [
    [['run', 'ping-pong', '--chaos', ESC], /unknown chaos preset "\\x1b\[31mRED\\x01"/],
    [['run', ESC], /unknown scenario "\\x1b\[31mRED\\x01"/],
    [['run', 'ping-pong', `--${ESC}`], /unknown flag --\\x1b\[31mRED\\x01/],
    [['run', 'ping-pong', '--seed', ESC], /--seed: seed must be .* got "\\x1b\[31mRED\\x01"/],
    [
      ['run', 'ping-pong', '--param', `${ESC}=1`],
      /--param expects name=integer, got "\\x1b\[31mRED\\x01=1"/,
    ],
    [['run', 'ping-pong', '--script', `1s_kill_${ESC}`], /"\\x1b\[31mRED\\x01" is not a node name/],
    [
      ['run', 'ping-pong', '--until', `${'9'.repeat(400)}s`],
      /^tidepool: --until: duration "9{40}…" is too large \(see/,
    ],
    [
      ['check-determinism', 'ping-pong', '--seeds', ESC],
      /--seeds must be .* got "\\x1b\[31mRED\\x01"/,
    ],
  ];
  for (const [args, names] of cases) {
    it(JSON.stringify(args).slice(0, 80), async () => {
      const line = await usageLine(args);
      expect(line).toMatch(names);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex
      expect(line.length).toBeLessThan(300);
    });
  }
});
