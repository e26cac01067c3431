/*
 * What the packets layer shows for a view, as plain data (DrawnPacket; the DOM
 * is packet-layer's job), computed on every new view — every animation frame
 * while playing — outside React. A packet in flight sits at
 * (now − sent) / (deliver − sent) of its link, in its direction's lane;
 * a stalled one waits in a queue just before the cut (or the clog, or the
 * middle); a finished one shows briefly: a ripple where it was delivered, a red
 * ✕ burst at the receiver when its checksum failed, a red ✕ where it was lost.
 * "Briefly" is a window of virtual time: the larger of 30% of the packet's
 * traversal and a fraction of a wall-clock second at the current speed.
 */
import type { EngineView, LinkView, PacketView } from '../../../core/view';
import { formatMoment } from '../../../core/sim/time';
import type { TopologyLayout } from './layout';
import { pointAt, segmentBetween, type Segment } from './geometry';
import { directionCut, linkKey } from './model';

/** Sideways offset (px) of a direction's lane from the link's centre line. */
export const LANE_PX = 5;
/** Where the partition mark sits along a link (fraction from a). */
export const CUT_AT = 0.5;
/** Where the clog "dam" sits along a link, from the clogged direction's sender. */
export const DAM_AT = 0.38;
const QUEUE_SPACING_PX = 12;
/** Gap (px) between the cut and the first queued packet. */
const QUEUE_GAP_PX = 18;
const DELIVERED_WALL_S = 0.25;
const FAULT_WALL_S = 0.9;

export interface PacketMemory {
  /** Last progress (0..1) and virtual time at which a packet was seen in flight; lost ones get `lostUs`. */
  readonly seen: Map<string, { t: number; atUs: number; lostUs?: number }>;
  lastTimeUs: number;
  lastRun: string;
}

export function createPacketMemory(): PacketMemory {
  return { seen: new Map(), lastTimeUs: -1, lastRun: '' };
}

export interface DrawnPacket {
  readonly id: string;
  /**
   * What the drawing keys its element by: the packet id, except for a delivery
   * ripple, which is keyed by its direction — a busy direction delivers again
   * every frame at high speed, and its one ripple then moves on to the newest
   * packet instead of being torn down and rebuilt.
   */
  readonly key: string;
  readonly kind: string;
  readonly status: PacketView['status'];
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** 0..1 of the finished window used (0 for live packets). */
  readonly age: number;
  /** Where a fault's word goes, relative to the mark (back along the link, to its lane side). */
  readonly lx?: number;
  readonly ly?: number;
  /** No word beside this mark: another one close by already says "lost" (stacked words read "lostststst"). */
  readonly wordless?: boolean;
  /** The engine's packet behind the mark. */
  readonly packet: PacketView;
  /** What the hover text says of it besides its kind, size and route ('' for one in flight: its times say it). */
  readonly note: string;
}

/**
 * The hover text of a drawn packet. Built only when an element starts showing
 * a packet (packet-layer), not for every packet every frame.
 */
export function packetTitle(d: DrawnPacket): string {
  const p = d.packet;
  // An empty note means in flight with a known arrival (packetsToDraw words the unknown one itself).
  const note =
    d.note ||
    `in flight since ${formatMoment(p.sentUs)}, arrives at ${formatMoment(p.deliverUs ?? p.sentUs)}`;
  return `${p.kind} · ${p.bytes} B · ${p.fromNode} → ${p.toNode}\n${note}\nClick to inspect the frame.`;
}

export function packetRadius(bytes: number): number {
  return 3 + 0.8 * Math.log10(Math.max(bytes, 10));
}

/** Fraction of its link a packet in flight has covered at `nowUs`. */
export function progressAt(p: { sentUs: number; deliverUs: number | null }, nowUs: number): number {
  if (p.deliverUs === null) return 0.5;
  const span = p.deliverUs - p.sentUs;
  return span <= 0 ? 1 : Math.min(1, Math.max(0, (nowUs - p.sentUs) / span));
}

/** The virtual-time window in which a finished packet is still shown. */
export function finishedWindowUs(traversalUs: number, speed: number, fault: boolean): number {
  return Math.max(
    0.3 * Math.max(traversalUs, 0),
    speed * (fault ? FAULT_WALL_S : DELIVERED_WALL_S),
  );
}

/** A direction of a link as drawn: its lane's segment and the key of its delivery ripple. */
interface Lane {
  readonly seg: Segment;
  readonly rippleKey: string;
}

/**
 * Lanes by sender and receiver, per layout: they change only with the layout,
 * and every frame looks one up for each of a view's few hundred packets.
 */
const lanesByLayout = new WeakMap<TopologyLayout, Map<string, Map<string, Lane | null>>>();

function laneOf(layout: TopologyLayout, from: string, to: string): Lane | null {
  let byFrom = lanesByLayout.get(layout);
  if (!byFrom) lanesByLayout.set(layout, (byFrom = new Map()));
  let byTo = byFrom.get(from);
  if (!byTo) byFrom.set(from, (byTo = new Map()));
  let lane = byTo.get(to);
  if (lane === undefined) {
    const a = layout.nodes.get(from);
    const b = layout.nodes.get(to);
    lane =
      a && b && a !== b
        ? { seg: segmentBetween(a, b, 4), rippleKey: `ripple:${from}>${to}` }
        : null;
    byTo.set(to, lane);
  }
  return lane;
}

/** What every drawn mark of a packet carries, whatever its status. */
function mark(p: PacketView) {
  return {
    packet: p,
    id: p.id,
    key: p.id,
    kind: p.kind,
    status: p.status,
    r: packetRadius(p.bytes),
  };
}

