/*
 * Tests of "Why?" (why.ts): the chain behind a trace event, from a viewer's
 * ring (chainAmong), by replaying the session (replayCausalChain) and through
 * the engine (explain, which falls back to replay when the ring lost a link).
 * Anchored on a known run: mesh seed 1, chaos corrupt, whose first
 * MaybeDelivered (57.740 ms, n5) is
 *   rpc_failed ← connection_reset (n5 got the RST) ← connection_reset (n1 sent it)
 *   ← checksum_failed ← bits_flipped (chaos).
 * Plus the properties every run must have: causes point back in time, chains
 * never repeat a seq and end at a root.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine, type Engine } from './engine';
import { parseScript } from './intervention';
import { makeSession, type Session } from './session';
import { CHAOS_PRESETS } from './net';
import type { TraceEvent, TraceEventOf } from './sim';
import {
  causalChain,
  chainAmong,
  explain,
  CauseIndex,
  isRoot,
  replayCausalChain,
  WHY_LINKS_MAX,
  type WhyChain,
} from './why';

function session(scenario: string, chaos: string, seed = 1n, script = ''): Session {
  const entries = parseScript(script);
  if ('error' in entries) throw new Error(entries.error);
  const made = makeSession({ scenario, seed, chaos, script: entries });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

/** Every event of `s` up to `untilUs`, from a viewer that keeps them all. */
function runAll(s: Session, untilUs: number): { engine: Engine; events: TraceEvent[] } {
  const engine = createEngine(s, { viewer: true, traceCapacity: 1_000_000 });
  engine.runUntil({ timeUs: untilUs });
  const { events, evicted } = engine.traceSince(0);
  expect(evicted).toBe(0);
  return { engine, events };
}

const seqs = (chain: WhyChain | null): number[] => (chain ? chain.links.map((e) => e.seq) : []);

/** For every link but the last: the next link is its recorded cause, or (for a broken frame) the flip behind it. */
function expectLinked(chain: WhyChain): void {
  for (let i = 0; i + 1 < chain.links.length; i++) {
    const at = chain.links[i] as TraceEvent;
    const next = chain.links[i + 1] as TraceEvent;
    if (
      (at.kind === 'checksum_failed' || at.kind === 'wire_error') &&
      next.kind === 'bits_flipped'
    ) {
      expect(next.seq).toBeLessThan(at.seq);
      continue;
    }
    expect(next.seq, `link ${i} (#${at.seq} ${at.kind}) → #${next.seq}`).toBe(at.cause);
  }
}

const UNTIL_US = 3_000_000;
const MESH_CORRUPT = session('mesh', 'corrupt');

