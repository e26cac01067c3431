/*
 * The golden catalogue, checked headless: every entry of e2e/golden must match
 * what the engine does now (in-process, fast). A tampered copy in a temp dir is
 * reported CHANGED with the differing fields named, and only --update rewrites
 * it. A few runs of the command line (runCli, in-process) cover the exit codes
 * and usage errors. The browser side of the same catalogue is
 * e2e/golden.spec.ts.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioIds } from '../core/scenario/registry';
import { cli } from './cli-test-kit';
import { DEFAULT_GOLDEN_DIR, loadCatalogue, type GoldenEntry } from './golden-catalogue';
import { goldenCommand, runGolden, type GoldenListing, type GoldenReport } from './golden-command';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of the catalogue (or of some entries) to tamper with. */
function copyCatalogue(names?: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tidepool-golden-'));
  temps.push(dir);
  for (const f of readdirSync(DEFAULT_GOLDEN_DIR)) {
    if (f.endsWith('.json') && (names === undefined || names.includes(f.slice(0, -5))))
      cpSync(join(DEFAULT_GOLDEN_DIR, f), join(dir, f));
  }
  return dir;
}

function edit(
  file: string,
  change: (json: { expect: Record<string, Record<string, unknown>> }) => void,
): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    expect: Record<string, Record<string, unknown>>;
  };
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

function snapshot(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir).map((f) => [
      f,
      `${statSync(join(dir, f)).mtimeMs}|${readFileSync(join(dir, f), 'utf8')}`,
    ]),
  );
}

function command(argv: string[]): { status: number; text: string } {
  let text = '';
  const status = goldenCommand(argv, { write: (s: string) => void (text += s) });
  return { status, text };
}

const entries = (): GoldenEntry[] =>
  loadCatalogue(DEFAULT_GOLDEN_DIR).map((l) =>
    l.ok ? l.entry : expect.unreachable(`${l.file}: ${l.error}`),
  );

describe('the golden catalogue (e2e/golden)', () => {
  it('every entry matches what the engine does now, and a check writes nothing', () => {
    const before = snapshot(DEFAULT_GOLDEN_DIR);
    const report = runGolden(DEFAULT_GOLDEN_DIR, false);
    const bad = report.entries.filter((e) => e.status !== 'ok');
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(report.entries.length).toBeGreaterThanOrEqual(10);
    expect(report.ok).toBe(true);
    expect(snapshot(DEFAULT_GOLDEN_DIR)).toEqual(before);
  });

  it('covers every scenario, the main chaos presets and scripted interventions (one of them mid-instant)', () => {
    const all = entries();
    expect(new Set(all.map((e) => e.session.scenario))).toEqual(new Set(scenarioIds()));
    const chaos = new Set<string>(all.map((e) => e.session.chaos));
    for (const preset of ['calm', 'storm', 'corrupt', 'partitions'])
      expect(chaos.has(preset), preset).toBe(true);
    const kinds = new Set<string>(all.flatMap((e) => e.session.script.map((s) => s.action.kind)));
    for (const kind of ['partition', 'heal', 'kill', 'restart', 'clog', 'corrupt'])
      expect(kinds.has(kind), kind).toBe(true);
    expect(all.some((e) => e.session.script.some((s) => s.afterEvents !== undefined))).toBe(true);
    for (const e of all) {
      expect(e.description.length).toBeGreaterThan(20);
      expect(e.expect?.violations).toBe(0);
    }
  });
});

