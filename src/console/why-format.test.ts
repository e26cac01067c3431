/*
 * Tests of "Why?" as text (why-format.ts) on a real chain — mesh seed 1 chaos
 * corrupt, the first MaybeDelivered — and of the console's `why` command
 * parsing (commands.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine';
import { parseScript } from '../core/intervention';
import { makeSession, type Session } from '../core/session';
import type { TraceEvent } from '../core/sim';
import { chainAmong, type WhyChain } from '../core/why';
import { formatWhyChain, whySummary } from './why-format';
import { formatTraceEvent } from './trace-format';
import { parseCommand } from './commands';

function session(scenario: string, chaos: string, script = ''): Session {
  const entries = parseScript(script);
  if ('error' in entries) throw new Error(entries.error);
  const made = makeSession({ scenario, seed: 1n, chaos, script: entries });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

function eventsOf(s: Session, untilUs: number): TraceEvent[] {
  const engine = createEngine(s, { viewer: true, traceCapacity: 1_000_000 });
  engine.runUntil({ timeUs: untilUs });
  return engine.traceSince(0).events;
}

/** The seq a chain line names: "    #109 …" or "  ← #106 …". */
function lineSeq(line: string): number | null {
  const m = /^ {2}(?: {2}|← )#(\d+) +\S/.exec(line);
  return m ? Number(m[1]) : null;
}

describe('formatWhyChain / whySummary on the mesh corrupt chain', () => {
  let events: TraceEvent[];
  let failed: TraceEvent;
  let chain: WhyChain;

  beforeAll(() => {
    events = eventsOf(session('mesh', 'corrupt'), 200_000);
    failed = events.find(
      (e) => e.kind === 'rpc_failed' && e.error === 'MaybeDelivered',
    ) as TraceEvent;
    chain = chainAmong(failed, events);
  });

  it('summarises the chain on one line, kinds joined by ←, the chaos root marked', () => {
    expect(failed.seq).toBe(109);
    expect(whySummary(chain)).toBe(
      'why #109: rpc_failed ← connection_reset ← connection_reset ← checksum_failed ← bits_flipped (chaos)',
    );
  });

  it('prints the summary, then one line per link starting with its seq, and no note for a root', () => {
    const lines = formatWhyChain(chain);
    expect(lines[0]).toBe(whySummary(chain));
    expect(lines).toHaveLength(1 + chain.links.length);
    const body = lines.slice(1);
    expect(body.map(lineSeq)).toEqual(chain.links.map((e) => e.seq));
    expect(body[0]?.startsWith('    #109 ')).toBe(true);
    for (const line of body.slice(1)) expect(line.startsWith('  ← #')).toBe(true);
    // Each line carries the event's one-line form, after the seq column, aligned for every link.
    body.forEach((line, i) =>
      expect(line.endsWith(formatTraceEvent(chain.links[i] as TraceEvent).text)).toBe(true),
    );
    const textStarts = body.map(
      (line, i) => line.length - formatTraceEvent(chain.links[i] as TraceEvent).text.length,
    );
    expect(new Set(textStarts).size).toBe(1);
    expect(body[1]).toContain('connection_reset');
    expect(body[4]).toContain('bits_flipped');
    expect(lines.join('\n')).not.toMatch(/not kept|goes on|no recorded cause/);
  });

  it("notes 'no longer kept' when older links are gone", () => {
    const checksumSeq = (chain.links[3] as TraceEvent).seq;
    const partial = chainAmong(failed, events.slice(checksumSeq));
    expect(partial.end).toBe('not kept');
    const lines = formatWhyChain(partial);
    expect(lines).toHaveLength(1 + partial.links.length + 1);
    expect(lines.at(-1)).toBe('  (older links are no longer kept)');
    expect(lines.slice(1, -1).map(lineSeq)).toEqual(partial.links.map((e) => e.seq));
  });

  it("notes 'the chain goes on' when it was cut at its length limit", () => {
    const short = chainAmong(failed, events, 2);
    expect(short.end).toBe('too long');
    const lines = formatWhyChain(short);
    expect(lines[0]).toBe('why #109: rpc_failed ← connection_reset');
    expect(lines).toHaveLength(1 + 2 + 1);
    expect(lines.at(-1)).toBe('  (the chain goes on: a long run of timers)');
  });

  it("notes 'no recorded cause' for a chain that ends without a root", () => {
    const orphan = { ...(events[5] as TraceEvent), cause: -1 } as TraceEvent;
    const lines = formatWhyChain({ links: [orphan], end: 'no cause' });
    expect(lines.at(-1)).toBe('  (no recorded cause before this one)');
    expect(lineSeq(lines[1] as string)).toBe(5);
  });

  it('aligns seqs of different widths', () => {
    const lines = formatWhyChain({
      links: [events[109] as TraceEvent, events[7] as TraceEvent, events[0] as TraceEvent],
      end: 'root',
    });
    expect(lines[1]?.startsWith('    #109 ')).toBe(true);
    expect(lines[2]?.startsWith('  ← #7   ')).toBe(true);
    expect(lines[3]?.startsWith('  ← #0   ')).toBe(true);
  });
});

describe("an intervention's chain", () => {
  it('marks a fault made by hand and ends at the intervention', () => {
    const events = eventsOf(session('mesh', 'calm', '1s_partition_n1_n2'), 1_000_000);
    const created = events.find((e) => e.kind === 'partition_created') as TraceEvent;
    const chain = chainAmong(created, events);
    expect(whySummary(chain)).toBe(
      `why #${created.seq}: partition_created (by hand) ← intervention_applied`,
    );
    const lines = formatWhyChain(chain);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('partition n1 n2');
  });
});

describe('parsing `why`', () => {
  it('parses `why`, `why 109` and `why #109`', () => {
    expect(parseCommand('why')).toEqual({ kind: 'why', seq: null });
    expect(parseCommand('why 109')).toEqual({ kind: 'why', seq: 109 });
    expect(parseCommand('why #109')).toEqual({ kind: 'why', seq: 109 });
    expect(parseCommand('  WHY   #0 ')).toEqual({ kind: 'why', seq: 0 });
  });

  it.each([
    ['why x', '"x"'],
    ['why 1 2', '"1 2"'],
    ['why -3', '"-3"'],
    ['why #', '"#"'],
    ['why 1.5', '"1.5"'],
    ['why ##1', '"##1"'],
  ])('%s is an error naming what was wrong', (line, quoted) => {
    const r = parseCommand(line);
    expect('error' in r).toBe(true);
    const error = (r as { error: string }).error;
    expect(error).toMatch(/^why: /);
    expect(error).toContain('event number');
    expect(error).toContain(quoted);
    expect(error.split('\n')).toHaveLength(1);
  });

  it('clips a very long argument in the error', () => {
    const r = parseCommand(`why ${'x'.repeat(500)}`);
    expect('error' in r && r.error.length).toBeLessThan(120);
  });
});
