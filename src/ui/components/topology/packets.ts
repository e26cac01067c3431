/*
 * The packets layer, drawn with a d3 join keyed by packet id on every new view
 * (every animation frame while playing) — outside React, so a frame costs one
 * pass over at most a few hundred packets. A packet in flight sits at
 * (now − sent) / (deliver − sent) of its link, in its direction's lane;
 * a stalled one waits in a queue just before the cut (or the clog, or the
 * middle); a finished one shows briefly: a ripple where it was delivered, a red
 * ✕ burst at the receiver when its checksum failed, a red ✕ where it was lost.
 * "Briefly" is a window of virtual time: the larger of 30% of the packet's
 * traversal and a fraction of a wall-clock second at the current speed.
 */
import { select } from 'd3-selection';
import type { EngineView, LinkView, PacketView } from '../../../core/view';
import { formatTimeShort, packetColour, PACKET_STATUS_COLOUR } from '../../theme';
import type { TopologyLayout } from './layout';
import { crossPath, pointAt, segmentBetween, type Segment } from './geometry';
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
  readonly title: string;
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
  return Math.max(0.3 * Math.max(traversalUs, 0), speed * (fault ? FAULT_WALL_S : DELIVERED_WALL_S));
}

function describe(p: PacketView, extra: string): string {
  return `${p.kind} · ${p.bytes} B · ${p.fromNode} → ${p.toNode}\n${extra}\nClick to inspect the frame.`;
}

function labelOffset(seg: Segment, back: number): { lx: number; ly: number } {
  return { lx: -seg.ux * back + seg.nx * 16, ly: -seg.uy * back + seg.ny * 16 };
}

/** Computes what to draw for this view (pure apart from updating `memory`). */
export function packetsToDraw(view: EngineView, layout: TopologyLayout, speed: number, memory: PacketMemory): DrawnPacket[] {
  const now = view.timeUs;
  const run = `${view.scenario}|${view.seed}|${view.chaos}`;
  if (run !== memory.lastRun || now < memory.lastTimeUs) memory.seen.clear();
  memory.lastRun = run;
  memory.lastTimeUs = now;

  const links = new Map<string, LinkView>();
  for (const l of view.links) links.set(linkKey(l.a, l.b), l);
  const segs = new Map<string, Segment | null>();
  const segment = (from: string, to: string): Segment | null => {
    const key = `${from}>${to}`;
    let s = segs.get(key);
    if (s === undefined) {
      const a = layout.nodes.get(from);
      const b = layout.nodes.get(to);
      s = a && b && a !== b ? segmentBetween(a, b, 4) : null;
      segs.set(key, s);
    }
    return s;
  };
  const linkOf = (x: string, y: string) => links.get(linkKey(x, y)) ?? links.get(linkKey(y, x));

  const finished: DrawnPacket[] = [];
  const live: DrawnPacket[] = [];
  const queues = new Map<string, number>();
  const stalled = view.packets.filter((p) => p.status === 'stalled').sort((p, q) => q.sentUs - p.sentUs);
  // Newest stalled packet first: it sits nearest the cut; older ones queue behind it.
  const queueIndex = new Map<string, number>();
  for (const p of stalled) {
    const k = `${p.fromNode}>${p.toNode}`;
    const i = queues.get(k) ?? 0;
    queues.set(k, i + 1);
    queueIndex.set(p.id, i);
  }

  // One ripple per direction (the latest delivery) keeps busy receivers calm.
  const latestDelivered = new Map<string, PacketView>();
  for (const p of view.packets) {
    if (p.status !== 'delivered' || p.deliverUs === null) continue;
    const k = `${p.fromNode}>${p.toNode}`;
    const q = latestDelivered.get(k);
    if (!q || (q.deliverUs ?? 0) <= p.deliverUs) latestDelivered.set(k, p);
  }

  for (const p of view.packets) {
    const seg = segment(p.fromNode, p.toNode);
    if (!seg) continue;
    const r = packetRadius(p.bytes);
    if (p.status === 'in-flight') {
      const t = progressAt(p, now);
      memory.seen.set(p.id, { t, atUs: now });
      const at = pointAt(seg, t, LANE_PX);
      live.push({ id: p.id, kind: p.kind, status: p.status, x: at.x, y: at.y, r, age: 0, title: describe(p, `in flight since ${formatTimeShort(p.sentUs)}, arrives at ${formatTimeShort(p.deliverUs ?? now)}`) });
    } else if (p.status === 'stalled') {
      const link = linkOf(p.fromNode, p.toNode);
      const cut = link ? directionCut(link, p.fromNode) : false;
      const clogFromSender = link?.clogged ? DAM_AT : null;
      const stop = cut ? CUT_AT : (clogFromSender ?? CUT_AT);
      const i = queueIndex.get(p.id) ?? 0;
      const t = Math.max(0.06, stop - (QUEUE_GAP_PX + i * QUEUE_SPACING_PX) / seg.len);
      memory.seen.set(p.id, { t, atUs: now });
      const at = pointAt(seg, t, LANE_PX);
      const why = cut ? 'stalled at the cut: waits for a heal' : link?.clogged ? 'held by a clog' : 'stalled';
      live.push({ id: p.id, kind: p.kind, status: p.status, x: at.x, y: at.y, r, age: 0, title: describe(p, why) });
    } else if (p.status === 'lost') {
      // The engine says when it was lost; where is known only if we saw it in flight (else: midway).
      const mem = memory.seen.get(p.id);
      const lostUs = p.endUs ?? mem?.lostUs ?? now;
      const win = finishedWindowUs(0, speed, true);
      const age = (now - lostUs) / win;
      if (age > 1 || age < 0) continue;
      const at = pointAt(seg, mem?.t ?? 0.5, LANE_PX);
      const l = labelOffset(seg, 0);
      finished.push({ id: p.id, kind: p.kind, status: p.status, x: at.x, y: at.y, r, age, ...l, title: describe(p, 'lost: its connection closed before it arrived') });
    } else if (p.deliverUs !== null) {
      const fault = p.status === 'corrupted';
      if (!fault && latestDelivered.get(`${p.fromNode}>${p.toNode}`) !== p) continue;
      const win = finishedWindowUs(p.deliverUs - p.sentUs, speed, fault);
      const age = (now - p.deliverUs) / win;
      if (age < 0 || age > 1) continue;
      const at = pointAt(seg, 1, LANE_PX);
      const what = fault ? 'corrupted: the receiver’s checksum failed and it closed the connection' : 'delivered';
      const l = fault ? labelOffset(seg, 16) : {};
      finished.push({ id: p.id, kind: p.kind, status: p.status, x: at.x, y: at.y, r, age, ...l, title: describe(p, what) });
    }
  }
  if (memory.seen.size > 2048) {
    const present = new Set(view.packets.map((p) => p.id));
    for (const id of memory.seen.keys()) if (!present.has(id)) memory.seen.delete(id);
  }
  return finished.concat(live);
}

