/*
 * Tests of "Why?" in the CLI (why-chain.ts through `tidepool run` and
 * `tidepool sweep`), and of `run --trace-out FILE`: in-process through
 * runCli. The failing run is a deliberately broken transport
 * (corrupt-after-checksum) under chaos corrupt, which violates the wire
 * invariant within 3 s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliShared, type CliResult } from './cli-test-kit';
import type { WhyJson } from '../console/why-chain';

const FAILING = [
  'run',
  'mesh',
  '--seed',
  '1',
  '--chaos',
  'corrupt',
  '--until',
  '3s',
  '--mutant',
  'corrupt-after-checksum',
];
const CLEAN = ['run', 'mesh', '--seed', '1', '--until', '1s'];

interface RunJson {
  traceHash: string;
  violations: { seq: number; name: string }[];
  why: WhyJson | null;
  traceOut?: string;
}

function json(r: CliResult): RunJson {
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1)
    throw new Error(`expected one line of JSON, got:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(lines[0] as string) as RunJson;
}

const dir = mkdtempSync(join(tmpdir(), 'tidepool-why-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run: the why of the first violation', () => {
  it('a failing run exits 1 and prints the chain under a heading, invariant_violated first', async () => {
    const r = await cliShared(FAILING);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('why the first violation happened'));
    expect(at).toBeGreaterThan(0);
    const summary = lines[at + 1] as string;
    expect(summary).toMatch(/^\s+why #\d+: invariant_violated ← /);
    const firstLink = lines[at + 2] as string;
    expect(firstLink).toMatch(/^\s+#\d+ .*invariant_violated/);
    const seq = Number(/#(\d+)/.exec(summary)?.[1]);
    expect(firstLink).toContain(`#${seq} `);
    // Every following line of the chain is a link, each caused by the next: "← #seq".
    const chainLines = lines.slice(at + 3).filter((l) => l.trim().startsWith('← #'));
    expect(chainLines.length).toBeGreaterThan(0);
    const seqs = [seq, ...chainLines.map((l) => Number(/← #(\d+)/.exec(l)?.[1]))];
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeLessThan(seqs[i - 1] as number);
    // The heading comes after the summary block, not before the violations.
    expect(r.stdout.indexOf('violation(s)')).toBeLessThan(
      r.stdout.indexOf('why the first violation happened'),
    );
  });

  it('--json has why: a summary, how it ended, and links from the violation back', async () => {
    const r = await cliShared([...FAILING, '--json']);
    expect(r.status).toBe(1);
    const j = json(r);
    expect(j.violations.length).toBeGreaterThan(0);
    const why = j.why as WhyJson;
    expect(why).not.toBeNull();
    expect(why.links[0]?.kind).toBe('invariant_violated');
    expect(why.links[0]?.seq).toBe(j.violations[0]?.seq);
    expect(['root', 'no cause', 'too long', 'not kept']).toContain(why.end);
    expect(why.end).toBe('root');
    expect(why.links.at(-1)?.kind).toBe('run_started');
    expect(why.summary).toBe(
      `why #${why.links[0]?.seq}: ${why.links.map((l) => l.kind).join(' ← ')}`,
    );
    for (let i = 1; i < why.links.length; i++) {
      expect(why.links[i]?.seq).toBeLessThan(why.links[i - 1]?.seq as number);
      expect(why.links[i]?.timeUs).toBeLessThanOrEqual(why.links[i - 1]?.timeUs as number);
    }
    for (const l of why.links) expect(l.text).toContain(l.kind);
    // The text output shows the same chain.
    const text = await cliShared(FAILING);
    expect(text.stdout).toContain(why.summary);
  });

  it('a clean run has no why (text: no heading; JSON: why null)', async () => {
    const text = await cliShared(CLEAN);
    expect(text.status).toBe(0);
    expect(text.stdout).not.toContain('why the first violation');
    const j = await cliShared([...CLEAN, '--json']);
    expect(j.status).toBe(0);
    const parsed = json(j);
    expect(parsed.violations).toEqual([]);
    expect(parsed).toHaveProperty('why', null);
  });
});

describe('run --trace-out FILE', () => {
  it('writes the run as Trace Event JSON whose traceHash is the run’s', async () => {
    const file = join(dir, 'clean.json');
    const r = await cli([...CLEAN, '--trace-out', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${file}`);
    const printed = /trace hash\s+([0-9a-f]{16})/.exec(r.stdout)?.[1];
    expect(printed).toMatch(/^[0-9a-f]{16}$/);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      traceEvents: unknown[];
      otherData: { traceHash: string };
    };
    expect(Array.isArray(exported.traceEvents)).toBe(true);
    expect(exported.traceEvents.length).toBeGreaterThan(0);
    expect(exported.otherData.traceHash).toBe(printed);
    // Writing the trace does not change the run.
    expect(json(await cliShared([...CLEAN, '--json'])).traceHash).toBe(printed);
  });

  it('--json with --trace-out names the file and its hash matches, on a failing run too', async () => {
    const file = join(dir, 'failing.json');
    const r = await cli([...FAILING, '--json', '--trace-out', file]);
    expect(r.status).toBe(1);
    const j = json(r);
    expect(j.traceOut).toBe(file);
    expect(j.why?.links[0]?.kind).toBe('invariant_violated');
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      traceEvents: unknown[];
      otherData: { traceHash: string };
    };
    expect(exported.traceEvents.length).toBeGreaterThan(0);
    expect(exported.otherData.traceHash).toBe(j.traceHash);
    expect(j.traceHash).toBe(json(await cliShared([...FAILING, '--json'])).traceHash);
  });

  it('a path in a missing directory exits 2 with one line naming --trace-out', async () => {
    const file = join(dir, 'no', 'such', 'dir', 'trace.json');
    const r = await cli([...CLEAN, '--trace-out', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--trace-out');
    expect(lines[0]).toContain('ENOENT');
    expect(existsSync(file)).toBe(false);
  });

  it('--trace-out with no value exits 2', async () => {
    const r = await cli([...CLEAN, '--trace-out']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--trace-out');
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it('--trace-out with an empty name exits 2', async () => {
    const r = await cli([...CLEAN, '--trace-out', '']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--trace-out');
  });
});

describe('sweep: the why of the first failing seed', () => {
  it('--json has why.links for the first failing seed’s first violation', async () => {
    const r = await cli([
      'sweep',
      'mesh',
      '--seeds',
      '2',
      '--until',
      '3s',
      '--chaos',
      'corrupt',
      '--mutant',
      'corrupt-after-checksum',
      '--jobs',
      '1',
      '--json',
    ]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string) as {
      failed: { seed: string; violations: { seq: number }[] }[];
      why: WhyJson | null;
    };
    expect(result.failed.length).toBeGreaterThan(0);
    const why = result.why as WhyJson;
    expect(why).not.toBeNull();
    expect(why.links.length).toBeGreaterThan(1);
    expect(why.links[0]?.kind).toBe('invariant_violated');
    expect(why.links[0]?.seq).toBe(result.failed[0]?.violations[0]?.seq);
    expect(why.end).toBe('root');
    // Seed 1 is the first failing seed: the same chain `run --seed 1` prints.
    expect(result.failed[0]?.seed).toBe('1');
    const run = json(await cliShared([...FAILING, '--json']));
    expect(why).toEqual(run.why);
  });
});