describe('the chain behind the first MaybeDelivered of mesh seed 1 chaos corrupt', () => {
  let events: TraceEvent[];
  let failed: TraceEventOf<'rpc_failed'>;
  let chain: WhyChain;

  beforeAll(() => {
    events = runAll(MESH_CORRUPT, UNTIL_US).events;
    failed = events.find(
      (e): e is TraceEventOf<'rpc_failed'> =>
        e.kind === 'rpc_failed' && e.error === 'MaybeDelivered',
    ) as TraceEventOf<'rpc_failed'>;
    chain = chainAmong(failed, events);
  });

  it('is the known event: rpc_failed MaybeDelivered on n5 at 57.740 ms', () => {
    expect(failed).toMatchObject({
      kind: 'rpc_failed',
      node: 'n5',
      timeUs: 57_740,
      error: 'MaybeDelivered',
    });
  });

  it('is rpc_failed ← connection_reset (received) ← connection_reset (sent) ← checksum_failed ← bits_flipped (chaos), ending at a root', () => {
    expect(chain.end).toBe('root');
    expect(chain.links.map((e) => e.kind)).toEqual([
      'rpc_failed',
      'connection_reset',
      'connection_reset',
      'checksum_failed',
      'bits_flipped',
    ]);
    expect(chain.links[0]).toBe(failed);
    const reset = chain.links[1] as TraceEventOf<'connection_reset'>;
    const sent = chain.links[2] as TraceEventOf<'connection_reset'>;
    const checksum = chain.links[3] as TraceEventOf<'checksum_failed'>;
    const flip = chain.links[4] as TraceEventOf<'bits_flipped'>;
    expect(reset.node).toBe('n5');
    expect(reset.step).toBe('rst_received');
    expect(sent.node).toBe('n1');
    expect(sent.step).toBe('rst_sent');
    expect(reset.conn).toBe(checksum.conn);
    // The flip that broke the frame: same connection, same (receiving) node, the sender's direction,
    // earlier, and at least one flipped byte at or past the frame's start.
    expect(flip.origin).toBe('chaos');
    expect(flip.conn).toBe(checksum.conn);
    expect(flip.node).toBe(checksum.node);
    expect(flip.seq).toBeLessThan(checksum.seq);
    expect(flip.timeUs).toBeLessThanOrEqual(checksum.timeUs);
    const flippedBytes = flip.positions.split(',').map((bit) => flip.offset + (Number(bit) >> 3));
    expect(flippedBytes.some((b) => b >= checksum.offset)).toBe(true);
  });

  it('follows recorded causes at every hop except checksum_failed → bits_flipped (the data cause)', () => {
    expectLinked(chain);
    const links = chain.links;
    expect((links[1] as TraceEvent).seq).toBe(failed.cause);
    expect((links[2] as TraceEvent).seq).toBe((links[1] as TraceEvent).cause);
    expect((links[3] as TraceEvent).seq).toBe((links[2] as TraceEvent).cause);
    // The checksum_failed's handler ran when the frame's last chunk arrived: its recorded cause is not the flip.
    expect((links[4] as TraceEvent).seq).not.toBe((links[3] as TraceEvent).cause);
  });

  it('is the same, event for event, when found by replaying the session', () => {
    const replayed = replayCausalChain(MESH_CORRUPT, failed.seq, UNTIL_US);
    expect(replayed).not.toBeNull();
    expect(replayed?.end).toBe(chain.end);
    expect(seqs(replayed)).toEqual(seqs(chain));
    expect(replayed?.links).toEqual(chain.links);
  });

  it('replay gives null when the run never reaches the seq before untilUs', () => {
    expect(replayCausalChain(MESH_CORRUPT, failed.seq, failed.timeUs - 1)).toBeNull();
    expect(replayCausalChain(MESH_CORRUPT, events.length + 1_000_000, 10_000)).toBeNull();
  });

  it('causalChain with a CauseIndex of the whole run gives the same chain (later flips cannot be a data cause)', () => {
    const flips = new CauseIndex();
    for (const e of events) flips.add(e);
    expect(seqs(causalChain(failed, (s) => events[s], flips))).toEqual(seqs(chain));
  });

  it('without the flip at hand the broken frame falls back to its recorded cause (so the data-cause hop is real)', () => {
    const withoutFlips = causalChain(failed, (s) => events[s], new CauseIndex());
    expect(withoutFlips.links.map((e) => e.kind)).not.toContain('bits_flipped');
    expect((withoutFlips.links[4] as TraceEvent).seq).toBe((chain.links[3] as TraceEvent).cause);
  });

  it('stops with "too long" at linksMax and with "not kept" when a link is not at hand', () => {
    const short = chainAmong(failed, events, 2);
    expect(short.end).toBe('too long');
    expect(seqs(short)).toEqual(seqs(chain).slice(0, 2));
    const checksumSeq = (chain.links[3] as TraceEvent).seq;
    const ring = events.slice(checksumSeq); // a ring that starts at the checksum_failed: the flip (and its cause) are gone
    const partial = chainAmong(failed, ring);
    expect(partial.end).toBe('not kept');
    expect(seqs(partial).slice(0, 4)).toEqual(seqs(chain).slice(0, 4));
  });

  it('every event of the run has a chain that ends at a root kind, never repeats a seq, and never exceeds WHY_LINKS_MAX', () => {
    const flips = new CauseIndex();
    for (const e of events) flips.add(e);
    const problems: string[] = [];
    for (const e of events) {
      const c = causalChain(e, (s) => events[s], flips);
      const full = causalChain(e, (s) => events[s], flips, 1_000_000);
      const where = `#${e.seq} ${e.kind}`;
      if (c.links.length > WHY_LINKS_MAX) problems.push(`${where}: ${c.links.length} links`);
      if (c.end === 'not kept' || c.end === 'no cause') problems.push(`${where}: ends ${c.end}`);
      if (c.end === 'root' && !isRoot(c.links.at(-1) as TraceEvent))
        problems.push(`${where}: root at ${(c.links.at(-1) as TraceEvent).kind}`);
      if (c.end === 'too long' && c.links.length !== WHY_LINKS_MAX)
        problems.push(`${where}: too long at ${c.links.length}`);
      if (full.end !== 'root') problems.push(`${where}: full chain ends ${full.end}`);
      if (new Set(seqs(full)).size !== full.links.length) problems.push(`${where}: repeats a seq`);
      if (seqs(c).join() !== seqs(full).slice(0, c.links.length).join())
        problems.push(`${where}: capped chain is not a prefix`);
    }
    expect(problems).toEqual([]);
    // The ring walk (chainAmong, flips before the event only) agrees, on a sample.
    for (let s = 0; s < events.length; s += 97)
      expect(seqs(chainAmong(events[s] as TraceEvent, events))).toEqual(
        seqs(causalChain(events[s] as TraceEvent, (x) => events[x], flips)),
      );
  });
});

