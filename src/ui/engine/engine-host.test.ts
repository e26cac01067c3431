import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../core/engine';
import { EngineHost, WATCH_BEFORE_US } from './engine-host';
import { makeSession } from '../../core/session';

const made = makeSession({ scenario: 'mesh', seed: 4n, chaos: 'storm' });
if (!made.ok) throw new Error(made.errors.join());
const session = made.session;

function host(): EngineHost {
  let clock = 0;
  const h = new EngineHost(() => (clock += 0.01));
  h.load(session, 0);
  h.finishSeek();
  return h;
}

const at = (h: EngineHost): Engine => {
  if (h.current === null) throw new Error('no engine');
  return h.current;
};

describe('EngineHost seeking', () => {
  it('seeking back rebuilds, seeking forward again resumes the parked engine, hashes agree', () => {
    const h = host();
    h.seek(5_000_000);
    h.finishSeek();
    const late = at(h);
    const hashAt5 = late.traceHash();
    h.seek(1_000_000);
    h.finishSeek();
    expect(at(h)).not.toBe(late);
    const early = at(h);
    const hashAt1 = early.traceHash();
    h.seek(5_000_000);
    expect(at(h)).toBe(late); // resumed, not replayed
    h.finishSeek();
    expect(at(h).traceHash()).toBe(hashAt5);
    h.seek(1_000_000);
    expect(at(h)).toBe(early);
    expect(at(h).traceHash()).toBe(hashAt1);
  });

  it('a parked engine behind the target is resumed and run forward to it', () => {
    const h = host();
    h.seek(2_000_000);
    h.finishSeek();
    const at2 = at(h);
    h.seek(500_000);
    h.finishSeek();
    h.seek(3_000_000);
    expect(at(h)).toBe(at2);
    h.finishSeek();
    expect(at(h).nowUs()).toBe(3_000_000);
    const straight = host();
    straight.seek(3_000_000);
    straight.finishSeek();
    expect(at(h).traceHash()).toBe(at(straight).traceHash());
  });

  it('an intervention drops the parked futures (a fork)', () => {
    const h = host();
    h.seek(4_000_000);
    h.finishSeek();
    const future = at(h);
    h.seek(1_000_000);
    h.finishSeek();
    h.apply({ kind: 'partition', a: 'n1', b: 'n2', oneWay: false });
    h.seek(4_000_000);
    expect(at(h)).not.toBe(future);
    h.finishSeek();
    expect(at(h).sim.trace.count('partition_created')).toBeGreaterThan(0);
    expect(at(h).session().script).toHaveLength(1);
  });

  it('a refused intervention changes nothing and says why', () => {
    const h = host();
    h.seek(1_000_000);
    h.finishSeek();
    const before = at(h).traceHash();
    expect(() => h.apply({ kind: 'kill', node: 'n9' })).toThrow(/n9/);
    expect(at(h).traceHash()).toBe(before);
    expect(at(h).session().script).toHaveLength(0);
  });
});

describe('EngineHost reaching a far moment headless', () => {
  it('runs headless, watches only the last WATCH_BEFORE_US, and lands on the same hash and view', () => {
    const target = 40_000_000;
    const h = new EngineHost(() => 0);
    h.load(session, target);
    expect(at(h).watching).toBe(false);
    h.finishSeek();
    expect(at(h).watching).toBe(true);
    const reference = createEngine(session, { viewer: true });
    reference.runUntil({ timeUs: target, stopOnViolation: true });
    expect(at(h).nowUs()).toBe(reference.nowUs());
    expect(at(h).traceHash()).toBe(reference.traceHash());
    // The trace it kept starts where it began watching, not at 0.
    const { events, evicted } = at(h).traceSince(0);
    expect(evicted).toBeGreaterThan(0);
    expect(events[0]?.timeUs).toBeGreaterThanOrEqual(target - WATCH_BEFORE_US);
    // The view is the reference's, but for the finished packets and calls it lists (history).
    const strip = (v: object) =>
      JSON.stringify({ ...v, packets: undefined, recentRpcs: undefined }, (_k, x: unknown) =>
        typeof x === 'bigint' ? x.toString() : x,
      );
    expect(strip(at(h).view())).toBe(strip(reference.view()));
    const inFlight = (e: Engine) =>
      e
        .view()
        .packets.filter((p) => p.status === 'in-flight')
        .map((p) => p.id);
    expect(inFlight(at(h))).toEqual(inFlight(reference));
  });

  it('a far seek forward replays headless from 0 instead of watching all the way', () => {
    const h = host();
    h.seek(1_000_000);
    h.finishSeek();
    const near = at(h);
    h.seek(60_000_000);
    expect(at(h)).not.toBe(near);
    expect(at(h).watching).toBe(false);
    h.finishSeek();
    const reference = createEngine(session);
    reference.runUntil({ timeUs: 60_000_000, stopOnViolation: true });
    expect(at(h).traceHash()).toBe(reference.traceHash());
  });
});

