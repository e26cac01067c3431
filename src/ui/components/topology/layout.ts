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

  if (nodes.length === 0) return { ...base, kind: 'empty', rx: 0, ry: 0, nodes: places };
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
    return { ...base, kind: 'single', rx: 0, ry: 0, nodes: places };
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
    return { ...base, kind: 'pair', rx: half, ry: 0, nodes: places };
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
  const r = Math.round(Math.max(11, Math.min(26, ry0 * 0.17, chordOf(rx0, ry0) * 0.3)));
  const ry = Math.max(30, ry0 - r - 22);
  const rx = Math.max(30, Math.min(halfW - r, ry * 2.1));
  // A ring starts at the top; a star leaves a gap at the bottom for the hub's label.
  const step = (2 * Math.PI) / ring.length;
  const start = -Math.PI / 2 + (hub && ring.length % 2 === 0 ? step / 2 : 0);
  ring.forEach((n, i) => {
    const angle = start + step * i;
    places.set(n.name, {
      name: n.name,
      x: cx + rx * Math.cos(angle),
      y: cy + ry * Math.sin(angle),
      r,
      hub: false,
      labelAngle: angle,
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
  return { ...base, kind: hub ? 'star' : 'ring', rx, ry, nodes: places };
}