describe('a timer-driven event', () => {
  it('traces back to run_started', () => {
    const { events } = runAll(session('ping-pong', 'calm'), 2_000_000);
    // A ping is sent by the peer's ping timer, not by any message: its chain runs through timers to the start.
    const ping = events.find((e) => e.kind === 'packet_sent' && e.packet === 'ping');
    expect(ping).toBeDefined();
    const chain = chainAmong(ping as TraceEvent, events, 1_000_000);
    expect(chain.end).toBe('root');
    expect((chain.links.at(-1) as TraceEvent).kind).toBe('run_started');
    expect((chain.links.at(-1) as TraceEvent).seq).toBe(0);
    expect(new Set(seqs(chain)).size).toBe(chain.links.length);
    expectLinked(chain);
  });

  it('set up by the scenario (the first call) is caused directly by run_started, not by the node set up before it', () => {
    const { events } = runAll(MESH_CORRUPT, 100_000);
    const calls = events.filter((e) => e.kind === 'rpc_sent').slice(0, 3);
    expect(calls.length).toBe(3);
    const first = calls[0] as TraceEvent;
    expect(first.cause).toBe(0);
    expect(seqs(chainAmong(first, events))).toEqual([first.seq, 0]);
    expect(chainAmong(first, events).end).toBe('root');
  });
});

describe('explain(engine, seq)', () => {
  let failedSeq: number;
  let expected: number[];

  beforeAll(() => {
    const { events } = runAll(MESH_CORRUPT, UNTIL_US);
    failedSeq = (
      events.find((e) => e.kind === 'rpc_failed' && e.error === 'MaybeDelivered') as TraceEvent
    ).seq;
    expected = seqs(chainAmong(events[failedSeq] as TraceEvent, events));
    expect(expected.length).toBe(5);
  });

  it('on a viewer keeping the whole run, is the ring chain', () => {
    const { engine } = runAll(MESH_CORRUPT, UNTIL_US);
    const chain = explain(engine, failedSeq);
    expect(seqs(chain)).toEqual(expected);
    expect(chain?.end).toBe('root');
  });

  it('on a 50-event ring that no longer holds the event, replays and returns the full chain', () => {
    const engine = createEngine(MESH_CORRUPT, { viewer: true, traceCapacity: 50 });
    engine.runUntil({ timeUs: UNTIL_US });
    expect(engine.traceSince(0).evicted).toBeGreaterThan(failedSeq);
    const chain = explain(engine, failedSeq);
    expect(seqs(chain)).toEqual(expected);
    expect(chain?.end).toBe('root');
    expect(chain?.links.map((e) => e.kind)).toEqual([
      'rpc_failed',
      'connection_reset',
      'connection_reset',
      'checksum_failed',
      'bits_flipped',
    ]);
  });

  it('on a 50-event ring that holds the event and the checksum_failed but not the flip, replays (the ring alone would be wrong)', () => {
    const engine = createEngine(MESH_CORRUPT, { viewer: true, traceCapacity: 50 });
    const flipSeq = expected[4] as number;
    const checksumSeq = expected[3] as number;
    // Stop once the ring starts past the flip but still holds the checksum_failed.
    engine.runUntil({ predicate: () => engine.sim.trace.length - 50 > flipSeq, timeUs: UNTIL_US });
    const { events } = engine.traceSince(0);
    const first = (events[0] as TraceEvent).seq;
    expect(first).toBeGreaterThan(flipSeq);
    expect(first).toBeLessThanOrEqual(checksumSeq);
    expect(events.some((e) => e.seq === failedSeq)).toBe(true);
    // What the ring alone says: no flip, so the frame's recorded cause instead.
    const fromRing = chainAmong(
      events[failedSeq - first] as TraceEvent,
      events.slice(0, failedSeq - first + 1),
    );
    expect(fromRing.links.map((e) => e.kind)).not.toContain('bits_flipped');
    const chain = explain(engine, failedSeq);
    expect(seqs(chain)).toEqual(expected);
    expect(chain?.end).toBe('root');
  });

  it('on a headless engine (no ring at all), replays', () => {
    const engine = createEngine(MESH_CORRUPT);
    engine.runUntil({ timeUs: UNTIL_US });
    expect(seqs(explain(engine, failedSeq))).toEqual(expected);
  });

  it('returns null for a seq not yet emitted, and for negative or non-integer seqs', () => {
    const engine = createEngine(MESH_CORRUPT, { viewer: true, traceCapacity: 50 });
    engine.runUntil({ timeUs: 1_000_000 });
    const length = engine.sim.trace.length;
    expect(explain(engine, length)).toBeNull();
    expect(explain(engine, length + 10)).toBeNull();
    expect(explain(engine, -1)).toBeNull();
    expect(explain(engine, 1.5)).toBeNull();
    expect(explain(engine, Number.NaN)).toBeNull();
    expect(explain(engine, Number.POSITIVE_INFINITY)).toBeNull();
    // The last event emitted is explainable (boundary), and #0 is its own root.
    expect(explain(engine, length - 1)?.links[0]?.seq).toBe(length - 1);
    expect(explain(engine, 0)).toMatchObject({
      end: 'root',
      links: [{ seq: 0, kind: 'run_started' }],
    });
  });
});

