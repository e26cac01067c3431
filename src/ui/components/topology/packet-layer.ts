/*
 * The packets layer's DOM: a d3 join, keyed by DrawnPacket.key, of what
 * packets.ts decided to draw into an SVG <g>, run on every new view — every
 * animation frame while playing. A 10-node mesh at 10× speed delivers again on
 * most of its 90 directions every frame, so the join is frugal: a direction's
 * ripple element moves on to its newest packet, an element whose packet is gone
 * goes to a small pool for the next packet of the same status, new ones are
 * cloned, and an attribute (or hover text) is written only when its value
 * changes — each write makes the browser restyle, lay out and repaint part of
 * the SVG. It knows DrawnPacket and the DOM, nothing of the engine or store.
 */
import { select } from 'd3-selection';
import { packetColour, PACKET_STATUS_COLOUR } from '../../theme';
import { crossPath } from './geometry';
import { packetTitle, type DrawnPacket } from './packets';

/** Spare elements kept per status; more than a frame's worth of turnover is never needed. */
const POOL_MAX_PER_STATUS = 64;
/** A packet's click target: a circle at least this big (px)… */
const HIT_MIN_PX = 9;
/** …and reaching this far beyond the mark (px). */
const HIT_MARGIN_PX = 5;
/** How far a delivery ripple grows (px beyond the packet's radius) over its window. */
const RIPPLE_GROWTH_PX = 9;
/** How far a corruption burst grows (px), reached at 40% of its window. */
const BURST_GROWTH_PX = 13;
/** Packets in flight are named beside their dot while at most this many are (more is a blur of words). */
const LABELLED_LIVE_MAX = 6;

type Status = DrawnPacket['status'];

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The attribute values this layer last wrote, per element (reading them back from the DOM costs more). */
const written = new WeakMap<Element, Map<string, string | number | null>>();

function writtenOf(el: Element): Map<string, string | number | null> {
  let values = written.get(el);
  if (!values) written.set(el, (values = new Map()));
  return values;
}

