/*
 * Turns the index and a window into screen-space primitives for one frame:
 * packet arrows, RPC bars, fault bands, peer-state bands and point marks,
 * in CSS pixels. Only
 * what overlaps the window is visited (binary search), arrows that would land
 * on the same pixels as one already listed are skipped, and touching RPC bars
 * of one lane are merged, so a frame's work follows the pixels, not the run's
 * length. Also the hit tests the pointer uses. Pure: no canvas here.
 */
import {
  PacketCode,
  RpcOutcome,
  type FaultSpan,
  type PointMark,
  type TimelineIndex,
} from './timeline-index';
import type { PeerStateName } from '../../../core/sim/trace-schema';
import type { StateSpan } from './peer-state-spans';

export interface Layout {
  /** Visible time window, µs. */
  readonly t0: number;
  readonly t1: number;
  /** Plot area, CSS px. */
  readonly x0: number;
  readonly x1: number;
  /** Lane i's centre is laneTop + (i + 0.5) · laneH. */
  readonly laneTop: number;
  readonly laneH: number;
  /** The playhead: in-flight packets and open spans are drawn up to here. */
  readonly nowUs: number;
}

export function timeToX(l: Layout, t: number): number {
  return l.x0 + ((t - l.t0) * (l.x1 - l.x0)) / (l.t1 - l.t0);
}

export function xToTime(l: Layout, x: number): number {
  return l.t0 + ((x - l.x0) * (l.t1 - l.t0)) / (l.x1 - l.x0);
}

export function laneY(l: Layout, lane: number): number {
  return l.laneTop + (Math.max(0, lane) + 0.5) * l.laneH;
}

/** Arrow flags. */
export const ARROW_OPEN = 1; // in flight: ends at the playhead
export const ARROW_STALLED = 2; // in flight with no known arrival

export interface FaultBand {
  readonly fault: FaultSpan;
  readonly xa: number;
  readonly xb: number;
  readonly ya: number;
  readonly yb: number;
}

/** A stretch of a lane's peer-state band, in px. */
export interface StateBand {
  readonly lane: number;
  readonly state: PeerStateName;
  readonly span: StateSpan;
  readonly xa: number;
  readonly xb: number;
}

export interface MarkAt {
  readonly mark: PointMark;
  readonly x: number;
  readonly y: number;
}

/** Arrow geometry in parallel typed arrays (growable). */
export class Segments {
  count = 0;
  xs = new Float32Array(1024);
  ys = new Float32Array(1024);
  xe = new Float32Array(1024);
  ye = new Float32Array(1024);
  /** Packet index, or −1 for a merged run of several. */
  packet = new Int32Array(1024);
  /** kind id · 4 + status */
  style = new Uint16Array(1024);
  flags = new Uint8Array(1024);

  reserve(n: number): void {
    if (n <= this.xs.length) return;
    const cap = Math.max(n, this.xs.length * 2);
    const grow = <T extends Float32Array | Int32Array | Uint16Array | Uint8Array>(
      a: T,
      C: new (n: number) => T,
    ): T => {
      const b = new C(cap);
      b.set(a);
      return b;
    };
    this.xs = grow(this.xs, Float32Array);
    this.ys = grow(this.ys, Float32Array);
    this.xe = grow(this.xe, Float32Array);
    this.ye = grow(this.ye, Float32Array);
    this.packet = grow(this.packet, Int32Array);
    this.style = grow(this.style, Uint16Array);
    this.flags = grow(this.flags, Uint8Array);
  }

  push(
    xs: number,
    ys: number,
    xe: number,
    ye: number,
    packet: number,
    style: number,
    flags: number,
  ): void {
    const n = this.count++;
    this.xs[n] = xs;
    this.ys[n] = ys;
    this.xe[n] = xe;
    this.ye[n] = ye;
    this.packet[n] = packet;
    this.style[n] = style;
    this.flags[n] = flags;
  }
}

/** Reusable buffers: build into the same DrawList every frame to avoid garbage. */
export class DrawList {
  /** Every packet overlapping the window, exact (for hit tests and highlights). */
  readonly all = new Segments();
  /** What to paint: arrows, and in dense windows merged vertical runs. */
  readonly paint = new Segments();
  /** True when near-vertical delivered arrows were merged per pixel column. */
  dense = false;