describe('tidepool golden on a tampered copy (--dir)', () => {
  it('reports a changed fact as CHANGED, naming the field, and exits 1', () => {
    const dir = copyCatalogue(['ping-pong-partition-heal-kill', 'echo-mid-instant-corrupt']);
    edit(join(dir, 'ping-pong-partition-heal-kill.json'), (j) => {
      j.expect.peerStates = { 'n1>10.0.0.2:4500': 'connected' };
      (j.expect.traceCounts as Record<string, number>).rpc_failed = 99;
    });
    const { status, text } = command(['--dir', dir]);
    expect(status).toBe(1);
    const row = text.split('\n').find((l) => l.includes('ping-pong-partition-heal-kill')) ?? '';
    expect(row).toMatch(
      /^\s+CHANGED\s+ping-pong-partition-heal-kill\s+6s\s+peerStates\[n1>10\.0\.0\.2:4500\], traceCounts\[rpc_failed\]$/,
    );
    expect(text).toContain('peerStates[n1>10.0.0.2:4500]: connected -> disconnected');
    expect(text).toContain('traceCounts[rpc_failed]: 99 -> 2');
    expect(text).toMatch(/^\s+ok\s+echo-mid-instant-corrupt\s/m);
    expect(text).toContain('2 sessions: 1 ok, 1 CHANGED');
  });

  it('--json lists each entry with its status and differences', () => {
    const dir = copyCatalogue(['mesh-storm']);
    edit(join(dir, 'mesh-storm.json'), (j) => {
      (j.expect as unknown as Record<string, unknown>).traceHash = '0000000000000000';
    });
    const { status, text } = command(['--dir', dir, '--json']);
    expect(status).toBe(1);
    const report = JSON.parse(text) as GoldenReport;
    expect(report.ok).toBe(false);
    expect(report.entries).toHaveLength(1);
    expect(report.entries[0]).toMatchObject({
      name: 'mesh-storm',
      status: 'CHANGED',
      differences: [{ field: 'traceHash', expected: '0000000000000000' }],
    });
    expect(report.entries[0]?.url).toMatch(/^\?scenario=mesh&seed=3&chaos=storm&.*t=2500$/);
  });

  it('--update rewrites only the changed entry, back to the catalogue text; then the check passes', () => {
    const dir = copyCatalogue();
    const original = readFileSync(join(dir, 'hash-chain-corrupt.json'), 'utf8');
    edit(join(dir, 'hash-chain-corrupt.json'), (j) => {
      j.expect.outcomes = {
        ...j.expect.outcomes,
        appended: Number(j.expect.outcomes?.appended) + 1,
      }; // tamper with one fact
    });
    const untouched = snapshot(dir);
    const { status, text } = command(['--dir', dir, '--update']);
    expect(status).toBe(0);
    expect(text).toMatch(/^\s+updated\s+hash-chain-corrupt\s+6s\s+outcomes\[appended\]$/m);
    expect(text.match(/updated/g)).toHaveLength(2); // the row and the tally
    expect(readFileSync(join(dir, 'hash-chain-corrupt.json'), 'utf8')).toBe(original);
    const after = snapshot(dir);
    for (const [f, stamp] of untouched)
      if (f !== 'hash-chain-corrupt.json') expect(after.get(f), f).toBe(stamp);
    expect(command(['--dir', dir]).status).toBe(0);
  });

  it('--update fills in a new entry that has only a session; an unreadable entry is INVALID (exit 1)', () => {
    const dir = copyCatalogue([]);
    const session = { scenario: 'echo', seed: '5', chaos: 'calm', time: '1s' };
    writeFileSync(
      join(dir, 'new.json'),
      JSON.stringify({ description: 'a new session, facts to be filled in', session }),
    );
    expect(command(['--dir', dir])).toMatchObject({ status: 1 });
    expect(command(['--dir', dir, '--update']).status).toBe(0);
    const filled = JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8')) as {
      expect: Record<string, unknown>;
    };
    expect(filled.expect).toMatchObject({
      timeUs: 1_000_000,
      violations: 0,
      nodesAlive: ['n1', 'n2', 'n3', 'n4'],
    });
    expect(filled.expect.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(command(['--dir', dir]).status).toBe(0);

    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ description: 'bad', session: { ...session, chaos: 'hurricane' } }),
    );
    const { status, text } = command(['--dir', dir, '--update']);
    expect(status).toBe(1);
    expect(text).toMatch(/INVALID\s+bad\s+.*unknown chaos preset "hurricane"/);
  });
});

describe('tidepool golden --list', () => {
  it('runs nothing and gives each entry its link and expected facts (what the browser spec opens)', () => {
    const { status, text } = command(['--list', '--json']);
    expect(status).toBe(0);
    const listing = (JSON.parse(text) as { entries: GoldenListing[] }).entries;
    const byName = new Map(listing.map((e) => [e.name, e]));
    expect([...byName.keys()]).toEqual(entries().map((e) => e.name));
    const pp = byName.get('ping-pong-partition-heal-kill');
    expect(pp?.url).toBe(
      '?scenario=ping-pong&seed=42&chaos=calm&p.pings=600&p.intervalMs=100&p.deadlineMs=700&script=1s_partition_n1_n2~3s_heal~5s_kill_n2&t=6000',
    );
    expect(pp?.expect?.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(byName.get('echo-mid-instant-corrupt')?.url).toContain(
      'script=2502720us@1906_corrupt_n2_n1&t=3000',
    );
  });
});

describe.concurrent('tidepool golden (the command line)', () => {
  it('checks the real catalogue and exits 0 with a table of ok rows', async ({ expect }) => {
    const r = await cli(['golden']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.split('\n').filter((l) => /^\s+(ok|CHANGED|INVALID)\s/.test(l));
    expect(rows.length).toBe(entries().length);
    for (const row of rows) expect(row).toMatch(/^\s+ok\s+\S+\s+\S+\s+[0-9a-f]{16}$/);
  });

  const usage = [
    { args: ['golden', '--check', '--update'], names: /--check and --update exclude each other/ },
    { args: ['golden', '--list', '--update'], names: /--update and --list exclude each other/ },
    { args: ['golden', '--frob'], names: /unknown flag --frob/ },
    { args: ['golden', 'mesh'], names: /golden takes no arguments/ },
    { args: ['golden', '--dir', '/nonexistent/golden'], names: /--dir: no directory/ },
    { args: ['golden', '--update=yes'], names: /--update takes no value/ },
  ];
  for (const { args, names } of usage) {
    it(`${args.join(' ')} is a usage error: one line, exit 2`, async ({ expect }) => {
      const r = await cli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(names);
    });
  }
});
