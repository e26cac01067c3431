/*
 * Where the topology draws its nodes: a pure, deterministic function of the
 * node list (names and roles, in topology order) and the drawing size. One
 * node sits in the middle; two side by side; a star when exactly one node is a
 * server of some kind (fan-in, echo, hash-chain) with the rest around it; a
 * ring (an ellipse, to use a wide panel) otherwise (mesh). The first ring node
 * is at the top and the rest follow clockwise (a star with an even count turns
 * half a step, leaving room under the hub for its label). Knows nothing of the DOM.
 */

export interface NodePlace {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  /** Circle radius in px. */
  readonly r: number;
  readonly hub: boolean;
  /** Direction (radians) in which the node's label goes, away from the centre. */
  readonly labelAngle: number;
}

export type LayoutKind = 'empty' | 'single' | 'pair' | 'star' | 'ring';

export interface TopologyLayout {
  readonly kind: LayoutKind;
  readonly width: number;
  readonly height: number;
  readonly cx: number;
  readonly cy: number;
  /** The ring's radii (0 when there is no ring). */
  readonly rx: number;
  readonly ry: number;
  /**
   * The ring's outline: an ellipse, or — when the nodes need a panel's whole
   * width (many nodes, a short panel) — a stadium (straight sides, round ends
   * of radius ry), whose ends are never so sharp that neighbours overlap.
   */
  readonly shape: 'ellipse' | 'stadium';
  readonly nodes: ReadonlyMap<string, NodePlace>;
}

/** Room kept around the drawing for labels (px). */
const MARGIN_X = 70;
const MARGIN_TOP = 8;
const MARGIN_BOTTOM = 8;

/** A node whose role names it a server of some kind ("server", "log server", "echo server"). */
export function isServerRole(role: string): boolean {
  return /\bserver\b/i.test(role);
}

export function computeLayout(
  nodes: readonly { name: string; role: string }[],
  width: number,
  height: number,
): TopologyLayout {
  const w = Math.max(width, 120);
  const h = Math.max(height, 120);
  const cx = w / 2;
  const cy = MARGIN_TOP + (h - MARGIN_TOP - MARGIN_BOTTOM) / 2;
  const halfH = Math.max(30, (h - MARGIN_TOP - MARGIN_BOTTOM) / 2);
  const halfW = Math.max(30, w / 2 - MARGIN_X);
  const places = new Map<string, NodePlace>();
  const base = { width: w, height: h, cx, cy };

  if (nodes.length === 0)
    return { ...base, kind: 'empty', rx: 0, ry: 0, shape: 'ellipse', nodes: places };
  if (nodes.length === 1) {
    const only = nodes[0] as { name: string };
    places.set(only.name, {
      name: only.name,
      x: cx,
      y: cy,
      r: 28,
      hub: true,
      labelAngle: Math.PI / 2,
    });
    return { ...base, kind: 'single', rx: 0, ry: 0, shape: 'ellipse', nodes: places };
  }
  if (nodes.length === 2) {
    const half = Math.min(halfW, 300, Math.max(120, w * 0.28));
    nodes.forEach((n, i) => {
      places.set(n.name, {
        name: n.name,
        x: cx + (i === 0 ? -half : half),
        y: cy,
        r: 30,
        hub: isServerRole(n.role),
        labelAngle: Math.PI / 2,
      });
    });
    return { ...base, kind: 'pair', rx: half, ry: 0, shape: 'ellipse', nodes: places };
  }

  const servers = nodes.filter((n) => isServerRole(n.role));
  const hub = servers.length === 1 ? (servers[0] as { name: string }) : null;
  const ring = hub ? nodes.filter((n) => n !== hub) : nodes;
  // Radius from the spacing of neighbours on the ring (a chord of the smaller radius), then
  // the ring shrinks so that circles and their outward labels stay inside.
  const chordOf = (rx: number, ry: number) =>
    2 * Math.min(rx, ry) * Math.sin(Math.PI / Math.max(ring.length, 2));
  const ry0 = halfH;
  const rx0 = Math.min(halfW, ry0 * 2.1);
  const r = Math.round(Math.max(9, Math.min(26, ry0 * 0.17, chordOf(rx0, ry0) * 0.3)));
  const ry = Math.max(30, ry0 - r - 22);
  // Wider than 2.1:1 only when the nodes need the room (a short, wide panel and many nodes).
  const wide = rxFor(ring.length, r, ry) > ry * 2.1;
  const shape = wide ? 'stadium' : 'ellipse';
  const rx = wide ? Math.max(ry, halfW - r) : Math.max(30, Math.min(halfW - r, ry * 2.1));
  // A ring starts at the top; a star leaves a gap at the bottom for the hub's label. A stadium's
  // nodes are spaced evenly along it (on its straight sides equal angles would crowd the ends).
  const step = 1 / ring.length;
  const start = hub && ring.length % 2 === 0 ? step / 2 : 0;
  const along = wide ? stadiumWalker(rx, ry) : ellipseAngles;
  ring.forEach((n, i) => {
    const at = along(start + step * i);
    places.set(n.name, {
      name: n.name,
      x: cx + at.x * rx,
      y: cy + at.y * ry,
      r,
      hub: false,
      labelAngle: at.angle,
    });
  });
  if (hub)
    places.set(hub.name, {
      name: hub.name,
      x: cx,
      y: cy,
      r: Math.min(34, Math.round(r * 1.3)),
      hub: true,
      labelAngle: Math.PI / 2,
    });
  return { ...base, kind: hub ? 'star' : 'ring', rx, ry, shape, nodes: places };
}

