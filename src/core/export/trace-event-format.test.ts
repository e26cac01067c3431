/*
 * The Perfetto / chrome://tracing export: real runs are exported, parsed and
 * checked against the Trace Event Format's rules (formatProblems below), and
 * against the run they came from — every event is in the file, every call and
 * packet is there with its end, a failed call's slice names its error.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportSessionTrace } from './export-session';
import { LANES, TraceEventWriter, type ExportNode } from './trace-event-format';
import { createEngine } from '../engine';
import { findScenario } from '../scenario/registry';
import { runToEnd, session } from '../testing/scenario-runs';
import { seconds, toTraceEvent, type TraceEvent, type TraceEventOf } from '../sim';
import type { Session } from '../session';
import type { ScriptEntry } from '../intervention';

type Ev = Record<string, unknown> & {
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  name?: string;
  cat?: string;
  id?: unknown;
  args?: Record<string, unknown>;
};
interface Doc {
  traceEvents: Ev[];
  displayTimeUnit: string;
  otherData: Record<string, unknown>;
}

const PHASES = new Set(['B', 'E', 'X', 'i', 'I', 'b', 'e', 'n', 's', 't', 'f', 'M', 'C']);
const METADATA = new Set([
  'process_name',
  'thread_name',
  'process_sort_index',
  'thread_sort_index',
  'process_labels',
]);

/** Every way `doc` breaks the Trace Event Format's rules (JSON object form), as readable lines. */
function formatProblems(doc: unknown): string[] {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as Doc).traceEvents))
    return ['not an object with a traceEvents array'];
  const { traceEvents, displayTimeUnit, otherData } = doc as Doc;
  if (displayTimeUnit !== 'ms' && displayTimeUnit !== 'ns')
    problems.push(`displayTimeUnit ${String(displayTimeUnit)}`);
  if (typeof otherData !== 'object' || otherData === null)
    problems.push('otherData is not an object');
  const processNames = new Set<number>();
  const threadNames = new Set<string>();
  const pidsUsed = new Map<number, number>();
  const threadsUsed = new Map<string, number>();
  const stacks = new Map<string, Ev[]>();
  const lastBE = new Map<string, number>();
  const openAsync = new Map<string, Ev>();
  const openFlows = new Map<string, Ev>();
  const closedAsync = new Set<string>();
  const closedFlows = new Set<string>();
  traceEvents.forEach((e, i) => {
    const at = `#${i} ${JSON.stringify(e).slice(0, 160)}`;
    if (typeof e !== 'object' || e === null) return void problems.push(`${at}: not an object`);
    if (!PHASES.has(e.ph)) problems.push(`${at}: ph ${String(e.ph)}`);
    if (!Number.isInteger(e.pid) || e.pid < 0)
      problems.push(`${at}: pid not a non-negative integer`);
    if (!Number.isInteger(e.tid) || e.tid < 0)
      problems.push(`${at}: tid not a non-negative integer`);
    if (!Number.isInteger(e.ts) || e.ts < 0)
      problems.push(`${at}: ts not a non-negative integer (µs)`);
    if (typeof e.name !== 'string' || e.name === '') problems.push(`${at}: no name`);
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph === 'M') {
      if (!METADATA.has(e.name as string)) problems.push(`${at}: unknown metadata ${e.name}`);
      if (
        (e.name === 'process_name' || e.name === 'thread_name') &&
        typeof e.args?.name !== 'string'
      )
        problems.push(`${at}: metadata without args.name`);
      if (e.name === 'process_name') processNames.add(e.pid);
      if (e.name === 'thread_name') threadNames.add(thread);
      return;
    }
    if (!pidsUsed.has(e.pid)) pidsUsed.set(e.pid, i);
    const seq = e.args?.seq;
    const cause = e.args?.cause;
    if (
      !Number.isInteger(seq) ||
      (seq as number) < -1 ||
      !Number.isInteger(cause) ||
      (cause as number) < -1
    )
      problems.push(`${at}: args without seq and cause`);
    const onThread =
      e.ph === 'B' ||
      e.ph === 'E' ||
      e.ph === 'X' ||
      e.ph === 's' ||
      e.ph === 't' ||
      e.ph === 'f' ||
      ((e.ph === 'i' || e.ph === 'I') && e.s === 't');
    if (onThread && !threadsUsed.has(thread)) threadsUsed.set(thread, i);
    switch (e.ph) {
      case 'X':
        if (!Number.isInteger(e.dur) || (e.dur as number) < 0)
          problems.push(`${at}: X without a non-negative integer dur`);
        break;
      case 'i':
      case 'I':
        if (e.s !== 'g' && e.s !== 'p' && e.s !== 't')
          problems.push(`${at}: instant scope ${String(e.s)}`);
        break;
      case 'B':
      case 'E': {
        if (e.ts < (lastBE.get(thread) ?? 0))
          problems.push(`${at}: B/E ts goes back on its thread`);
        lastBE.set(thread, e.ts);
        const stack = stacks.get(thread) ?? [];
        stacks.set(thread, stack);
        if (e.ph === 'B') stack.push(e);
        else {
          const begin = stack.pop();
          if (!begin) problems.push(`${at}: E without a B`);
          else if (e.name !== undefined && e.name !== begin.name)
            problems.push(`${at}: E named ${e.name} closes B named ${begin.name}`);
        }
        break;
      }
      case 'b':
      case 'e':
      case 'n': {
        const id2 = e.id2 as { local?: unknown; global?: unknown } | undefined;
        const id = e.id ?? id2?.local ?? id2?.global;
        if (typeof e.cat !== 'string' || e.cat === '')
          problems.push(`${at}: async event without cat`);
        if (typeof id !== 'string' && typeof id !== 'number')
          problems.push(`${at}: async event without id`);
        const key = `${e.cat}|${String(e.scope ?? '')}|${id2?.local !== undefined ? `local:${e.pid}:` : ''}${String(id)}`;
        if (e.ph === 'b') {
          if (openAsync.has(key) || closedAsync.has(key))
            problems.push(`${at}: a second b for ${key}`);
          openAsync.set(key, e);
        } else if (e.ph === 'e') {
          const begin = openAsync.get(key);
          if (!begin) problems.push(`${at}: e without its b (${key})`);
          else {
            if (e.ts < begin.ts) problems.push(`${at}: e before its b`);
            if (e.name !== begin.name)
              problems.push(`${at}: e named ${e.name}, its b ${begin.name}`);
            openAsync.delete(key);
            closedAsync.add(key);
          }
        }
        break;
      }
      case 's':
      case 't':
      case 'f': {
        if (typeof e.id !== 'number' && typeof e.id !== 'string')
          problems.push(`${at}: flow event without id`);
        if (typeof e.cat !== 'string' || e.cat === '')
          problems.push(`${at}: flow event without cat`);
        const key = `${e.cat}|${e.name}|${String(e.id)}`;
        if (e.ph === 's') {
          if (openFlows.has(key) || closedFlows.has(key))
            problems.push(`${at}: a second s for ${key}`);
          openFlows.set(key, e);
        } else {
          const start = openFlows.get(key);
          if (!start) problems.push(`${at}: ${e.ph} without its s (${key})`);
          else if (e.ts < start.ts) problems.push(`${at}: ${e.ph} before its s`);
          if (e.ph === 'f') {
            if (e.bp !== undefined && e.bp !== 'e') problems.push(`${at}: bp ${String(e.bp)}`);
            openFlows.delete(key);
            closedFlows.add(key);
          }
        }
        break;
      }
    }
  });
  for (const [thread, stack] of stacks)
    for (const b of stack) problems.push(`B ${b.name} on ${thread} never ends`);
  for (const [key] of openAsync) problems.push(`b ${key} has no e`);
  for (const [key] of openFlows) problems.push(`s ${key} has no f`);
  for (const [pid, i] of pidsUsed)
    if (!processNames.has(pid))
      problems.push(`pid ${pid} (first used by #${i}) has no process_name`);
  for (const [thread, i] of threadsUsed)
    if (!threadNames.has(thread))
      problems.push(`thread ${thread} (first used by #${i}) has no thread_name`);
  return problems;
}

