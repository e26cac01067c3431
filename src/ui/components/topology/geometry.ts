/*
 * Plane geometry for links and the packets on them: a link's segment trimmed
 * to its nodes' circles, points along it (with a sideways "lane" offset so the
 * two directions of a link do not overlap), and the small paths of the marks
 * (wave, cross). Pure functions on numbers.
 */
import type { NodePlace } from './layout';

export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Unit vector from start to end. */
  readonly ux: number;
  readonly uy: number;
  /** Unit normal (the start→end direction's right-hand side on screen). */
  readonly nx: number;
  readonly ny: number;
  readonly len: number;
}

/** From `from`'s rim to `to`'s rim, `pad` px outside each circle. */
export function segmentBetween(from: NodePlace, to: NodePlace, pad = 3): Segment {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const d = Math.hypot(dx, dy) || 1;
  const ux = dx / d;
  const uy = dy / d;
  const s = Math.min(from.r + pad, d / 2 - 1);
  const e = Math.min(to.r + pad, d / 2 - 1);
  const x1 = from.x + ux * s;
  const y1 = from.y + uy * s;
  const x2 = to.x - ux * e;
  const y2 = to.y - uy * e;
  return { x1, y1, x2, y2, ux, uy, nx: -uy, ny: ux, len: Math.max(1, d - s - e) };
}

/** The point at fraction `t` (clamped to 0..1) along the segment, `lane` px to its right. */
export function pointAt(seg: Segment, t: number, lane = 0): { x: number; y: number } {
  const k = Math.min(1, Math.max(0, t));
  return {
    x: seg.x1 + (seg.x2 - seg.x1) * k + seg.nx * lane,
    y: seg.y1 + (seg.y2 - seg.y1) * k + seg.ny * lane,
  };
}

/** Straight path, or two pieces with a gap of `gap` px centred at fraction `at` (a cut). */
/**
 * A filled band of `halfWidth` px around the segment: the link's hit area. (A
 * stroked line has a zero-height box when horizontal, which neither pointer
 * tests nor focus rings can use.)
 */
export function bandPath(seg: Segment, halfWidth: number): string {
  const f = (n: number) => n.toFixed(1);
  const dx = seg.nx * halfWidth;
  const dy = seg.ny * halfWidth;
  return `M${f(seg.x1 + dx)},${f(seg.y1 + dy)}L${f(seg.x2 + dx)},${f(seg.y2 + dy)}L${f(seg.x2 - dx)},${f(seg.y2 - dy)}L${f(seg.x1 - dx)},${f(seg.y1 - dy)}Z`;
}

export function linePath(seg: Segment, gapAt: number | null = null, gap = 0): string {
  const f = (n: number) => n.toFixed(1);
  if (gapAt === null || gap <= 0) return `M${f(seg.x1)},${f(seg.y1)}L${f(seg.x2)},${f(seg.y2)}`;
  const half = Math.min(gap / 2 / seg.len, 0.45);
  const a = pointAt(seg, gapAt - half);
  const b = pointAt(seg, gapAt + half);
  return `M${f(seg.x1)},${f(seg.y1)}L${f(a.x)},${f(a.y)}M${f(b.x)},${f(b.y)}L${f(seg.x2)},${f(seg.y2)}`;
}

/** A sine wave along the segment between fractions t0 and t1 (latency spike overlay). */
export function wavePath(
  seg: Segment,
  t0: number,
  t1: number,
  amplitude = 4,
  wavelength = 14,
): string {
  const start = seg.len * t0;
  const end = seg.len * t1;
  const parts: string[] = [];
  for (let s = start; s <= end + 0.01; s += 2) {
    const off = amplitude * Math.sin(((s - start) / wavelength) * 2 * Math.PI);
    const x = seg.x1 + seg.ux * s + seg.nx * off;
    const y = seg.y1 + seg.uy * s + seg.ny * off;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return parts.join('');
}

/** A segment across the link at (x, y): `half` px each side, along the normal. */
export function acrossPath(seg: Segment, x: number, y: number, half: number): string {
  return `M${(x - seg.nx * half).toFixed(1)},${(y - seg.ny * half).toFixed(1)}L${(x + seg.nx * half).toFixed(1)},${(y + seg.ny * half).toFixed(1)}`;
}

/** An arrowhead at (x, y) pointing along (ux, uy), `size` px long. */
export function arrowPath(x: number, y: number, ux: number, uy: number, size: number): string {
  const bx = x - ux * size;
  const by = y - uy * size;
  const w = size * 0.7;
  return `M${(bx - uy * w).toFixed(1)},${(by + ux * w).toFixed(1)}L${x.toFixed(1)},${y.toFixed(1)}L${(bx + uy * w).toFixed(1)},${(by - ux * w).toFixed(1)}`;
}

export function crossPath(size: number): string {
  return `M${-size},${-size}L${size},${size}M${size},${-size}L${-size},${size}`;
}