  bars = 0;
  bxa = new Float32Array(1024);
  bxb = new Float32Array(1024);
  by = new Float32Array(1024);
  boutcome = new Uint8Array(1024);
  brpc = new Int32Array(1024);

  faults: FaultBand[] = [];
  stateBands: StateBand[] = [];
  marks: MarkAt[] = [];

  ensureBars(n: number): void {
    if (n <= this.bxa.length) return;
    const cap = Math.max(n, this.bxa.length * 2);
    const f = (a: Float32Array) => {
      const b = new Float32Array(cap);
      b.set(a);
      return b;
    };
    this.bxa = f(this.bxa);
    this.bxb = f(this.bxb);
    this.by = f(this.by);
    const o = new Uint8Array(cap);
    o.set(this.boutcome);
    this.boutcome = o;
    const r = new Int32Array(cap);
    r.set(this.brpc);
    this.brpc = r;
  }
}

/** From this many visible packets on, near-vertical delivered arrows are merged per pixel column. */
export const DENSE_FROM = 1500;
/** Lane gaps a column mask can hold (lanes beyond are drawn arrow by arrow). */
const MASK_GAPS = 31;

const scratch: number[] = [];
let masks = new Uint32Array(0);

/**
 * Fills `out` for one frame. `expectedArrivalUs(i)` gives an in-flight
 * packet's scheduled arrival, if known, so its arrow can point where it goes.
 */
export function buildDrawList(
  index: TimelineIndex,
  l: Layout,
  out: DrawList,
  expectedArrivalUs: (packet: number) => number | null = () => null,
): DrawList {
  buildArrows(index, l, out, expectedArrivalUs);
  buildBars(index, l, out);
  out.faults = index.faultsIn(l.t0, l.t1).map((f) => faultBand(f, l));
  out.stateBands = stateBands(index, l);
  out.marks = index.marksIn(l.t0, l.t1).map((m) => ({
    mark: m,
    x: timeToX(l, m.timeUs),
    y: m.lane < 0 ? l.laneTop : laneY(l, m.lane),
  }));
  return out;
}

/** Each lane's peer-state spans in the window, clipped to the plot; an open span runs to the playhead. */
function stateBands(index: TimelineIndex, l: Layout): StateBand[] {
  const out: StateBand[] = [];
  for (let lane = 0; lane < index.lanes.length; lane++)
    for (const s of index.peerStates.spansIn(lane, l.t0, l.t1)) {
      const end = Number.isNaN(s.endUs) ? Math.max(s.startUs, l.nowUs) : s.endUs;
      const xa = Math.max(l.x0, timeToX(l, s.startUs));
      const xb = Math.min(l.x1, timeToX(l, end));
      if (xb > xa) out.push({ lane, state: s.state, span: s, xa, xb });
    }
  return out;
}