/** A run's events, in order, as the engine emits them from the first. */
function eventsOf(s: Session, untilUs: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  const engine = createEngine(s, {
    traceCapacity: 0,
    onTrace: (r) => events.push(toTraceEvent(r)),
  });
  engine.runUntil({ timeUs: untilUs });
  engine.finish();
  return events;
}

function nodesOf(s: Session): ExportNode[] {
  return (findScenario(s.scenario)?.topology(s.params) ?? []).map((h) => ({
    name: h.name,
    ip: h.ip,
  }));
}

function exportText(
  s: Session,
  untilUs: number,
  chunkChars?: number,
): { text: string; chunks: string[] } {
  const chunks: string[] = [];
  exportSessionTrace(
    s,
    untilUs,
    (c) => chunks.push(c),
    chunkChars === undefined ? {} : { chunkChars },
  );
  return { text: chunks.join(''), chunks };
}

function writeEvents(nodes: readonly ExportNode[], events: readonly TraceEvent[]): Doc {
  const chunks: string[] = [];
  const writer = new TraceEventWriter(nodes, (c) => chunks.push(c), { chunkChars: 4096 });
  for (const e of events) writer.add(e);
  writer.finish({
    scenario: 'test',
    seed: '1',
    chaos: 'test',
    traceHash: '0',
    endUs: events.at(-1)?.timeUs ?? 0,
  });
  return JSON.parse(chunks.join('')) as Doc;
}