describe('EngineHost frames', () => {
  it('carries every trace event once, in order, across frames; a reset starts an epoch', () => {
    let clock = 0;
    const h = new EngineHost(() => (clock += 0.05));
    h.load(session, 2_000_000);
    const seqs: number[] = [];
    let epochs = new Set<number>();
    for (let i = 0; i < 10_000 && (h.seeking || h.backlog > 0 || i === 0); i++) {
      h.work(5);
      const f = h.frame();
      if (!f) continue;
      epochs.add(f.epoch);
      seqs.push(...f.events.map((e) => e.seq));
    }
    expect(h.seeking).toBe(false);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(seqs.length).toBe(at(h).sim.trace.length);
    expect(epochs.size).toBe(1);
    expect(h.frame()).toBeNull(); // nothing changed
    h.seek(500_000);
    const f = h.frame();
    expect(f?.reset).toBe(true);
    expect(f?.firstSeq).toBe(0);
    epochs = new Set([...epochs, f?.epoch ?? -1]);
    expect(epochs.size).toBe(2);
  });

  it('a resumed parked engine sends only its newest events; the page asks for the rest as history', () => {
    const h = host();
    h.seek(3_000_000);
    h.finishSeek();
    while (h.frame() !== null);
    h.seek(100_000);
    h.finishSeek();
    while (h.frame() !== null);
    h.seek(3_000_000); // resumes the parked engine
    const f = h.frame();
    expect(f?.reset).toBe(true);
    const length = at(h).sim.trace.length;
    expect(length).toBeGreaterThan(3000);
    expect(f?.firstSeq).toBe(length - 2000);
    expect(f?.events.length).toBeLessThanOrEqual(1500);
  });

  it('reports seek progress, and an estimate once it has a rate', () => {
    let clock = 0;
    const h = new EngineHost(() => (clock += 5));
    const calm = makeSession({ scenario: 'mesh', seed: 4n });
    if (!calm.ok) throw new Error(calm.errors.join());
    h.load(calm.session, 300_000_000);
    h.work(150);
    const f = h.frame();
    expect(f?.seekProgress).toBeGreaterThan(0);
    expect(f?.seekProgress).toBeLessThan(1);
    expect(f?.seekEtaMs).toBeGreaterThan(0);
  });
});

describe('EngineHost links between two events of one instant', () => {
  it('a link taken after a Step that left events due at the same microsecond replays to the same hash', () => {
    const h = host();
    h.seek(1_500_000);
    h.finishSeek();
    let midInstant = false;
    for (let i = 0; i < 5000 && !midInstant; i++) {
      h.step(1);
      midInstant = at(h).view().midInstant;
    }
    expect(midInstant).toBe(true);
    const linked = at(h).session();
    const atUs = at(h).nowUs();
    const events = at(h).sim.events;
    const replay = new EngineHost(() => 0);
    replay.load(linked, atUs, events);
    replay.finishSeek();
    expect(at(replay).sim.events).toBe(events);
    expect(at(replay).traceHash()).toBe(at(h).traceHash());
    const byTimeOnly = new EngineHost(() => 0);
    byTimeOnly.load(linked, atUs);
    byTimeOnly.finishSeek();
    expect(at(byTimeOnly).sim.events).toBeGreaterThan(events); // what went wrong before: the whole instant ran
  });
});