/** Rebuilds a packet's children when its status changes (a packet keeps its id from flight to end). */
function shape(g: SVGGElement, d: DrawnPacket): void {
  const s = select(g);
  s.selectAll('*').remove();
  s.attr('data-status', d.status).attr('data-kind', d.kind).attr('class', `tp-packet tp-packet-${d.status}`);
  s.append('title').text(d.title);
  s.append('circle').attr('class', 'tp-pk-hit').attr('r', Math.max(9, d.r + 5));
  const colour = packetColour(d.kind);
  switch (d.status) {
    case 'in-flight':
      s.append('circle').attr('class', 'tp-pk-dot').attr('r', d.r).attr('fill', colour);
      break;
    case 'stalled':
      s.append('circle').attr('class', 'tp-pk-halo').attr('r', d.r + 3);
      s.append('circle').attr('class', 'tp-pk-dot').attr('r', d.r).attr('fill', colour);
      break;
    case 'delivered':
      s.append('circle').attr('class', 'tp-pk-ripple').attr('r', d.r).attr('stroke', colour);
      break;
    case 'corrupted':
      s.append('circle').attr('class', 'tp-pk-burst').attr('r', d.r + 3).attr('stroke', PACKET_STATUS_COLOUR.corrupted);
      s.append('circle').attr('class', 'tp-pk-core').attr('r', d.r + 3.5);
      s.append('path').attr('class', 'tp-pk-cross').attr('d', crossPath(3.6)).attr('stroke', PACKET_STATUS_COLOUR.corrupted);
      break;
    case 'lost':
      s.append('circle').attr('class', 'tp-pk-core tp-pk-lost-ring').attr('r', d.r + 3).attr('stroke', PACKET_STATUS_COLOUR.lost);
      s.append('path').attr('class', 'tp-pk-cross').attr('d', crossPath(3.2)).attr('stroke', PACKET_STATUS_COLOUR.lost);
      break;
  }
  if (d.lx !== undefined && d.ly !== undefined) {
    const anchor = d.lx > 4 ? 'start' : d.lx < -4 ? 'end' : 'middle';
    s.append('text').attr('class', 'tp-pk-label').attr('x', d.lx.toFixed(1)).attr('y', d.ly.toFixed(1)).attr('dy', '0.35em').attr('text-anchor', anchor).text(d.status === 'corrupted' ? 'corrupted' : 'lost');
  }
}

/** Joins `drawn` into `layer` (keyed by id) and positions every element. */
export function renderPackets(layer: SVGGElement, drawn: readonly DrawnPacket[], selected: string | null, onSelect: (id: string) => void): void {
  select(layer)
    .selectAll<SVGGElement, DrawnPacket>('g.tp-packet')
    .data(drawn, (d) => d.id)
    .join((enter) =>
      enter
        .append('g')
        .attr('class', 'tp-packet')
        .attr('data-testid', (d) => `packet-${d.id}`)
        .on('click', (event: MouseEvent, d) => {
          event.stopPropagation();
          onSelect(d.id);
        }),
    )
    .each(function (d) {
      if (this.getAttribute('data-status') !== d.status) shape(this, d);
      this.setAttribute('transform', `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`);
      this.classList.toggle('tp-selected', d.id === selected);
      if (d.status === 'delivered') {
        const ripple = this.lastElementChild as SVGCircleElement;
        ripple.setAttribute('r', (d.r + 9 * d.age).toFixed(1));
        this.setAttribute('opacity', (0.7 * (1 - d.age)).toFixed(2));
      } else if (d.status === 'corrupted' || d.status === 'lost') {
        if (d.status === 'corrupted') (this.children[2] as SVGCircleElement | undefined)?.setAttribute('r', (d.r + 3.5 + 13 * Math.min(1, d.age * 2.5)).toFixed(1));
        this.setAttribute('opacity', (d.age < 0.6 ? 1 : 1 - (d.age - 0.6) / 0.4).toFixed(2));
      } else this.removeAttribute('opacity');
    });
  // join() also orders the elements as the data: finished marks first, live packets above them.
}