function buildArrows(
  index: TimelineIndex,
  l: Layout,
  out: DrawList,
  expected: (packet: number) => number | null,
): void {
  const p = index.packets;
  const visible = index.packetsIn(l.t0, l.t1, scratch);
  const all = out.all;
  const draw = out.paint;
  all.count = 0;
  draw.count = 0;
  all.reserve(visible.length);
  draw.reserve(visible.length);
  const dense = visible.length >= DENSE_FROM;
  out.dense = dense;
  // Dense: one bitmask of covered lane gaps per (kind, pixel column); a
  // vertical arrow only adds to its column's mask, and the masks' runs are
  // drawn as single lines at the end — the same pixels, a fraction of the work.
  const columns = Math.max(1, Math.ceil(l.x1) + 2);
  const kinds = Math.max(1, p.kinds.values.length);
  if (dense) {
    if (masks.length < columns * kinds) masks = new Uint32Array(columns * kinds * 2);
    else masks.fill(0, 0, columns * kinds);
  }
  const start = p.spans.start.data;
  const end = p.spans.end.data;
  const scale = (l.x1 - l.x0) / (l.t1 - l.t0);
  for (let k = 0; k < visible.length; k++) {
    const i = visible[k] as number;
    const from = p.fromLane.data[i] as number;
    let to = p.toLane.data[i] as number;
    if (to < 0) to = from;
    const status = p.status.data[i] as number;
    const sent = start[i] as number;
    const xs = l.x0 + (sent - l.t0) * scale;
    const ys = l.laneTop + (from + 0.5) * l.laneH;
    const yTo = l.laneTop + (to + 0.5) * l.laneH;
    let xe: number;
    let ye: number;
    let flags = 0;
    if (status === PacketCode.InFlight) {
      flags = ARROW_OPEN;
      const now = Math.max(sent, l.nowUs);
      const arrival = expected(i);
      xe = l.x0 + (now - l.t0) * scale;
      if (arrival !== null && arrival > sent)
        ye = ys + (yTo - ys) * Math.min(1, (now - sent) / (arrival - sent));
      else {
        flags |= ARROW_STALLED;
        ye = ys + (yTo - ys) * 0.5;
      }
    } else {
      xe = l.x0 + ((end[i] as number) - l.t0) * scale;
      // A lost frame never arrives: its arrow stops half way, where the loss is marked.
      ye = status === PacketCode.Lost ? ys + (yTo - ys) * 0.5 : yTo;
    }
    const kind = p.kind.data[i] as number;
    const style = kind * 4 + status;
    all.push(xs, ys, xe, ye, i, style, flags);
    if (
      dense &&
      status === PacketCode.Delivered &&
      xe - xs < 1.5 &&
      from !== to &&
      Math.max(from, to) <= MASK_GAPS &&
      xs >= 0 &&
      xs < columns
    ) {
      const lo = Math.min(from, to);
      const hi = Math.max(from, to);
      // Gaps lo..hi−1 covered.
      const slot = kind * columns + Math.round(xs);
      masks[slot] = (masks[slot] as number) | (((1 << (hi - lo)) - 1) << lo);
      continue;
    }
    draw.push(xs, ys, xe, ye, i, style, flags);
  }
  if (dense) emitColumnRuns(l, draw, columns, kinds);
}

/** Each run of covered gaps in a column becomes one vertical line. */
function emitColumnRuns(l: Layout, draw: Segments, columns: number, kinds: number): void {
  for (let kind = 0; kind < kinds; kind++) {
    const style = kind * 4 + PacketCode.Delivered;
    const base = kind * columns;
    for (let c = 0; c < columns; c++) {
      let m = masks[base + c] as number;
      while (m !== 0) {
        const lo = 31 - Math.clz32(m & -m);
        let hi = lo;
        while (hi < 32 && (m >>> hi) & 1) hi++;
        draw.reserve(draw.count + 1);
        draw.push(
          c + 0.5,
          l.laneTop + (lo + 0.5) * l.laneH,
          c + 0.5,
          l.laneTop + (hi + 0.5) * l.laneH,
          -1,
          style,
          0,
        );
        m = hi >= 32 ? 0 : (m >>> hi) << hi;
      }
    }
  }
}

/** RPC bars sit just under their caller's lane line; touching bars of a lane and outcome merge. */
function buildBars(index: TimelineIndex, l: Layout, out: DrawList): void {
  const r = index.rpcs;
  const visible = index.rpcsIn(l.t0, l.t1, scratch);
  out.ensureBars(visible.length);
  const start = r.spans.start.data;
  const end = r.spans.end.data;
  const scale = (l.x1 - l.x0) / (l.t1 - l.t0);
  // Last bar index per (lane, outcome), for merging.
  const lastBar = new Map<number, number>();
  let n = 0;
  for (let k = 0; k < visible.length; k++) {
    const i = visible[k] as number;
    const lane = r.lane.data[i] as number;
    const outcome = r.outcome.data[i] as number;
    const xa = l.x0 + ((start[i] as number) - l.t0) * scale;
    const e =
      outcome === RpcOutcome.Pending ? Math.max(start[i] as number, l.nowUs) : (end[i] as number);
    const xb = Math.max(xa + 1, l.x0 + (e - l.t0) * scale);
    const key = lane * 4 + outcome;
    const prev = lastBar.get(key);
    if (
      prev !== undefined &&
      xa <= (out.bxb[prev] as number) + 1 &&
      xa >= (out.bxa[prev] as number)
    ) {
      if (xb > (out.bxb[prev] as number)) out.bxb[prev] = xb;
      continue;
    }
    out.bxa[n] = xa;
    out.bxb[n] = xb;
    out.by[n] = l.laneTop + (lane + 0.5) * l.laneH;
    out.boutcome[n] = outcome;
    out.brpc[n] = i;
    lastBar.set(key, n);
    n++;
  }
  out.bars = n;
}