describe('an intervention in the session script', () => {
  const SCRIPTED = session('mesh', 'calm', 1n, '1s_partition_n1_n2');
  let events: TraceEvent[];
  let applied: TraceEventOf<'intervention_applied'>;
  let created: TraceEventOf<'partition_created'>;

  beforeAll(() => {
    events = runAll(SCRIPTED, 5_000_000).events;
    applied = events.find(
      (e) => e.kind === 'intervention_applied',
    ) as TraceEventOf<'intervention_applied'>;
    created = events[applied.seq + 1] as TraceEventOf<'partition_created'>;
  });

  it('is a root: intervention_applied has no cause, and the partition it made is caused by it', () => {
    expect(applied).toMatchObject({ timeUs: 1_000_000, cause: -1, action: 'partition n1 n2' });
    expect(created).toMatchObject({
      kind: 'partition_created',
      a: 'n1',
      b: 'n2',
      origin: 'explicit',
      cause: applied.seq,
    });
  });

  it("the partition's chain continues past the fault to the user's action", () => {
    const chain = chainAmong(created, events);
    expect(chain.end).toBe('root');
    expect(seqs(chain)).toEqual([created.seq, applied.seq]);
    expect(replayCausalChain(SCRIPTED, created.seq, 5_000_000)?.links).toEqual(chain.links);
  });

  it('replay reproduces the intervention at the same seq', () => {
    const replayed = replayCausalChain(SCRIPTED, applied.seq, 5_000_000);
    expect(replayed).toMatchObject({
      end: 'root',
      links: [{ seq: applied.seq, kind: 'intervention_applied', cause: -1 }],
    });
  });

  // A dial that hangs because of the partition is recorded as caused by its own dial (the timer);
  // "Why?" hops to the partition in force between the two nodes (CauseIndex), then to the user's action.
  it('a dial hung by the partition traces back to partition_created and the intervention', () => {
    const hung = events.find(
      (e): e is TraceEventOf<'connect_hung'> =>
        e.kind === 'connect_hung' && e.reason === 'partition' && e.seq > created.seq,
    );
    expect(hung).toBeDefined();
    const chain = chainAmong(hung as TraceEvent, events, 1_000_000);
    expect(chain.end).toBe('root');
    expect(chain.links.slice(-2).map((e) => e.seq)).toEqual([created.seq, applied.seq]);
  });
});