/** Notes where a live packet was last seen (updated in place: there is an entry per packet in flight, every frame). */
function remember(memory: PacketMemory, id: string, t: number, atUs: number): void {
  const seen = memory.seen.get(id);
  if (seen) {
    seen.t = t;
    seen.atUs = atUs;
  } else memory.seen.set(id, { t, atUs });
}

/** Lost marks closer than this share one word. */
const LOST_WORD_GAP_PX = 28;

function labelOffset(seg: Segment, back: number): { lx: number; ly: number } {
  return { lx: -seg.ux * back + seg.nx * 16, ly: -seg.uy * back + seg.ny * 16 };
}

/** Computes what to draw for this view (pure apart from updating `memory`). */
export function packetsToDraw(
  view: EngineView,
  layout: TopologyLayout,
  speed: number,
  memory: PacketMemory,
): DrawnPacket[] {
  const now = view.timeUs;
  const run = `${view.scenario}|${view.seed}|${view.chaos}`;
  if (run !== memory.lastRun || now < memory.lastTimeUs) memory.seen.clear();
  memory.lastRun = run;
  memory.lastTimeUs = now;

  const links = new Map<string, LinkView>();
  for (const l of view.links) links.set(linkKey(l.a, l.b), l);
  const linkOf = (x: string, y: string) => links.get(linkKey(x, y)) ?? links.get(linkKey(y, x));

  const finished: DrawnPacket[] = [];
  const live: DrawnPacket[] = [];
  const queues = new Map<Lane, number>();
  const stalled = view.packets
    .filter((p) => p.status === 'stalled')
    .sort((p, q) => q.sentUs - p.sentUs);
  // Newest stalled packet first: it sits nearest the cut; older ones queue behind it.
  const queueIndex = new Map<string, number>();
  for (const p of stalled) {
    const lane = laneOf(layout, p.fromNode, p.toNode);
    if (!lane) continue;
    const i = queues.get(lane) ?? 0;
    queues.set(lane, i + 1);
    queueIndex.set(p.id, i);
  }

  // One ripple per direction (the latest delivery) keeps busy receivers calm.
  const latestDelivered = new Map<Lane, PacketView>();
  for (const p of view.packets) {
    if (p.status !== 'delivered' || p.deliverUs === null) continue;
    const lane = laneOf(layout, p.fromNode, p.toNode);
    if (!lane) continue;
    const q = latestDelivered.get(lane);
    if (!q || (q.deliverUs ?? 0) <= p.deliverUs) latestDelivered.set(lane, p);
  }

  const lostWords: { x: number; y: number }[] = [];
  for (const p of view.packets) {
    const lane = laneOf(layout, p.fromNode, p.toNode);
    if (!lane) continue;
    const seg = lane.seg;
    if (p.status === 'in-flight') {
      const t = progressAt(p, now);
      remember(memory, p.id, t, now);
      const at = pointAt(seg, t, LANE_PX);
      const note =
        p.deliverUs === null
          ? `in flight since ${formatMoment(p.sentUs)}, arrives at ${formatMoment(now)}`
          : '';
      live.push({ ...mark(p), x: at.x, y: at.y, age: 0, note, ...labelOffset(seg, 0) });
    } else if (p.status === 'stalled') {
      const link = linkOf(p.fromNode, p.toNode);
      const cut = link ? directionCut(link, p.fromNode) : false;
      const clogFromSender = link?.clogged ? DAM_AT : null;
      const stop = cut ? CUT_AT : (clogFromSender ?? CUT_AT);
      const i = queueIndex.get(p.id) ?? 0;
      const t = Math.max(0.06, stop - (QUEUE_GAP_PX + i * QUEUE_SPACING_PX) / seg.len);
      remember(memory, p.id, t, now);
      const at = pointAt(seg, t, LANE_PX);
      const note = cut
        ? 'stalled at the cut: waits for a heal'
        : link?.clogged
          ? 'held by a clog'
          : 'stalled';
      live.push({ ...mark(p), x: at.x, y: at.y, age: 0, note });
    } else if (p.status === 'lost') {
      // The engine says when it was lost; where is known only if we saw it in flight (else: midway).
      const mem = memory.seen.get(p.id);
      const lostUs = p.endUs ?? mem?.lostUs ?? now;
      const win = finishedWindowUs(0, speed, true);
      const age = (now - lostUs) / win;
      if (age > 1 || age < 0) continue;
      const at = pointAt(seg, mem?.t ?? 0.5, LANE_PX);
      const wordless = lostWords.some((w) => Math.hypot(w.x - at.x, w.y - at.y) < LOST_WORD_GAP_PX);
      if (!wordless) lostWords.push(at);
      finished.push({
        ...mark(p),
        x: at.x,
        y: at.y,
        age,
        wordless,
        ...labelOffset(seg, 0),
        note: 'lost: its connection closed before it arrived',
      });
    } else if (p.deliverUs !== null) {
      const fault = p.status === 'corrupted';
      if (!fault && latestDelivered.get(lane) !== p) continue;
      const win = finishedWindowUs(p.deliverUs - p.sentUs, speed, fault);
      const age = (now - p.deliverUs) / win;
      if (age < 0 || age > 1) continue;
      const at = pointAt(seg, 1, LANE_PX);
      if (fault)
        finished.push({
          ...mark(p),
          x: at.x,
          y: at.y,
          age,
          ...labelOffset(seg, 16),
          note: 'corrupted: the receiver’s checksum failed and it closed the connection',
        });
      else
        finished.push({
          ...mark(p),
          key: lane.rippleKey,
          x: at.x,
          y: at.y,
          age,
          note: 'delivered',
        });
    }
  }
  if (memory.seen.size > 2048) {
    const present = new Set(view.packets.map((p) => p.id));
    for (const id of memory.seen.keys()) if (!present.has(id)) memory.seen.delete(id);
  }
  return finished.concat(live);
}