function faultBand(f: FaultSpan, l: Layout): FaultBand {
  const xa = timeToX(l, f.startUs);
  const xb = timeToX(l, Number.isNaN(f.endUs) ? Math.max(f.startUs, l.nowUs) : f.endUs);
  const half = l.laneH / 2;
  if (f.b < 0) {
    // An isolation shades its node's lane.
    const y = laneY(l, f.a);
    return { fault: f, xa, xb, ya: y - half * 0.8, yb: y + half * 0.8 };
  }
  // A cut between two nodes shades the space their packets would cross.
  const ya = laneY(l, Math.min(f.a, f.b));
  const yb = laneY(l, Math.max(f.a, f.b));
  const pad = f.kind === 'partition' ? 0 : half * 0.25;
  return { fault: f, xa, xb, ya: ya + pad, yb: yb - pad };
}

// ---- hit tests ----

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function segmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return Math.sqrt(cx * cx + cy * cy);
}

/** The packet whose arrow passes nearest (x, y), within `radius` px; −1 if none. */
export function hitArrow(d: DrawList, x: number, y: number, radius = 5): number {
  const a = d.all;
  let best = -1;
  let bestD = radius;
  for (let k = 0; k < a.count; k++) {
    const xs = a.xs[k] as number;
    const xe = a.xe[k] as number;
    if (x < Math.min(xs, xe) - radius || x > Math.max(xs, xe) + radius) continue;
    const dist = segmentDistance(x, y, xs, a.ys[k] as number, xe, a.ye[k] as number);
    // Ties go to the later packet (drawn on top).
    if (dist <= bestD) {
      bestD = dist;
      best = a.packet[k] as number;
    }
  }
  return best;
}

/** The RPC whose bar is under (x, y) (bars are `thickness` px tall, just below the lane line); −1 if none. */
export function hitBar(
  d: DrawList,
  x: number,
  y: number,
  offset: number,
  thickness: number,
): number {
  for (let k = d.bars - 1; k >= 0; k--) {
    const top = (d.by[k] as number) + offset - 2;
    if (y < top || y > top + thickness + 4) continue;
    if (x >= (d.bxa[k] as number) - 2 && x <= (d.bxb[k] as number) + 2) return d.brpc[k] as number;
  }
  return -1;
}

export function hitMark(d: DrawList, x: number, y: number, radius = 6): MarkAt | null {
  let best: MarkAt | null = null;
  let bestD = radius;
  for (const m of d.marks) {
    const dist = Math.hypot(m.x - x, m.y - y);
    if (dist <= bestD) {
      bestD = dist;
      best = m;
    }
  }
  return best;
}

/** The peer-state band under (x, y): the top `bandPx` (plus a little) of a lane. */
export function hitStateBand(
  d: DrawList,
  l: Layout,
  x: number,
  y: number,
  bandPx: number,
): StateBand | null {
  for (const b of d.stateBands) {
    const top = laneY(l, b.lane) - l.laneH / 2;
    if (y >= top - 1 && y <= top + bandPx + 3 && x >= b.xa - 1 && x <= b.xb + 1) return b;
  }
  return null;
}

export function hitFault(d: DrawList, x: number, y: number): FaultBand | null {
  for (let k = d.faults.length - 1; k >= 0; k--) {
    const f = d.faults[k] as FaultBand;
    if (x >= f.xa && x <= Math.max(f.xb, f.xa + 2) && y >= f.ya && y <= f.yb) return f;
  }
  return null;
}