/** Writes an attribute (null: removes it) only if it differs from what this layer last wrote there. */
function put(el: Element, name: string, value: string | null): void {
  const values = writtenOf(el);
  if (values.get(name) === value) return;
  values.set(name, value);
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** put() for a number shown to `digits` decimals; compares the rounded number, so an unchanged one costs no string. */
function putNumber(el: Element, name: string, value: number, digits: number): void {
  const scale = 10 ** digits;
  const rounded = Math.round(value * scale);
  const values = writtenOf(el);
  if (values.get(name) === rounded) return;
  values.set(name, rounded);
  el.setAttribute(name, (rounded / scale).toFixed(digits));
}

/** What an element was last dressed as, so a frame re-dresses only what changed. */
interface Shown {
  readonly id: string;
  readonly status: Status;
  readonly note: string;
  readonly wordless: boolean;
  x: number;
  y: number;
}
const shown = new WeakMap<SVGGElement, Shown>();

/** Appends the children a packet of this status is drawn with (what dress() then sets up). */
function build(g: SVGGElement, status: Status): void {
  const s = select(g);
  s.append('title');
  s.append('circle').attr('class', 'tp-pk-hit');
  switch (status) {
    case 'in-flight':
      s.append('text').attr('class', 'tp-pk-label tp-pk-kind').attr('dy', '0.35em');
      s.append('circle').attr('class', 'tp-pk-dot');
      break;
    case 'stalled':
      s.append('circle').attr('class', 'tp-pk-halo');
      s.append('circle').attr('class', 'tp-pk-dot');
      break;
    case 'delivered':
      s.append('circle').attr('class', 'tp-pk-ripple');
      break;
    case 'corrupted':
      s.append('circle')
        .attr('class', 'tp-pk-burst')
        .attr('stroke', PACKET_STATUS_COLOUR.corrupted);
      s.append('circle').attr('class', 'tp-pk-core');
      s.append('path')
        .attr('class', 'tp-pk-cross')
        .attr('d', crossPath(3.6))
        .attr('stroke', PACKET_STATUS_COLOUR.corrupted);
      s.append('text').attr('class', 'tp-pk-label').attr('dy', '0.35em').text('corrupted');
      break;
    case 'lost':
      s.append('circle')
        .attr('class', 'tp-pk-core tp-pk-lost-ring')
        .attr('stroke', PACKET_STATUS_COLOUR.lost);
      s.append('path')
        .attr('class', 'tp-pk-cross')
        .attr('d', crossPath(3.2))
        .attr('stroke', PACKET_STATUS_COLOUR.lost);
      s.append('text').attr('class', 'tp-pk-label').attr('dy', '0.35em').text('lost');
      break;
  }
}

/** One detached packet element per status, built once and cloned: cheaper than building each with d3 (a 10-node mesh starts with about ninety). */
const blueprints = new Map<Status, SVGGElement>();

function blueprint(status: Status): SVGGElement {
  let g = blueprints.get(status);
  if (!g) {
    g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', `tp-packet tp-packet-${status}`);
    g.setAttribute('data-status', status);
    build(g, status);
    blueprints.set(status, g);
  }
  return g;
}

/** Gives a packet's element the children of its new status (a packet keeps its id, and element, from flight to end). */
function reshape(g: SVGGElement, status: Status): void {
  const model = blueprint(status);
  g.replaceChildren(...Array.from(model.children, (c) => c.cloneNode(true)));
  shown.delete(g);
  g.setAttribute('class', `tp-packet tp-packet-${status}`);
  g.setAttribute('data-status', status);
}

/** Sets what belongs to the packet an element starts showing: its name, kind, size, words. */
function introduce(g: SVGGElement, d: DrawnPacket): void {
  put(g, 'data-testid', `packet-${d.id}`);
  put(g, 'data-kind', d.kind);
  // The title's text node is edited in place: replacing it would be two DOM mutations.
  const title = g.firstElementChild as SVGTitleElement;
  const words = title.firstChild;
  if (words) words.nodeValue = packetTitle(d);
  else title.textContent = packetTitle(d);
  // At least 9 px and 5 px round the mark, in whole pixels: most packets then share one hit radius,
  // and a direction's ripple moving on to its next packet (most of them, every frame, at 10×) costs no write.
  putNumber(
    g.children[1] as SVGElement,
    'r',
    Math.ceil(Math.max(HIT_MIN_PX, d.r + HIT_MARGIN_PX)),
    0,
  );
  const colour = packetColour(d.kind);
  switch (d.status) {
    case 'in-flight':
    case 'stalled': {
      const dot = g.lastElementChild as SVGElement;
      put(dot, 'r', d.r.toFixed(1));
      put(dot, 'fill', colour);
      if (d.status === 'stalled') put(g.children[2] as SVGElement, 'r', (d.r + 3).toFixed(1));
      else nameKind(g.children[2] as SVGTextElement, d);
      break;
    }
    case 'delivered':
      put(g.lastElementChild as SVGElement, 'stroke', colour);
      break;
    case 'corrupted':
    case 'lost': {
      put(
        g.children[d.status === 'corrupted' ? 3 : 2] as SVGElement,
        'r',
        (d.r + (d.status === 'corrupted' ? 3.5 : 3)).toFixed(1),
      );
      const label = g.lastElementChild as SVGElement;
      const lx = d.lx ?? 0;
      put(label, 'visibility', d.wordless ? 'hidden' : null);
      put(label, 'x', lx.toFixed(1));
      put(label, 'y', (d.ly ?? 0).toFixed(1));
      put(label, 'text-anchor', lx > 4 ? 'start' : lx < -4 ? 'end' : 'middle');
      break;
    }
  }
}

/** The word beside a packet in flight ("request", "hello"), on its lane's side; shown only when few are in flight. */
function nameKind(label: SVGTextElement, d: DrawnPacket): void {
  if (label.textContent !== d.kind) label.textContent = d.kind;
  const lx = d.lx ?? 0;
  put(label, 'x', lx.toFixed(1));
  put(label, 'y', (d.ly ?? 0).toFixed(1));
  put(label, 'text-anchor', lx > 4 ? 'start' : lx < -4 ? 'end' : 'middle');
}

/** Brings an element up to this frame: its packet (if another), place, selection and age. */
function dress(g: SVGGElement, d: DrawnPacket, selected: boolean): void {
  let was = shown.get(g);
  const wordless = d.wordless === true;
  if (
    !was ||
    was.id !== d.id ||
    was.status !== d.status ||
    was.note !== d.note ||
    was.wordless !== wordless
  ) {
    introduce(g, d);
    shown.set(g, (was = { id: d.id, status: d.status, note: d.note, wordless, x: NaN, y: NaN }));
  }
  if (was.x !== d.x || was.y !== d.y) {
    put(g, 'transform', `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`);
    was.x = d.x;
    was.y = d.y;
  }
  if (g.classList.contains('tp-selected') !== selected) g.classList.toggle('tp-selected', selected);
  let opacity: number | null = null;
  if (d.status === 'delivered') {
    // A ripple fades by its stroke's opacity, not the group's: group opacity gives every ripple a
    // compositing effect of its own to update each frame, which cost a 10-node mesh about a
    // millisecond a frame. The ring is the only thing it paints, so it looks the same; a selected
    // ripple's dashed ring fades with it.
    const ripple = g.lastElementChild as SVGElement;
    const fade = 0.7 * (1 - d.age);
    putNumber(ripple, 'r', d.r + RIPPLE_GROWTH_PX * d.age, 1);
    putNumber(ripple, 'stroke-opacity', fade, 2);
    const hit = g.children[1] as SVGElement;
    if (selected) putNumber(hit, 'stroke-opacity', fade, 2);
    else put(hit, 'stroke-opacity', null);
  } else if (d.status === 'corrupted' || d.status === 'lost') {
    if (d.status === 'corrupted')
      putNumber(
        g.children[2] as SVGElement,
        'r',
        d.r + 3.5 + BURST_GROWTH_PX * Math.min(1, d.age * 2.5),
        1,
      );
    opacity = d.age < 0.6 ? 1 : 1 - (d.age - 0.6) / 0.4;
  }
  if (opacity === null) put(g, 'opacity', null);
  else putNumber(g, 'opacity', opacity, 2);
}

/** Joins packets into one SVG group; keeps its spare elements between frames. */
export class PacketLayer {
  private readonly pool = new Map<Status, SVGGElement[]>();
  /** Finished marks (ripples, crosses) below, live packets above. */
  private readonly finished: SVGGElement;
  private readonly live: SVGGElement;

  constructor(
    private readonly root: SVGGElement,
    private readonly onSelect: (id: string) => void,
  ) {
    this.finished = root.appendChild(document.createElementNS(SVG_NS, 'g'));
    this.live = root.appendChild(document.createElementNS(SVG_NS, 'g'));
    // One listener for all packets; an element shows whichever packet its datum is now.
    select(root).on('click', (event: MouseEvent) => {
      const g = (event.target as Element).closest<SVGGElement>('.tp-packet');
      if (!g) return;
      event.stopPropagation();
      this.onSelect(select<SVGGElement, DrawnPacket>(g).datum().id);
    });
  }

  /** Draws `drawn` with `selected` outlined. */
  render(drawn: readonly DrawnPacket[], selected: string | null): void {
    const finished: DrawnPacket[] = [];
    const live: DrawnPacket[] = [];
    for (const d of drawn)
      (d.status === 'in-flight' || d.status === 'stalled' ? live : finished).push(d);
    // Live packets keep the data's order (a later packet over an earlier one on the same lane); the
    // finished marks are left where they are, as re-sorting them would move most of them every frame
    // (the newest delivery of each direction changes every frame) for no visible difference.
    this.join(this.finished, finished, selected);
    this.join(this.live, live, selected).order();
    // Words on a few packets say what crosses; on a busy mesh they would only be noise.
    const labelled = live.length <= LABELLED_LIVE_MAX;
    if (this.live.classList.contains('tp-labelled') !== labelled)
      this.live.classList.toggle('tp-labelled', labelled);
  }

  /** Empties the layer (a new layout draws afresh). */
  clear(): void {
    select(this.root).on('click', null);
    this.finished.remove();
    this.live.remove();
    this.pool.clear();
  }

  private join(group: SVGGElement, drawn: readonly DrawnPacket[], selected: string | null) {
    const update = select(group)
      .selectChildren<SVGGElement, DrawnPacket>()
      .data(drawn, (d) => d.key);
    update.exit<DrawnPacket>().each((_, i, nodes) => this.release(nodes[i] as SVGGElement));
    return update
      .enter()
      .append((d) => this.take(d.status))
      .merge(update)
      .each(function (d) {
        if (this.getAttribute('data-status') !== d.status) reshape(this, d.status);
        dress(this, d, d.id === selected);
      });
  }

  private take(status: Status): SVGGElement {
    return this.pool.get(status)?.pop() ?? (blueprint(status).cloneNode(true) as SVGGElement);
  }

  private release(g: SVGGElement): void {
    g.remove();
    const status = g.getAttribute('data-status') as Status;
    const spares = this.pool.get(status) ?? [];
    if (spares.length < POOL_MAX_PER_STATUS) spares.push(g);
    this.pool.set(status, spares);
  }
}