const count = (events: readonly TraceEvent[], ...kinds: string[]) =>
  events.filter((e) => kinds.includes(e.kind)).length;
const ofKind = <K extends TraceEvent['kind']>(events: readonly TraceEvent[], kind: K) =>
  events.filter((e): e is TraceEventOf<K> => e.kind === kind);
const body = (doc: Doc) => doc.traceEvents.filter((e) => e.ph !== 'M');

const STORM = session('mesh', 1n, 'storm');
const STORM_US = seconds(10);
const CORRUPT = session('mesh', 1n, 'corrupt');
const CORRUPT_US = seconds(3);
/**
 * Faults that never end inside the export — a partition without a duration, a
 * node killed for good (1 µs after it sent a call, so the call is abandoned),
 * a clog longer than the run.
 */
const PARTITION: ScriptEntry = {
  atUs: 500_000,
  action: { kind: 'partition', a: 'n1', b: 'n2', oneWay: false },
};
const N3_CALL = ofKind(
  eventsOf(session('mesh', 1n, 'calm', undefined, [PARTITION]), seconds(1)),
  'rpc_sent',
).find((e) => e.node === 'n3' && e.timeUs > 900_000) as TraceEventOf<'rpc_sent'>;
const KILL_US = N3_CALL.timeUs + 1;
const LEFT_OPEN: ScriptEntry[] = [
  PARTITION,
  { atUs: KILL_US, action: { kind: 'kill', node: 'n3' } },
  { atUs: 1_200_000, action: { kind: 'clog', a: 'n4', b: 'n5', durationUs: seconds(30) } },
];
const OPEN = session('mesh', 1n, 'calm', undefined, LEFT_OPEN);
const OPEN_US = seconds(2);

