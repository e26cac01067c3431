/*
 * The page's client and the engine's service, talking the message API: over
 * the loopback (synchronous, every message structured-cloned) and once over a
 * real MessageChannel. What a page relies on: frames that carry every trace
 * event once, commands reflected (`pending`), answers after the state they are
 * about, history for late viewers, frames that wait for the page's ack.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine';
import { makeSession, type Session } from '../../core/session';
import { DEFAULT_TRACE_CAPACITY, type TraceEvent } from '../../core/sim';
import { EngineClient, type PageFrame } from './engine-client';
import { serveEngine } from './engine-service';
import { loopback, type Loopback } from './loopback';
import type { Frame, Port } from './protocol';

function sessionOf(scenario: string, seed: bigint, chaos = 'calm'): Session {
  const made = makeSession({ scenario, seed, chaos });
  if (!made.ok) throw new Error(made.errors.join());
  return made.session;
}

const open: Loopback[] = [];
function link(errors: string[] = []): Loopback {
  const l = loopback((message) => void errors.push(message));
  open.push(l);
  return l;
}
afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

/** Lets promise callbacks (answers) run between drains. */
async function settle(l: Loopback): Promise<void> {
  for (let i = 0; i < 3; i++) {
    l.drain();
    await Promise.resolve();
  }
}

