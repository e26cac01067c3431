/*
 * Paints one frame of the space-time diagram on a 2D canvas from a draw list:
 * lanes, time grid, fault bands, RPC bars, packet arrows (batched by style),
 * marks, the playhead and the overview strip of the whole run. Knows nothing
 * of the store or of pointer handling; the controller decides what to draw.
 */
import { COLOURS, PEER_STATE_COLOUR, packetColour } from '../../theme';
import {
  ARROW_OPEN,
  ARROW_STALLED,
  laneY,
  timeToX,
  type DrawList,
  type Layout,
  type Segments,
} from './draw-list';
import { PacketCode, RpcOutcome, type TimelineIndex } from './timeline-index';
import { formatTick, ticks } from './time-axis';
import type { TextSprites } from './text-sprites';

export const AXIS_H = 16;
export const OVERVIEW_H = 14;
/** Width kept free at the bottom right for the zoom buttons. */
export const CONTROLS_W = 176;
export const RPC_OFFSET = 2.5;
export const RPC_THICKNESS = 2;

const MONO = "10px 'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, monospace";
const SANS = "11px Inter, 'Segoe UI', system-ui, sans-serif";
const GREEN = '#34d399';
const RED = COLOURS.danger;
const AMBER = COLOURS.warn;

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly layout: Layout;
  readonly gutter: number;
  readonly stepUs: number;
  readonly list: DrawList;
  readonly index: TimelineIndex;
  readonly selectedPacket: number;
  readonly hoverPacket: number;
  readonly hoverX: number | null;
  /** A seek the user is dragging to (drawn as the playhead while it is worked off). */
  readonly ghostUs: number | null;
  readonly selectedNode: string | null;
  /** The overview's time domain: [0, overviewEndUs]. */
  readonly overviewEndUs: number;
  /** Progress (0..1) of reading back history the trace buffer no longer holds, or null. */
  readonly loading: number | null;
  /** Where the labels' bitmaps are kept (see text-sprites.ts). */
  readonly text: TextSprites;
  /** The run as seen before a rewind, drawn faint beyond the playhead (null: none). */
  readonly ghost: { readonly index: TimelineIndex; readonly list: DrawList } | null;
}

/** Where the overview strip sits, CSS px. */
export function overviewRect(
  width: number,
  height: number,
  gutter: number,
): { x0: number; x1: number; y0: number; y1: number } {
  return {
    x0: gutter,
    x1: Math.max(gutter + 20, width - CONTROLS_W),
    y0: height - OVERVIEW_H - 2,
    y1: height - 3,
  };
}

/** Lane layout for a canvas of this size and lane count. */
export function lanesArea(height: number, lanes: number): { laneTop: number; laneH: number } {
  const top = AXIS_H + 2;
  const bottom = height - OVERVIEW_H - 8;
  return { laneTop: top, laneH: Math.max(4, (bottom - top) / Math.max(1, lanes)) };
}

/** The lane-name gutter's width, measured with the labels' own atlas (which remembers every name). */
export function gutterWidth(text: TextSprites, lanes: readonly string[]): number {
  let w = 0;
  for (const name of lanes) w = Math.max(w, text.width(name, SANS));
  return Math.ceil(Math.min(96, Math.max(22, w)) + 14);
}

export function paint(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { width, height, layout: l, list, index } = f;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = COLOURS.panel;
  ctx.fillRect(0, 0, width, height);
  const plotBottom = l.laneTop + l.laneH * Math.max(1, index.lanes.length);

  paintLanes(ctx, f, plotBottom);
  paintGrid(ctx, f, plotBottom);

  ctx.save();
  ctx.beginPath();
  ctx.rect(l.x0, l.laneTop - 1, l.x1 - l.x0, plotBottom - l.laneTop + 2);
  ctx.clip();
  if (f.ghost) paintGhost(ctx, f, f.ghost, plotBottom);
  paintFaults(ctx, list);
  paintStateBands(ctx, f);
  paintBars(ctx, list);
  paintArrows(ctx, list, index);
  paintHighlight(ctx, f, f.hoverPacket, COLOURS.text, 2);
  paintHighlight(ctx, f, f.selectedPacket, COLOURS.accent, 2.5);
  paintPointMarks(ctx, list);
  ctx.restore();

  paintFlags(ctx, f, plotBottom);
  paintPlayhead(ctx, f, plotBottom);
  paintOverview(ctx, f);
}