describe('chaos that closes a connection', () => {
  // A close or reset that chaos decided (origin 'chaos') is a root, and each chaos tick starts with no
  // cause, so its chain never runs into whatever the run did last.
  it('a connection reset decided by chaos is where its chain stops', () => {
    const { events } = runAll(session('mesh', 'flaky'), 2_000_000);
    const byChaos = events.filter(
      (e) =>
        (e.kind === 'connection_reset' || e.kind === 'connection_closed') &&
        'origin' in e &&
        e.origin === 'chaos',
    );
    expect(byChaos.length).toBeGreaterThan(2);
    for (const e of byChaos) {
      const chain = chainAmong(e, events, 1_000_000);
      // Ends at a root, with nothing between the reset and it (no other connection's events).
      expect(chain.end, `#${e.seq}`).toBe('root');
      expect(
        chain.links
          .slice(1)
          .filter((l) => !isRoot(l))
          .map((l) => `#${l.seq} ${l.kind}`),
        `#${e.seq} ${e.kind} chain`,
      ).toEqual([]);
    }
  });
});

describe('causes always point back in time (property)', () => {
  const cache = new Map<string, TraceEvent[]>();
  const SCENARIOS = ['ping-pong', 'mesh', 'echo', 'hash-chain', 'reliable-stream', 'fan-in'];
  const RUN_US = 700_000;

  function eventsOf(scenario: string, chaos: string, seed: number): TraceEvent[] {
    const key = `${scenario}/${chaos}/${seed}`;
    let events = cache.get(key);
    if (events === undefined)
      cache.set(key, (events = runAll(session(scenario, chaos, BigInt(seed)), RUN_US).events));
    return events;
  }

  it('every event names an earlier event as its cause, or none (-1)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIOS),
        fc.constantFrom(...CHAOS_PRESETS),
        fc.integer({ min: 1, max: 6 }),
        (scenario, chaos, seed) => {
          const events = eventsOf(scenario, chaos, seed);
          expect(events.length).toBeGreaterThan(0);
          for (const [i, e] of events.entries()) {
            expect(e.seq).toBe(i);
            expect(Number.isInteger(e.cause)).toBe(true);
            expect(e.cause, `#${e.seq} ${e.kind}`).toBeGreaterThanOrEqual(-1);
            expect(e.cause, `#${e.seq} ${e.kind}`).toBeLessThan(e.seq);
          }
          expect((events[0] as TraceEvent).kind).toBe('run_started');
          expect((events[0] as TraceEvent).cause).toBe(-1);
        },
      ),
      { numRuns: 20, seed: 20261203 },
    );
  });

  it('chains of random events have strictly decreasing seqs, each link after its cause', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIOS),
        fc.constantFrom(...CHAOS_PRESETS),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
          minLength: 1,
          maxLength: 20,
        }),
        (scenario, chaos, seed, picks) => {
          const events = eventsOf(scenario, chaos, seed);
          const flips = new CauseIndex();
          for (const e of events) flips.add(e);
          for (const pick of picks) {
            const event = events[Math.floor(pick * events.length)] as TraceEvent;
            const chain = causalChain(event, (s) => events[s], flips, 1_000_000);
            expect(chain.links[0]).toBe(event);
            expect(chain.end).not.toBe('not kept');
            expect(chain.end).not.toBe('too long');
            for (let i = 0; i < chain.links.length; i++) {
              const link = chain.links[i] as TraceEvent;
              expect(link.cause).toBeLessThan(link.seq);
              if (i > 0) expect(link.seq).toBeLessThan((chain.links[i - 1] as TraceEvent).seq);
            }
            expectLinked(chain);
            if (chain.end === 'root') expect(isRoot(chain.links.at(-1) as TraceEvent)).toBe(true);
            else expect((chain.links.at(-1) as TraceEvent).cause).toBe(-1);
            // The ring walk agrees with the whole-run walk.
            expect(seqs(chainAmong(event, events, 1_000_000))).toEqual(seqs(chain));
          }
        },
      ),
      { numRuns: 25, seed: 20261203 },
    );
  });

  it('replaying finds the same chain as the ring (a few events)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ping-pong', 'mesh', 'echo'),
        fc.constantFrom(...CHAOS_PRESETS),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (scenario, chaos, seed, pick) => {
          const events = eventsOf(scenario, chaos, seed);
          const event = events[Math.floor(pick * events.length)] as TraceEvent;
          const replayed = replayCausalChain(
            session(scenario, chaos, BigInt(seed)),
            event.seq,
            RUN_US,
          );
          const ring = chainAmong(event, events);
          expect(replayed?.end).toBe(ring.end);
          expect(replayed?.links).toEqual(ring.links);
        },
      ),
      { numRuns: 8, seed: 20261203 },
    );
  });
});