/** Room each ring node takes along the ring, in radii (its circle and a gap). */
const SPACING_RADII = 2.8;

/** A point of the ring as fractions of (rx, ry) from the centre, and the way out from there (for its label). */
interface RingPoint {
  readonly x: number;
  readonly y: number;
  readonly angle: number;
}

/** The smallest rx (given ry) whose ellipse has room for `count` circles of radius r. */
function rxFor(count: number, r: number, ry: number): number {
  const needed = count * SPACING_RADII * r;
  let rx = ry;
  while (ellipsePerimeter(rx, ry) < needed && rx < 10_000) rx *= 1.05;
  return rx;
}

/** Ramanujan's approximation of an ellipse's perimeter. */
function ellipsePerimeter(a: number, b: number): number {
  return Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b)));
}

/** Equal angles round an ellipse, from the top, clockwise on screen. */
function ellipseAngles(fraction: number): RingPoint {
  const angle = -Math.PI / 2 + 2 * Math.PI * fraction;
  return { x: Math.cos(angle), y: Math.sin(angle), angle };
}

/**
 * Equal lengths round a stadium of half-width rx and half-height ry (round
 * ends of radius ry), from the top middle, clockwise on screen.
 */
function stadiumWalker(rx: number, ry: number): (fraction: number) => RingPoint {
  const flat = rx - ry; // half of each straight side
  const arc = Math.PI * ry;
  const total = 4 * flat + 2 * arc;
  const at = (x: number, y: number, angle: number): RingPoint => ({ x: x / rx, y: y / ry, angle });
  return (fraction) => {
    let d = (((fraction % 1) + 1) % 1) * total;
    if (d < flat) return at(d, -ry, -Math.PI / 2); // top, going right
    d -= flat;
    if (d < arc) {
      const a = -Math.PI / 2 + d / ry; // right end
      return at(flat + ry * Math.cos(a), ry * Math.sin(a), a);
    }
    d -= arc;
    if (d < 2 * flat) return at(flat - d, ry, Math.PI / 2); // bottom, going left
    d -= 2 * flat;
    if (d < arc) {
      const a = Math.PI / 2 + d / ry; // left end
      return at(-flat + ry * Math.cos(a), ry * Math.sin(a), a);
    }
    return at(-flat + (d - arc), -ry, -Math.PI / 2); // top, back to the middle
  };
}