function paintLanes(ctx: CanvasRenderingContext2D, f: Frame, plotBottom: number): void {
  const { layout: l, index, width } = f;
  // Names shrink with the lanes; in very thin lanes every other one is named.
  const size = Math.max(8, Math.min(11, Math.floor(l.laneH)));
  const every = l.laneH < 8 ? 2 : 1;
  const font = `${size}px Inter, 'Segoe UI', system-ui, sans-serif`;
  for (let i = 0; i < index.lanes.length; i++) {
    const y = laneY(l, i);
    if (i % 2 === 1) {
      ctx.fillStyle = 'rgba(255,255,255,0.018)';
      ctx.fillRect(0, y - l.laneH / 2, width, l.laneH);
    }
    ctx.strokeStyle = 'rgba(127,152,173,0.22)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(l.x0, Math.round(y) + 0.5);
    ctx.lineTo(l.x1, Math.round(y) + 0.5);
    ctx.stroke();
    const name = index.lanes[i] as string;
    const colour = index.laneHas(i, f.selectedNode) ? COLOURS.accent : COLOURS.muted;
    if (i % every === 0) f.text.draw(ctx, name, font, colour, f.gutter - 8, y, 'right', 'middle');
  }
  // A dead node's lane goes dark from its kill to its restart.
  const deadFrom = new Map<number, number>();
  const dead: [number, number, number][] = [];
  for (const m of index.marks) {
    if (m.kind === 'killed') deadFrom.set(m.lane, m.timeUs);
    else if (m.kind === 'restarted' && deadFrom.has(m.lane)) {
      dead.push([m.lane, deadFrom.get(m.lane) as number, m.timeUs]);
      deadFrom.delete(m.lane);
    }
  }
  for (const [lane, t] of deadFrom) dead.push([lane, t, Math.max(t, l.nowUs)]);
  for (const [lane, a, b] of dead) {
    if (b < l.t0 || a > l.t1) continue;
    const xa = Math.max(l.x0, timeToX(l, a));
    const xb = Math.min(l.x1, timeToX(l, b));
    const y = laneY(l, lane);
    ctx.fillStyle = 'rgba(0,0,0,0.45)';
    ctx.fillRect(xa, y - l.laneH / 2, xb - xa, l.laneH);
    ctx.strokeStyle = 'rgba(127,152,173,0.5)';
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(xa, Math.round(y) + 0.5);
    ctx.lineTo(xb, Math.round(y) + 0.5);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.strokeStyle = COLOURS.border;
  ctx.beginPath();
  ctx.moveTo(f.gutter - 0.5, AXIS_H);
  ctx.lineTo(f.gutter - 0.5, plotBottom);
  ctx.stroke();
}

function paintGrid(ctx: CanvasRenderingContext2D, f: Frame, plotBottom: number): void {
  const { layout: l, stepUs } = f;
  ctx.lineWidth = 1;
  for (const t of ticks(l.t0, l.t1, stepUs)) {
    const x = Math.round(timeToX(l, t)) + 0.5;
    ctx.strokeStyle = 'rgba(127,152,173,0.10)';
    ctx.beginPath();
    ctx.moveTo(x, AXIS_H - 3);
    ctx.lineTo(x, plotBottom);
    ctx.stroke();
    const label = formatTick(t, stepUs);
    const w = f.text.width(label, MONO);
    const at = Math.min(Math.max(x, l.x0 + w / 2 + 1), l.x1 - w / 2 - 1);
    f.text.draw(ctx, label, MONO, COLOURS.muted, at, AXIS_H - 5, 'center', 'alphabetic');
  }
  ctx.strokeStyle = COLOURS.border;
  ctx.beginPath();
  ctx.moveTo(l.x0, AXIS_H - 0.5);
  ctx.lineTo(l.x1, AXIS_H - 0.5);
  ctx.stroke();
}

const FAULT_FILL: Record<string, string> = {
  partition: 'rgba(251,85,115,0.11)',
  isolate: 'rgba(251,85,115,0.13)',
  clog: 'rgba(245,165,36,0.16)',
  spike: 'rgba(167,139,250,0.12)',
};
const FAULT_EDGE: Record<string, string> = {
  partition: 'rgba(251,85,115,0.7)',
  isolate: 'rgba(251,85,115,0.7)',
  clog: 'rgba(245,165,36,0.7)',
  spike: 'rgba(167,139,250,0.6)',
};

function paintFaults(ctx: CanvasRenderingContext2D, list: DrawList): void {
  for (const b of list.faults) {
    const w = Math.max(2, b.xb - b.xa);
    ctx.fillStyle = FAULT_FILL[b.fault.kind] ?? (FAULT_FILL.partition as string);
    ctx.fillRect(b.xa, b.ya, w, b.yb - b.ya);
    ctx.strokeStyle = FAULT_EDGE[b.fault.kind] ?? RED;
    ctx.lineWidth = 1;
    // A solid edge where it starts, a dashed one where it heals (none while it lasts).
    ctx.beginPath();
    ctx.moveTo(Math.round(b.xa) + 0.5, b.ya);
    ctx.lineTo(Math.round(b.xa) + 0.5, b.yb);
    ctx.stroke();
    if (!Number.isNaN(b.fault.endUs)) {
      ctx.setLineDash([2, 2]);
      ctx.beginPath();
      ctx.moveTo(Math.round(b.xb) + 0.5, b.ya);
      ctx.lineTo(Math.round(b.xb) + 0.5, b.yb);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (b.fault.mode === 'one_way') {
      // One-way cuts are hatched.
      ctx.save();
      ctx.beginPath();
      ctx.rect(b.xa, b.ya, w, b.yb - b.ya);
      ctx.clip();
      ctx.strokeStyle = 'rgba(251,85,115,0.25)';
      ctx.beginPath();
      for (let x = b.xa - (b.yb - b.ya); x < b.xb; x += 8) {
        ctx.moveTo(x, b.yb);
        ctx.lineTo(x + (b.yb - b.ya), b.ya);
      }
      ctx.stroke();
      ctx.restore();
    }
  }
}

/** How faint the future seen before a rewind is drawn. */
const GHOST_ALPHA = 0.22;

/**
 * The future already seen, after a rewind: the old run's faults, bands, calls
 * and packets, faint and only beyond the playhead (behind it, the replay
 * draws the same events anew). Deterministic replay makes it exactly what
 * playing on will draw, unless something is changed.
 */
function paintGhost(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  ghost: { readonly index: TimelineIndex; readonly list: DrawList },
  plotBottom: number,
): void {
  const l = f.layout;
  const from = Math.max(l.x0, timeToX(l, l.nowUs));
  if (from >= l.x1) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(from, l.laneTop - 1, l.x1 - from, plotBottom - l.laneTop + 2);
  ctx.clip();
  ctx.globalAlpha = GHOST_ALPHA;
  paintFaults(ctx, ghost.list);
  paintBars(ctx, ghost.list, GHOST_ALPHA);
  paintArrows(ctx, ghost.list, ghost.index, GHOST_ALPHA);
  ctx.restore();
}

/** Band height (px) along the top of a lane: its node's peers at worst connected, dialling or backing off. */
export const STATE_BAND_H = 3;

/** A quiet teal strip while up, amber while dialling, red while backing off: the cut → state → heal story per node. */
function paintStateBands(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { layout: l, list } = f;
  for (const b of list.stateBands) {
    ctx.globalAlpha = b.state === 'connected' ? 0.35 : 0.9;
    ctx.fillStyle = PEER_STATE_COLOUR[b.state];
    const top = laneY(l, b.lane) - l.laneH / 2 + 1;
    ctx.fillRect(b.xa, top, Math.max(1, b.xb - b.xa), Math.min(STATE_BAND_H, l.laneH / 4));
  }
  ctx.globalAlpha = 1;
}

/** `alpha` scales every bar's own opacity (the ghost draws them faint). */
function paintBars(ctx: CanvasRenderingContext2D, list: DrawList, alpha = 1): void {
  const colours = [COLOURS.info, GREEN, RED];
  for (let outcome = 0; outcome < 3; outcome++) {
    ctx.fillStyle = colours[outcome] as string;
    ctx.globalAlpha = alpha * (outcome === RpcOutcome.Pending ? 0.55 : 0.8);
    for (let k = 0; k < list.bars; k++) {
      if (list.boutcome[k] !== outcome) continue;
      const xa = list.bxa[k] as number;
      ctx.fillRect(
        xa,
        (list.by[k] as number) + RPC_OFFSET,
        Math.max(1, (list.bxb[k] as number) - xa),
        RPC_THICKNESS,
      );
    }
  }
  ctx.globalAlpha = 1;
}

const byStyle = new Map<number, number[]>();

/** `alpha` scales every arrow's own opacity (the ghost draws them faint). */
function paintArrows(
  ctx: CanvasRenderingContext2D,
  list: DrawList,
  index: TimelineIndex,
  alpha = 1,
): void {
  const d = list.paint;
  for (const arr of byStyle.values()) arr.length = 0;
  for (let k = 0; k < d.count; k++) {
    const style = d.style[k] as number;
    let arr = byStyle.get(style);
    if (!arr) byStyle.set(style, (arr = []));
    arr.push(k);
  }
  const crowded = list.dense || d.count > HEADS_UP_TO;
  ctx.lineWidth = crowded ? 1 : 1.35;
  ctx.lineCap = 'butt';
  const marks: number[] = [];
  for (const [style, arr] of byStyle) {
    if (arr.length === 0) continue;
    const status = style & 3;
    const kind = index.packets.kinds.get(style >> 2);
    const colour = status === PacketCode.Corrupted ? RED : packetColour(kind);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.globalAlpha = alpha * (list.dense ? 0.45 : crowded ? 0.7 : 0.9);
    ctx.setLineDash(status === PacketCode.Lost ? [3, 2] : []);
    strokeSegments(ctx, d, arr, false);
    // Stalled (in flight, nowhere to go yet): dashed.
    ctx.setLineDash([2, 3]);
    strokeSegments(ctx, d, arr, true);
    ctx.setLineDash([]);
    // Heads: a triangle at the receiver for arrived frames (while they are few
    // enough to tell apart), a dot for ones still travelling.
    let path = 0;
    ctx.beginPath();
    for (const k of arr) {
      const xs = d.xs[k] as number;
      const ys = d.ys[k] as number;
      const xe = d.xe[k] as number;
      const ye = d.ye[k] as number;
      if ((d.flags[k] as number) & ARROW_OPEN) {
        ctx.moveTo(xe + 2, ye);
        ctx.arc(xe, ye, 2, 0, Math.PI * 2);
        path++;
        continue;
      }
      if (status === PacketCode.Lost || status === PacketCode.Corrupted) marks.push(k);
      if (status === PacketCode.Lost || crowded) continue;
      const dx = xe - xs;
      const dy = ye - ys;
      const len = Math.hypot(dx, dy);
      if (len < 9) continue;
      const ux = dx / len;
      const uy = dy / len;
      const hx = xe - ux * 6;
      const hy = ye - uy * 6;
      // No closePath: fill closes each triangle, and closePath is slow on long paths.
      ctx.moveTo(xe, ye);
      ctx.lineTo(hx - uy * 2.6, hy + ux * 2.6);
      ctx.lineTo(hx + uy * 2.6, hy - ux * 2.6);
      if (++path % CHUNK === 0) {
        ctx.fill();
        ctx.beginPath();
      }
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  // Red ✕ where a frame was corrupted (at the receiver) or lost (where its arrow stops).
  ctx.strokeStyle = RED;
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  for (const k of marks) cross(ctx, d.xe[k] as number, d.ye[k] as number, 3);
  ctx.stroke();
}

/** Long paths are slow to rasterise; they are flushed every CHUNK segments. */
const CHUNK = 512;
/** Above this many arrows heads are left out (they would only blur together). */
const HEADS_UP_TO = 3000;

function strokeSegments(
  ctx: CanvasRenderingContext2D,
  d: Segments,
  arr: readonly number[],
  stalled: boolean,
): void {
  let n = 0;
  ctx.beginPath();
  for (const k of arr) {
    if ((((d.flags[k] as number) & ARROW_STALLED) !== 0) !== stalled) continue;
    ctx.moveTo(d.xs[k] as number, d.ys[k] as number);
    ctx.lineTo(d.xe[k] as number, d.ye[k] as number);
    if (++n % CHUNK === 0) {
      ctx.stroke();
      ctx.beginPath();
    }
  }
  if (n % CHUNK !== 0) ctx.stroke();
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
}

function paintHighlight(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  packet: number,
  colour: string,
  width: number,
): void {
  if (packet < 0) return;
  const a = f.list.all;
  for (let k = 0; k < a.count; k++) {
    if (a.packet[k] !== packet) continue;
    ctx.strokeStyle = 'rgba(8,19,31,0.9)';
    ctx.lineWidth = width + 3;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(a.xs[k] as number, a.ys[k] as number);
    ctx.lineTo(a.xe[k] as number, a.ye[k] as number);
    ctx.stroke();
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke();
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(a.xs[k] as number, a.ys[k] as number, 2.5, 0, Math.PI * 2);
    ctx.arc(a.xe[k] as number, a.ye[k] as number, 2.5, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
}

function paintPointMarks(ctx: CanvasRenderingContext2D, list: DrawList): void {
  for (const m of list.marks) {
    if (m.mark.kind === 'killed') {
      // A black ✕ on the lane, haloed so it reads on the dark theme.
      ctx.lineCap = 'round';
      ctx.strokeStyle = 'rgba(214,228,240,0.85)';
      ctx.lineWidth = 4.5;
      ctx.beginPath();
      cross(ctx, m.x, m.y, 4.5);
      ctx.stroke();
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2.2;
      ctx.stroke();
    } else if (m.mark.kind === 'restarted') {
      ctx.fillStyle = GREEN;
      ctx.beginPath();
      ctx.moveTo(m.x - 3, m.y - 4);
      ctx.lineTo(m.x + 4, m.y);
      ctx.lineTo(m.x - 3, m.y + 4);
      ctx.closePath();
      ctx.fill();
    }
  }
}

function paintFlags(ctx: CanvasRenderingContext2D, f: Frame, plotBottom: number): void {
  for (const m of f.list.marks) {
    if (m.mark.kind !== 'violation') continue;
    const x = Math.round(m.x) + 0.5;
    ctx.strokeStyle = 'rgba(251,85,115,0.55)';
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, 2);
    ctx.lineTo(x, plotBottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = RED;
    ctx.beginPath();
    ctx.moveTo(x, 1);
    ctx.lineTo(x + 9, 4.5);
    ctx.lineTo(x, 8);
    ctx.closePath();
    ctx.fill();
    ctx.fillRect(x - 0.5, 1, 1.5, AXIS_H - 2);
  }
}

function paintPlayhead(ctx: CanvasRenderingContext2D, f: Frame, plotBottom: number): void {
  const l = f.layout;
  const draw = (t: number, alpha: number) => {
    const x = Math.round(timeToX(l, t)) + 0.5;
    if (x < l.x0 - 1 || x > l.x1 + 1) return;
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = COLOURS.accent;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, AXIS_H - 1);
    ctx.lineTo(x, plotBottom);
    ctx.stroke();
    ctx.fillStyle = COLOURS.accent;
    ctx.beginPath();
    ctx.moveTo(x - 5, AXIS_H - 7);
    ctx.lineTo(x + 5, AXIS_H - 7);
    ctx.lineTo(x, AXIS_H - 1);
    ctx.closePath();
    ctx.fill();
    ctx.globalAlpha = 1;
  };
  if (f.hoverX !== null && f.hoverX >= l.x0 && f.hoverX <= l.x1) {
    ctx.strokeStyle = 'rgba(214,228,240,0.18)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(Math.round(f.hoverX) + 0.5, AXIS_H);
    ctx.lineTo(Math.round(f.hoverX) + 0.5, plotBottom);
    ctx.stroke();
  }
  if (f.ghostUs !== null) {
    draw(l.nowUs, 0.35);
    draw(f.ghostUs, 1);
  } else draw(l.nowUs, 1);
}

function paintOverview(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { index, layout: l } = f;
  const r = overviewRect(f.width, f.height, f.gutter);
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  ctx.fillStyle = COLOURS.bg;
  ctx.fillRect(r.x0, r.y0, w, h);
  const end = Math.max(1, f.overviewEndUs);
  const toX = (t: number) => r.x0 + (t / end) * w;
  // Packet density, two pixels a column, square-root scaled.
  const cols = Math.max(1, Math.floor(w / 2));
  const counts = new Uint32Array(cols);
  let max = 0;
  for (let c = 0; c < cols; c++) {
    const n = index.packetsSentBetween((c / cols) * end, ((c + 1) / cols) * end);
    counts[c] = n;
    if (n > max) max = n;
  }
  ctx.fillStyle = 'rgba(45,212,191,0.45)';
  if (max > 0) {
    for (let c = 0; c < cols; c++) {
      const n = counts[c] as number;
      if (n === 0) continue;
      const bh = Math.max(1, (h - 2) * Math.sqrt(n / max));
      ctx.fillRect(r.x0 + c * 2, r.y1 - 1 - bh, 1.6, bh);
    }
  }
  for (const fault of index.faults) {
    ctx.fillStyle = fault.kind === 'clog' ? AMBER : fault.kind === 'spike' ? '#a78bfa' : RED;
    const xa = toX(fault.startUs);
    const xb = toX(Number.isNaN(fault.endUs) ? l.nowUs : fault.endUs);
    ctx.fillRect(xa, r.y0, Math.max(1, xb - xa), 2.5);
  }
  for (const m of index.marks) {
    if (m.kind === 'restarted') continue;
    ctx.fillStyle = m.kind === 'violation' ? RED : COLOURS.text;
    ctx.fillRect(toX(m.timeUs) - 0.5, r.y0, 1.5, h);
  }
  // The visible window, and the playhead.
  const wa = Math.max(r.x0, toX(l.t0));
  const wb = Math.min(r.x1, Math.max(wa + 2, toX(l.t1)));
  ctx.fillStyle = 'rgba(214,228,240,0.10)';
  ctx.fillRect(wa, r.y0, wb - wa, h);
  ctx.strokeStyle = 'rgba(214,228,240,0.55)';
  ctx.lineWidth = 1;
  ctx.strokeRect(Math.round(wa) + 0.5, r.y0 + 0.5, Math.max(1, Math.round(wb - wa) - 1), h - 1);
  ctx.fillStyle = COLOURS.accent;
  ctx.fillRect(Math.min(r.x1 - 1.5, toX(l.nowUs)) - 0.75, r.y0 - 1, 1.5, h + 2);
  ctx.strokeStyle = COLOURS.border;
  ctx.strokeRect(r.x0 + 0.5, r.y0 + 0.5, w - 1, h - 1);
  if (f.loading !== null) {
    ctx.fillStyle = COLOURS.bg;
    const label = `reading back the run… ${Math.round(f.loading * 100)}%`;
    ctx.fillRect(r.x0 + 4, r.y0 + 1, f.text.width(label, MONO) + 8, h - 2);
    f.text.draw(ctx, label, MONO, COLOURS.warn, r.x0 + 8, (r.y0 + r.y1) / 2, 'left', 'middle');
  }
}
