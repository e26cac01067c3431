import { describe, expect, it } from 'vitest';
import { Trace, type TraceEvent, type TraceFieldsOf, type TraceKind } from '../../../core/sim';
import {
  buildDrawList,
  DrawList,
  hitArrow,
  hitBar,
  segmentDistance,
  timeToX,
  xToTime,
  type Layout,
} from './draw-list';
import { TimelineIndex } from './timeline-index';

const NODES = Array.from({ length: 10 }, (_, i) => ({ name: `n${i + 1}`, ip: `10.0.0.${i + 1}` }));

/** An event made out of time order, emitted into a Trace (which numbers it) once all are sorted by time. */
interface Pending {
  readonly timeUs: number;
  emit(trace: Trace): void;
}

function event<K extends TraceKind>(
  timeUs: number,
  node: string,
  kind: K,
  fields: TraceFieldsOf<K>,
): Pending {
  return { timeUs, emit: (trace) => void trace.emit(timeUs, node, kind, fields, -1) };
}

/**
 * A synthetic mesh trace of about `total` events: every 500 µs a node sends
 * a request to another (delivered 1–3 ms later), a reply comes back, and the
 * caller's RPC span closes; every 100th frame is corrupted.
 */
function meshTrace(total: number): TraceEvent[] {
  const events: Pending[] = [];
  const queue: Pending[] = [];
  let rng = 12345;
  const rand = () => (rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const offsets = new Map<string, number>();
  const frame = (t: number, from: number, to: number, packet: string, corrupt: boolean) => {
    const conn = Math.min(from, to) * 100 + Math.max(from, to);
    const fromAddr = `10.0.0.${from + 1}:${from < to ? 49152 : 4500}`;
    const key = `${conn}:${fromAddr}`;
    const offset = offsets.get(key) ?? 0;
    offsets.set(key, offset + 150);
    const common = {
      conn,
      fromAddr,
      toAddr: `10.0.0.${to + 1}:4500`,
      offset,
      bytes: 150,
      packet,
      crc: offset,
    };
    events.push(event(t, `n${from + 1}`, 'packet_sent', { ...common, msg: 1 }));
    const at = t + 1000 + Math.floor(rand() * 2000);
    queue.push(
      corrupt
        ? event(at, `n${to + 1}`, 'checksum_failed', {
            conn,
            fromAddr,
            offset,
            error: 'ChecksumMismatch',
            expected: offset,
            actual: offset + 1,
          })
        : event(at, `n${to + 1}`, 'packet_delivered', common),
    );
    return at;
  };
  let t = 0;
  let n = 0;
  while (events.length + queue.length < total) {
    t += 500;
    // Flush what is due before t, in time order.
    queue.sort((a, b) => a.timeUs - b.timeUs);
    while (queue.length > 0 && (queue[0] as Pending).timeUs <= t)
      events.push(queue.shift() as Pending);
    const from = Math.floor(rand() * 10);
    const to = (from + 1 + Math.floor(rand() * 9)) % 10;
    const rpc = `n${from + 1}#${++n}`;
    events.push(
      event(t, `n${from + 1}`, 'rpc_sent', {
        rpc,
        toEndpoint: `10.0.0.${to + 1}:4500/x`,
        reliable: true,
        deadlineUs: 700000,
        replyTo: n,
        digest: 0,
      }),
    );
    const arrived = frame(t, from, to, 'request', n % 100 === 0);
    const back = frame(arrived, to, from, 'reply', false);
    const latencyUs = back + 1 - t;
    queue.push(
      n % 100 === 0
        ? event(back + 1, `n${from + 1}`, 'rpc_failed', { rpc, error: 'Timeout', latencyUs })
        : event(back + 1, `n${from + 1}`, 'rpc_replied', { rpc, latencyUs, digest: 0 }),
    );
  }
  queue.sort((a, b) => a.timeUs - b.timeUs);
  events.push(...queue);
  events.sort((a, b) => a.timeUs - b.timeUs);
  const trace = new Trace(events.length);
  for (const e of events) e.emit(trace);
  return trace.since(0).events;
}

const layout = (t0: number, t1: number, nowUs = t1): Layout => ({
  t0,
  t1,
  x0: 40,
  x1: 1540,
  laneTop: 18,
  laneH: 11,
  nowUs,
});

describe('draw list', () => {
  it('maps time to x and back', () => {
    const l = layout(1000, 2000);
    expect(timeToX(l, 1500)).toBe(790);
    expect(xToTime(l, timeToX(l, 1234))).toBeCloseTo(1234);
  });

  it('draws arrows sender → receiver and hit-tests within 5 px', () => {
    const index = new TimelineIndex(NODES.slice(0, 3));
    const trace = new Trace();
    const frame = {
      conn: 1,
      fromAddr: '10.0.0.1:1',
      toAddr: '10.0.0.3:4500',
      offset: 0,
      bytes: 10,
      packet: 'request',
      crc: 7,
    };
    trace.emit(100, 'n1', 'packet_sent', { ...frame, msg: 1 }, -1);
    trace.emit(300, 'n3', 'packet_delivered', frame, 0);
    trace.emit(
      400,
      'n2',
      'rpc_sent',
      {
        rpc: 'n2#1',
        toEndpoint: '10.0.0.1:4500/x',
        reliable: true,
        deadlineUs: null,
        replyTo: 1,
        digest: 0,
      },
      -1,
    );
    index.ingest(trace.since(0).events);
    const l = { t0: 0, t1: 1000, x0: 0, x1: 1000, laneTop: 0, laneH: 10, nowUs: 600 };
    const d = buildDrawList(index, l, new DrawList());
    expect(d.all.count).toBe(1);
    expect([d.all.xs[0], d.all.ys[0], d.all.xe[0], d.all.ye[0]]).toEqual([100, 5, 300, 25]);
    expect(hitArrow(d, 200, 15)).toBe(0); // on the line
    expect(hitArrow(d, 200, 19)).toBe(0); // 4 px off (a bit less, measured perpendicular)
    expect(hitArrow(d, 200, 22)).toBe(-1);
    expect(hitArrow(d, 350, 25)).toBe(-1); // beyond the end
    // The pending RPC runs to the playhead.
    expect(d.bars).toBe(1);
    expect([d.bxa[0], d.bxb[0]]).toEqual([400, 600]);
    expect(hitBar(d, 500, 15 + 2.5, 2.5, 2)).toBe(0);
    expect(segmentDistance(0, 5, 0, 0, 10, 0)).toBe(5);
  });

  it('merges dense vertical arrows per pixel column without losing hit tests', () => {
    const index = new TimelineIndex(NODES);
    index.ingest(meshTrace(20_000));
    const end = index.lastTimeUs;
    // 300 px for ~1.7 s: a 1–3 ms flight is under a pixel wide.
    const d = buildDrawList(index, { ...layout(0, end), x1: 340 }, new DrawList());
    expect(d.dense).toBe(true);
    expect(d.all.count).toBe(index.packets.count);
    expect(d.paint.count).toBeLessThan(d.all.count / 2);
    // Every packet is still hittable through `all`.
    const k = 1234;
    const x = ((d.all.xs[k] as number) + (d.all.xe[k] as number)) / 2;
    const y = ((d.all.ys[k] as number) + (d.all.ye[k] as number)) / 2;
    expect(hitArrow(d, x, y)).toBeGreaterThanOrEqual(0);
  });

  it('indexes 100k events and builds a draw list for every window, from 10 ms to the whole run', () => {
    // Its speed is measured in `npm run bench` (timeline); here only that it works at that size.
    const events = meshTrace(100_000);
    const index = new TimelineIndex(NODES);
    index.ingest(events);
    const end = index.lastTimeUs;
    const list = new DrawList();
    expect(index.packets.count).toBeGreaterThan(30_000);
    for (const span of [10_000, 1_000_000, 5_000_000, end]) {
      buildDrawList(index, layout(end - span, end), list);
      expect(list.all.count).toBeGreaterThan(0);
      expect(list.paint.count).toBeLessThanOrEqual(list.all.count);
    }
    buildDrawList(index, layout(0, end), list);
    expect(list.all.count).toBe(index.packets.count);
  });
});