describe('export to the Chrome Trace Event Format', () => {
  const storm = exportText(STORM, STORM_US);
  const stormDoc = JSON.parse(storm.text) as Doc;
  const stormEvents = eventsOf(STORM, STORM_US);

  it('writes a mesh storm run as a file that keeps the format’s rules', () => {
    expect(formatProblems(stormDoc)).toEqual([]);
    expect(stormDoc.displayTimeUnit).toBe('ms');
    const summary = runToEnd(STORM, STORM_US);
    expect(stormDoc.otherData).toMatchObject({
      scenario: 'mesh',
      seed: '1',
      chaos: 'storm',
      traceHash: summary.traceHash,
      events: stormEvents.length,
    });
    const names = stormDoc.traceEvents
      .filter((e) => e.name === 'process_name')
      .map((e) => [e.pid, e.args?.name]);
    expect(names).toEqual([
      [0, 'world'],
      [1, 'n1 10.0.0.1'],
      [2, 'n2 10.0.0.2'],
      [3, 'n3 10.0.0.3'],
      [4, 'n4 10.0.0.4'],
      [5, 'n5 10.0.0.5'],
    ]);
    // The run had something of everything.
    const phases = new Set(body(stormDoc).map((e) => e.ph));
    for (const ph of ['b', 'e', 'X', 's', 'f', 'i', 'B', 'E']) expect(phases, ph).toContain(ph);
  });

  it('keeps every event of the run, with its seq and cause', () => {
    // An event's own export: the last one with its seq and kind (a reset first ends its lost packets, a kill its calls).
    const exported = new Map<number, Ev>();
    for (const e of body(stormDoc))
      if ((e.args?.seq as number) >= 0 && e.args?.kind !== undefined)
        exported.set(e.args?.seq as number, e);
    const missing = stormEvents
      .filter((e) => exported.get(e.seq)?.args?.kind !== e.kind)
      .map((e) => `${e.seq} ${e.kind}`);
    expect(missing).toEqual([]);
    for (const e of stormEvents) expect(exported.get(e.seq)?.args?.cause, `${e.seq}`).toBe(e.cause);
    for (const e of body(stormDoc))
      expect(Number.isInteger(e.ts) && e.ts <= STORM_US, JSON.stringify(e)).toBe(true);
    // Node events sit in their node's process, world events in pid 0 (fault slices aside: they are the world's).
    const pids = new Map([
      ['', 0],
      ['n1', 1],
      ['n2', 2],
      ['n3', 3],
      ['n4', 4],
      ['n5', 5],
    ]);
    for (const e of stormEvents) {
      const out = exported.get(e.seq) as Ev;
      if (out.ph === 'i' || out.ph === 'B' || (out.ph === 'b' && out.cat === 'rpc'))
        expect(out.pid, `${e.seq} ${e.kind}`).toBe(pids.get(e.node));
    }
  });

  it('draws every call as one async slice on its caller, from rpc_sent to its end', () => {
    const begins = body(stormDoc).filter((e) => e.cat === 'rpc' && e.ph === 'b');
    const ends = body(stormDoc).filter((e) => e.cat === 'rpc' && e.ph === 'e');
    const sent = ofKind(stormEvents, 'rpc_sent');
    expect(begins.map((e) => e.id)).toEqual(sent.map((e) => e.rpc));
    expect(new Set(ends.map((e) => e.id))).toEqual(new Set(sent.map((e) => e.rpc)));
    expect(ends.filter((e) => e.args?.outcome === 'replied').length).toBe(
      count(stormEvents, 'rpc_replied'),
    );
    for (const e of ends)
      expect(['replied', 'failed', 'abandoned', 'pending']).toContain(e.args?.outcome);
    const begun = new Map(begins.map((b) => [b.id, b]));
    for (const e of ends) {
      const b = begun.get(e.id) as Ev;
      expect([e.pid, e.name, e.args?.latencyUs]).toEqual([b.pid, b.name, e.ts - b.ts]);
      expect(b.pid).toBe(Number(String(b.id).slice(1, 2))); // "n3#7" is n3's call
    }
  });

  it('gives a failed call’s slice its error', () => {
    const failed = ofKind(stormEvents, 'rpc_failed');
    expect(failed.length).toBeGreaterThan(0);
    const ends = new Map(
      body(stormDoc)
        .filter((e) => e.cat === 'rpc' && e.ph === 'e')
        .map((e) => [e.id, e]),
    );
    for (const f of failed) {
      const end = ends.get(f.rpc) as Ev;
      expect(end.ts).toBe(f.timeUs);
      expect(end.args).toMatchObject({
        seq: f.seq,
        cause: f.cause,
        kind: 'rpc_failed',
        outcome: 'failed',
        error: f.error,
        latencyUs: f.latencyUs,
      });
    }
    const kinds = new Set(failed.map((f) => f.error));
    expect(kinds.size).toBeGreaterThan(0);
  });

  it('joins each packet’s send to its arrival with a flow, bound to a slice at each end', () => {
    const events = body(stormDoc);
    const sentSlices = events.filter((e) => e.ph === 'X' && e.args?.kind === 'packet_sent');
    expect(
      sentSlices.map((e) => e.args?.seq).sort((a, b) => (a as number) - (b as number)),
    ).toEqual(ofKind(stormEvents, 'packet_sent').map((e) => e.seq));
    const flows = events.filter((e) => e.ph === 's' || e.ph === 'f');
    for (const flow of flows) {
      expect(typeof flow.id).toBe('number');
      // The slice it binds to is written just before it, on its thread, and encloses it.
      const slice = events[events.indexOf(flow) - 1] as Ev;
      expect([slice.ph, slice.pid, slice.tid], JSON.stringify(flow)).toEqual([
        'X',
        flow.pid,
        flow.tid,
      ]);
      expect(slice.ts <= flow.ts && flow.ts < slice.ts + (slice.dur as number)).toBe(true);
      expect(flow.tid).toBe(flow.ph === 's' ? LANES.packetsOut : LANES.packetsIn);
    }
    const arrived = sentSlices.filter(
      (e) => e.args?.outcome === 'delivered' || e.args?.outcome === 'corrupted',
    );
    expect(events.filter((e) => e.ph === 's').length).toBe(arrived.length);
    expect(arrived.length).toBeGreaterThan(0);
    // A lost packet: its sender's slice and an instant naming the loss; no flow.
    const lost = sentSlices.filter((e) => e.args?.outcome === 'lost');
    const losses = events.filter((e) => e.ph === 'i' && e.args?.outcome === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    expect(losses.map((e) => e.args?.key).sort()).toEqual(
      lost.map((e) => `${e.args?.conn}:${e.args?.fromAddr}:${e.args?.offset}`).sort(),
    );
    for (const e of losses) expect(e.name).toMatch(/^lost: connection reset/);
  });

  it('shows faults as instants, and partitions, clogs and spikes as slices on the world', () => {
    const events = body(stormDoc);
    const spans = events.filter((e) => e.cat === 'fault' && e.ph === 'b');
    expect(spans.length).toBe(
      count(stormEvents, 'partition_created', 'clog_started', 'latency_spike_started'),
    );
    expect(spans.length).toBeGreaterThan(0);
    for (const e of spans) expect(e.pid).toBe(0);
    for (const e of stormEvents.filter((x) =>
      [
        'node_killed',
        'bits_flipped',
        'buggify_fired',
        'clog_started',
        'partition_created',
      ].includes(x.kind),
    )) {
      const instant = events.find((x) => x.ph === 'i' && x.args?.seq === e.seq) as Ev;
      expect(instant, `${e.seq} ${e.kind}`).toBeDefined();
      expect([instant.s, instant.cat, instant.name]).toEqual([
        e.node === '' ? 'g' : 'p',
        'fault',
        e.kind,
      ]);
    }
    const killed = ofKind(stormEvents, 'node_killed');
    expect(events.filter((e) => e.ph === 'B').length).toBe(killed.length);
  });

  it('writes corrupted frames as the receiver’s slice, flow-joined to the send', () => {
    const doc = JSON.parse(exportText(CORRUPT, CORRUPT_US).text) as Doc;
    expect(formatProblems(doc)).toEqual([]);
    const corrupted = body(doc).filter(
      (e) => e.ph === 'X' && e.args?.outcome === 'corrupted' && e.tid === LANES.packetsIn,
    );
    expect(corrupted.length).toBeGreaterThan(0);
    for (const e of corrupted) {
      expect(e.name).toMatch(/^corrupt /);
      expect(String(e.args?.error)).not.toBe('');
    }
  });

  it('ends what is still open when the export ends: calls pending, faults active, nodes down', () => {
    const doc = JSON.parse(exportText(OPEN, OPEN_US).text) as Doc;
    expect(formatProblems(doc)).toEqual([]);
    const ends = body(doc).filter((e) => (e.ph === 'e' || e.ph === 'E') && e.args?.seq === -1);
    for (const e of ends) expect(e.ts).toBe(OPEN_US);
    expect(
      ends
        .filter((e) => e.cat === 'fault' && e.ph === 'e')
        .map((e) => e.name)
        .sort(),
    ).toEqual(['clog n4–n5', 'partition n1–n2']);
    expect(ends.filter((e) => e.ph === 'E').map((e) => [e.pid, e.args?.outcome])).toEqual([
      [3, 'down'],
    ]);
    expect(ends.filter((e) => e.cat === 'rpc').every((e) => e.args?.outcome === 'pending')).toBe(
      true,
    );
    const abandoned = body(doc).find(
      (e) => e.cat === 'rpc' && e.ph === 'e' && e.id === N3_CALL.rpc,
    ) as Ev;
    expect([
      abandoned.ts,
      abandoned.pid,
      abandoned.args?.outcome,
      abandoned.args?.error,
      abandoned.args?.kind,
    ]).toEqual([KILL_US, 3, 'abandoned', 'caller killed', 'node_killed']);
  });

  it('streams in chunks and writes the same bytes for the same session', () => {
    const small = exportText(STORM, STORM_US, 1000);
    expect(small.text).toBe(storm.text);
    expect(small.chunks.length).toBeGreaterThan(100);
    for (const c of small.chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(1000);
    expect(storm.chunks.length).toBeGreaterThan(1);
  });

  it('keeps the rules for any prefix of a run', () => {
    const runs = [
      { nodes: nodesOf(STORM), events: eventsOf(STORM, seconds(6)) },
      { nodes: nodesOf(CORRUPT), events: eventsOf(CORRUPT, CORRUPT_US) },
      { nodes: nodesOf(OPEN), events: eventsOf(OPEN, OPEN_US) },
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: runs.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r, fraction) => {
          const run = runs[r] as (typeof runs)[number];
          const prefix = run.events.slice(0, Math.round(fraction * run.events.length));
          const doc = writeEvents(run.nodes, prefix);
          expect(formatProblems(doc)).toEqual([]);
          expect(doc.otherData.events).toBe(prefix.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses events after finish', () => {
    const writer = new TraceEventWriter([], () => {});
    writer.finish({ scenario: 's', seed: '1', chaos: 'calm', traceHash: '0' });
    expect(() => writer.add(stormEvents[0] as TraceEvent)).toThrow(/after finish/);
  });
});

describe('the format checker', () => {
  const events = eventsOf(STORM, seconds(3));
  const valid = () => writeEvents(nodesOf(STORM), events);
  const broken = (edit: (doc: Doc) => void) => {
    const doc = valid();
    edit(doc);
    return formatProblems(doc);
  };
  const remove = (doc: Doc, test: (e: Ev) => boolean) =>
    doc.traceEvents.splice(doc.traceEvents.findIndex(test), 1);

  it('passes the writer’s output and fails each broken rule (it can fail)', () => {
    expect(formatProblems(valid())).toEqual([]);
    expect(broken((d) => remove(d, (e) => e.ph === 'e'))).not.toEqual([]);
    expect(broken((d) => remove(d, (e) => e.ph === 'b'))).not.toEqual([]);
    expect(broken((d) => remove(d, (e) => e.ph === 'f'))).not.toEqual([]);
    expect(broken((d) => remove(d, (e) => e.ph === 's'))).not.toEqual([]);
    expect(broken((d) => remove(d, (e) => e.name === 'process_name' && e.pid === 2))).not.toEqual(
      [],
    );
    expect(broken((d) => remove(d, (e) => e.name === 'thread_name'))).not.toEqual([]);
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'X') as Ev).dur = -1))).not.toEqual(
      [],
    );
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'i') as Ev).s = 'x'))).not.toEqual(
      [],
    );
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'i') as Ev).ts = 1.5))).not.toEqual(
      [],
    );
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'i') as Ev).ts = -1))).not.toEqual(
      [],
    );
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'i') as Ev).ph = 'Q'))).not.toEqual(
      [],
    );
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'X') as Ev).pid = 0.5))).not.toEqual(
      [],
    );
    expect(
      broken((d) => delete (d.traceEvents.find((e) => e.ph === 'X') as Ev).args?.seq),
    ).not.toEqual([]);
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'f') as Ev).ts = 0))).not.toEqual([]);
    expect(broken((d) => ((d.traceEvents.find((e) => e.ph === 'e') as Ev).ts = 0))).not.toEqual([]);
    expect(
      broken((d) => d.traceEvents.push({ ...(d.traceEvents.find((e) => e.ph === 'b') as Ev) })),
    ).not.toEqual([]);
    expect(
      broken((d) =>
        d.traceEvents.push({
          name: 'down',
          ph: 'E',
          ts: 0,
          pid: 1,
          tid: 6,
          args: { seq: 0, cause: -1 },
        }),
      ),
    ).not.toEqual([]);
    expect(
      broken((d) =>
        d.traceEvents.push({
          name: 'x',
          ph: 'B',
          ts: 0,
          pid: 1,
          tid: 6,
          args: { seq: 0, cause: -1 },
        }),
      ),
    ).not.toEqual([]);
    expect(broken((d) => (d.displayTimeUnit = 'minutes'))).not.toEqual([]);
  });
});