describe('engine client ⇄ service (loopback)', () => {
  it('frames carry every trace event exactly once, and the hash matches a headless run', () => {
    const l = link();
    const seqs: number[] = [];
    l.client.onFrame((f) => seqs.push(...f.events.map((e) => e.seq)));
    const session = sessionOf('fan-in', 3n, 'storm');
    l.client.load(session, 3_000_000);
    l.drain();
    const frame = l.client.latest as Frame;
    expect(frame.timeUs).toBe(3_000_000);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(seqs.length).toBe(frame.traceLength);
    const reference = createEngine(session);
    reference.runUntil({ timeUs: 3_000_000, stopOnViolation: true });
    expect(frame.traceHash).toBe(reference.traceHash());
    expect(l.client.traceSince(0).events.map((e) => e.seq)).toEqual(seqs);
  });

  it('is pending from a command until a frame shows it', () => {
    const l = link();
    l.client.load(sessionOf('ping-pong', 1n), 0);
    l.drain();
    expect(l.client.pending).toBe(false);
    l.client.seek(1_000_000);
    expect(l.client.pending).toBe(true);
    l.drain();
    expect(l.client.pending).toBe(false);
    expect(l.client.latest?.timeUs).toBe(1_000_000);
    // Two quick toggles before any frame: play, then pause (not play twice).
    for (let i = 0; i < 2; i++) {
      if (l.client.playing) l.client.pause();
      else l.client.play();
    }
    expect(l.client.playing).toBe(false);
    l.drain(200);
    expect(l.client.latest?.playing).toBe(false);
  });

  it('sends no second frame before the page acks the first', () => {
    const queue: { data: unknown }[] = [];
    const worker: Port = { onmessage: null, postMessage: (m) => void queue.push({ data: m }) };
    const page: Port = {
      onmessage: null,
      postMessage: (m) => worker.onmessage?.({ data: structuredClone(m) } as MessageEvent),
    };
    const later: (() => void)[] = [];
    const close = serveEngine(worker, { now: () => 0, schedule: (f) => void later.push(f) });
    page.postMessage({
      type: 'load',
      id: 1,
      session: sessionOf('ping-pong', 1n),
      atUs: 0,
      atEvents: null,
    });
    page.postMessage({ type: 'play', id: 2 });
    for (let i = 0; i < 50 && later.length > 0; i++) (later.shift() as () => void)();
    page.postMessage({ type: 'speed', id: 3, simUsPerWallSecond: 2_000_000 });
    for (let i = 0; i < 50 && later.length > 0; i++) (later.shift() as () => void)();
    expect(queue.filter((m) => (m.data as { type: string }).type === 'frame')).toHaveLength(1);
    page.postMessage({ type: 'ack' });
    for (let i = 0; i < 50 && later.length > 0; i++) (later.shift() as () => void)();
    const frames = queue.filter((m) => (m.data as { type: string }).type === 'frame');
    expect(frames).toHaveLength(2);
    expect((frames[1]?.data as { frame: Frame }).frame.lastCommand).toBe(3);
    close();
  });

  it('answers settled, explain and export after the frame they are about', async () => {
    const l = link();
    const session = sessionOf('ping-pong', 42n);
    l.client.load(session, 0);
    l.drain();
    l.client.seek(2_000_000);
    const order: string[] = [];
    l.client.onFrame((f) => order.push(`frame@${f.timeUs}`));
    const settled = l.client.settled().then(() => order.push('settled'));
    await settle(l);
    await settled;
    expect(order.at(-1)).toBe('settled');
    expect(order.at(-2)).toBe('frame@2000000');
    const seq = (l.client.latest as Frame).traceLength - 1;
    const chain = l.client.explain(seq);
    await settle(l);
    expect((await chain)?.links[0]?.seq).toBe(seq);
    const missing = l.client.explain(10_000_000);
    await settle(l);
    expect(await missing).toBeNull();
    const file = l.client.exportTrace();
    await settle(l);
    const exported = await file;
    expect(exported.name).toBe('tidepool-ping-pong-seed42-calm-2000ms.json');
    expect(JSON.parse(exported.json)).toHaveProperty('traceEvents');
  });

  it('while playing, peers and ended calls travel a few times a second; the client keeps the last ones', () => {
    const l = link();
    l.client.load(sessionOf('mesh', 1n), 1_000_000);
    l.drain();
    const peers = l.client.latest?.view.peers ?? [];
    expect(peers.length).toBeGreaterThan(0);
    const omitted: boolean[] = [];
    const stop = l.client.onFrame((f) => {
      omitted.push(f.slowFieldsOmitted);
      expect(f.view.peers.length).toBeGreaterThan(0); // filled in from the last full view
    });
    l.client.play();
    l.drain(2000); // playing never runs dry: a bounded number of steps
    l.client.pause();
    l.drain(2000);
    stop();
    expect(omitted.filter(Boolean).length).toBeGreaterThan(0);
    expect(omitted.at(-1)).toBe(false); // paused: the whole view again
  });

  it('answers settled while playing (events made after the question do not hold it back)', async () => {
    const l = link();
    l.client.load(sessionOf('mesh', 1n, 'storm'), 500_000);
    l.drain();
    l.client.setSpeed(100_000_000);
    l.client.play();
    l.drain(500);
    let answered = false;
    void l.client.settled().then(() => (answered = true));
    for (let i = 0; i < 20 && !answered; i++) {
      l.drain(200); // playing never runs dry: a bounded number of steps
      await Promise.resolve();
    }
    expect(answered).toBe(true);
  });

  it('does not spin while a seek waits for the page and history is asked for', () => {
    const queue: unknown[] = [];
    const worker: Port = { onmessage: null, postMessage: (m) => void queue.push(m) };
    const send = (m: unknown) => worker.onmessage?.({ data: structuredClone(m) } as MessageEvent);
    const later: (() => void)[] = [];
    let loops = 0;
    const close = serveEngine(worker, {
      now: (() => {
        let t = 0;
        return () => (t += 6); // coarse: a slice of work is a couple of runUntil calls
      })(),
      schedule: (f) => {
        loops++;
        later.push(f);
      },
      historyQuietMs: 0,
      historyRestMs: 0,
    });
    const made = makeSession({ scenario: 'mesh', seed: 1n, params: { nodes: 10 } });
    if (!made.ok) throw new Error(made.errors.join());
    send({ type: 'load', id: 1, session: made.session, atUs: 4_800_000, atEvents: null });
    send({ type: 'history', id: 2, epoch: 1, fromSeq: 0, untilSeq: 1_000_000 });
    // No acks: after its first frame the worker may not send another, so the backlog grows.
    for (let i = 0; i < 20_000 && later.length > 0; i++) (later.shift() as () => void)();
    expect(later).toHaveLength(0); // it stopped and waits for the page
    expect(loops).toBeLessThan(2_000);
    close();
  });

  it('reports an action the engine refuses, and the run goes on unchanged', () => {
    const errors: string[] = [];
    const l = link(errors);
    l.client.load(sessionOf('ping-pong', 1n), 500_000);
    l.drain();
    const before = l.client.latest?.traceHash;
    l.client.apply({ kind: 'kill', node: 'n9' });
    l.drain();
    expect(errors).toEqual([expect.stringMatching(/no node named "n9"/)]);
    expect(l.client.latest?.traceHash).toBe(before);
    expect(l.client.latest?.session.script).toHaveLength(0);
  });

  it('serves the start of a run a late viewer missed, to each asker, oldest first', () => {
    const l = link();
    const session = sessionOf('mesh', 1n);
    l.client.load(session, 30_000_000); // headless to 25 s: the page is sent only the last 5 s
    l.drain();
    const { events: recent, evicted } = l.client.traceSince(0);
    expect(evicted).toBeGreaterThan(0);
    expect(recent[0]?.seq).toBe(evicted);
    const got: TraceEvent[][] = [[], []];
    const done = [false, false];
    for (const i of [0, 1])
      l.client.requestHistory(
        l.client.latest?.epoch ?? -1,
        evicted,
        (batch) => void (got[i] as TraceEvent[]).push(...batch),
        () => (done[i] = true),
      );
    l.drain();
    expect(done).toEqual([true, true]);
    const reference = createEngine(session, { traceCapacity: DEFAULT_TRACE_CAPACITY * 10 });
    reference.runUntil({ timeUs: 30_000_000, stopOnViolation: true });
    const expected = reference.traceSince(0).events.slice(0, evicted);
    for (const events of got) expect(events).toEqual(expected);
  });

  it('a load cancels history asked of the run before', () => {
    const l = link();
    l.client.load(sessionOf('mesh', 1n), 30_000_000);
    l.drain();
    let batches = 0;
    let done = false;
    l.client.requestHistory(
      l.client.latest?.epoch ?? -1,
      l.client.traceSince(0).evicted,
      () => batches++,
      () => (done = true),
    );
    l.client.load(sessionOf('ping-pong', 1n), 0);
    l.drain();
    expect(done).toBe(false);
    expect(batches).toBe(0);
  });
});

describe('engine client ⇄ service over a real MessageChannel', () => {
  it('frames survive structured cloning (bigint seeds, typed arrays) and match the engine', async () => {
    const channel = new MessageChannel();
    const close = serveEngine(channel.port2 as unknown as Port);
    const client = new EngineClient(channel.port1 as unknown as Port, (f) => setTimeout(f, 0));
    const session = sessionOf('ping-pong', 7n, 'storm');
    client.load(session, 1_500_000);
    await client.settled();
    const frame = client.latest as PageFrame;
    expect(frame.session.seed).toBe(7n);
    expect(frame.timeUs).toBe(1_500_000);
    const reference = createEngine(session);
    reference.runUntil({ timeUs: 1_500_000, stopOnViolation: true });
    expect(frame.traceHash).toBe(reference.traceHash());
    const packet = frame.view.packets[0];
    if (packet) {
      client.watchPacket(packet.id);
      await client.settled();
      expect(client.latest?.packetDetail?.sent).toBeInstanceOf(Uint8Array);
    }
    close();
    channel.port1.close();
  });
});
