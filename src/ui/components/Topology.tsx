/*
 * The topology view: the run's nodes and links as an SVG, with its faults
 * drawn on the links and its packets moving along them at their real send and
 * deliver times. Nodes and links are React elements that re-render only when
 * the structure changes (topology/model's key), and then only those whose own
 * link or node changed; packets are a d3 join redrawn on every new view,
 * outside React (topology/packets decides what, topology/packet-layer draws
 * it). Clicking a link cuts or heals it, clicking a node selects it and opens
 * its menu (kill, restart, isolate); every change is an Intervention through
 * the store's actions.
 */
import { useLesson } from './lesson/lesson-state';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useServices, useUi } from '../app-context';
import type { UiState } from '../store';
import type { EngineView, LinkView } from '../../core/view';
import { describeIntervention, type Intervention } from '../../core/intervention';
import { computeLayout } from './topology/layout';
import {
  faultsOn,
  isIsolated,
  keyedBy,
  laidOutKey,
  laidOutNodes,
  linkCommand,
  structureKey,
  structureOf,
} from './topology/model';
import { createPacketMemory, packetsToDraw } from './topology/packets';
import { PacketLayer } from './topology/packet-layer';
import { LinkGlyph } from './topology/LinkGlyph';
import { NodeGlyph } from './topology/NodeGlyph';
import { NodeMenu } from './topology/NodeMenu';
import { Legend } from './topology/Legend';
import './topology/topology.css';

interface Size {
  readonly width: number;
  readonly height: number;
}

function useElementSize<T extends HTMLElement>(): [RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      // Layout px (clientWidth), not the screen's (getBoundingClientRect): the SVG is laid out in
      // layout px, and under projector mode's zoom the two differ by a quarter.
      const next = { width: el.clientWidth, height: el.clientHeight };
      setSize((s) => (s.width === next.width && s.height === next.height ? s : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size];
}

/** `pick(view)` from the store, the same object until `keyOf(view)` changes (see keyedBy). */
function useViewKeyed<T>(
  keyOf: (view: EngineView | null) => string,
  pick: (view: EngineView | null) => T,
): T {
  const ofView = useMemo(() => keyedBy(keyOf, pick), [keyOf, pick]);
  return useUi((s) => ofView(s.view));
}

/** From this many links on, healthy links are drawn as hairlines (see tp-links-dense). */
const DENSE_LINKS = 40;

interface Status {
  readonly text: string;
  readonly error: boolean;
  readonly seq: number;
}

export function Topology() {
  const { store } = useServices();
  const actions = useUi((s) => s.actions);
  const selectedNode = useUi((s) => s.selectedNode);
  const structure = useViewKeyed(structureKey, structureOf);
  const [boxRef, size] = useElementSize<HTMLDivElement>();
  // The whole panel's height decides whether the key is folded: the stage's own height changes
  // when the key shows, and deciding from it made the key flicker on and off.
  const [rootRef, rootSize] = useElementSize<HTMLDivElement>();
  // Only names and roles are laid out: a node going down or a link changing keeps the layout.
  const laidOut = useViewKeyed(laidOutKey, laidOutNodes);
  const layout = useMemo(
    () => computeLayout(laidOut, size.width, size.height),
    [laidOut, size.width, size.height],
  );

  const [menu, setMenu] = useState<{ node: string; keyboard: boolean } | null>(null);
  /** The node under the pointer (or keyboard focus): its links come forward, like the selected node's. */
  const [hovered, setHovered] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [legendOpen, setLegendOpen] = useState<boolean | null>(null);
  const inLesson = useLesson((l) => l.lessonId !== null);
  const svgRef = useRef<SVGSVGElement>(null);
  const packetLayer = useRef<SVGGElement>(null);
  const memory = useRef(createPacketMemory());

  const say = useCallback(
    (text: string, error = false) => {
      actions.notify(text);
      setStatus((s) => ({ text, error, seq: (s?.seq ?? 0) + 1 }));
    },
    [actions],
  );
  useEffect(() => {
    if (!status) return;
    const timer = window.setTimeout(
      () => setStatus((s) => (s?.seq === status.seq ? null : s)),
      4500,
    );
    return () => window.clearTimeout(timer);
  }, [status]);

  const apply = useCallback(
    (action: Intervention, message: string) => {
      const error = actions.apply(action);
      if (error) say(`Could not ${describeIntervention(action)}: ${error}`, true);
      else say(message);
    },
    [actions, say],
  );

  const toggleLink = useCallback(
    (link: LinkView, oneWay: boolean) => {
      const cmd = linkCommand(link, oneWay, faultsOn(link, store.getState().view?.faults ?? []));
      if (cmd.action) apply(cmd.action, cmd.message);
      else say(cmd.message, true);
    },
    [apply, say, store],
  );

  const activateNode = useCallback(
    (name: string, keyboard: boolean) => {
      const wasSelected = store.getState().selectedNode === name;
      actions.selectNode(name);
      setMenu((m) =>
        m?.node === name && wasSelected && !keyboard ? null : { node: name, keyboard },
      );
    },
    [actions, store],
  );

  const closeMenu = useCallback(() => {
    setMenu((m) => {
      if (m)
        svgRef.current
          ?.querySelector<SVGGElement>(`[data-testid="node-${CSS.escape(m.node)}"]`)
          ?.focus();
      return null;
    });
  }, []);

  // Packets: redrawn on every new view (every animation frame), outside React.
  useEffect(() => {
    const root = packetLayer.current;
    if (!root) return;
    const layer = new PacketLayer(root, actions.selectPacket);
    const draw = (s: UiState) => {
      if (!s.view) return;
      // A delivery's ripple lasts a share of wall time at the pace play moves now (paced: slow while packets cross).
      const rate = s.pace.rateUsPerS;
      layer.render(packetsToDraw(s.view, layout, rate, memory.current), s.selectedPacket);
    };
    draw(store.getState());
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.view !== prev.view || s.selectedPacket !== prev.selectedPacket || s.pace !== prev.pace)
        draw(s);
    });
    return () => {
      unsubscribe();
      layer.clear();
    };
  }, [store, layout, actions]);

  const { nodes, links, faults } = structure;
  const menuNode =
    menu && menu.node === selectedNode ? nodes.find((n) => n.name === menu.node) : undefined;
  const menuPlace = menuNode ? layout.nodes.get(menuNode.name) : undefined;
  const compact = rootSize.height > 0 && rootSize.height < 380;
  // Open until folded: the colours mean nothing unexplained — except in a lesson on a short panel,
  // where the step's own picture needs the room (the key is one click away).
  const showLegend = legendOpen ?? !(inLesson && compact);
  const ready = size.width > 0 && size.height > 0;
  const showRoles = nodes.length <= 6 || new Set(nodes.map((n) => n.role)).size > 1;
  // A big mesh's healthy links are hairlines (else 400 links are one teal disc); trouble stays loud,
  // and the hovered (else selected) node's links come forward.
  const dense = links.length > DENSE_LINKS;
  const focus = hovered ?? selectedNode;

  return (
    <div
      ref={rootRef}
      className="tp-root"
      data-testid="topology"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && menu) {
          e.stopPropagation();
          closeMenu();
        }
      }}
    >
      <div className="panel-title tp-title">
        <h2 className="tp-title-name">Topology</h2>
        <span className="tp-hint">
          Click a link to cut or heal it · Shift+click cuts one way · Click a node for kill /
          restart
        </span>
        {status && (
          <span
            key={status.seq}
            className={`tp-status${status.error ? ' tp-status-error' : ''}`}
            role="status"
            data-testid="topology-status"
          >
            {status.text}
          </span>
        )}
        <Counts />
        <button
          type="button"
          className="tp-key-toggle"
          aria-expanded={showLegend}
          onClick={() => setLegendOpen(!showLegend)}
          title={showLegend ? 'Hide the key' : 'Show the key to colours and marks'}
        >
          Key {showLegend ? '▾' : '▸'}
        </button>
      </div>
      <div className="tp-stage" ref={boxRef}>
        {ready && (
          <svg
            ref={svgRef}
            className="tp-svg"
            width={size.width}
            height={size.height}
            viewBox={`0 0 ${size.width} ${size.height}`}
            role="group"
            aria-label={`Network of ${nodes.length} nodes and ${links.length} links`}
            onClick={() => setMenu(null)}
          >
            <defs>
              <radialGradient id="tp-sea" cx="50%" cy="48%" r="75%">
                <stop offset="0%" stopColor="#0f2740" />
                <stop offset="55%" stopColor="#0b1c2e" />
                <stop offset="100%" stopColor="#081522" />
              </radialGradient>
            </defs>
            <rect className="tp-bg" width={size.width} height={size.height} fill="url(#tp-sea)" />
            {(layout.kind === 'ring' || layout.kind === 'star') &&
              (layout.shape === 'stadium' ? (
                <rect
                  className="tp-ring"
                  x={layout.cx - layout.rx}
                  y={layout.cy - layout.ry}
                  width={2 * layout.rx}
                  height={2 * layout.ry}
                  rx={layout.ry}
                />
              ) : (
                <ellipse
                  className="tp-ring"
                  cx={layout.cx}
                  cy={layout.cy}
                  rx={layout.rx}
                  ry={layout.ry}
                />
              ))}
            {layout.kind === 'star' && (
              <ellipse
                className="tp-ring tp-ring-inner"
                cx={layout.cx}
                cy={layout.cy}
                rx={layout.rx * 0.5}
                ry={layout.ry * 0.5}
              />
            )}
            <g className={dense ? 'tp-links tp-links-dense' : 'tp-links'}>
              {links.map((l) => {
                const from = layout.nodes.get(l.a);
                const to = layout.nodes.get(l.b);
                if (!from || !to) return null;
                const emphasis =
                  focus === null ? null : l.a === focus || l.b === focus ? 'near' : 'far';
                return (
                  <LinkGlyph
                    key={`${l.a}|${l.b}`}
                    link={l}
                    from={from}
                    to={to}
                    faults={faultsOn(l, faults)}
                    emphasis={emphasis}
                    onToggle={toggleLink}
                  />
                );
              })}
            </g>
            <g className="tp-packets" ref={packetLayer} aria-hidden="true" />
            <g className="tp-nodes">
              {nodes.map((n) => {
                const place = layout.nodes.get(n.name);
                return place ? (
                  <NodeGlyph
                    key={n.name}
                    node={n}
                    place={place}
                    selected={n.name === selectedNode}
                    isolated={isIsolated(n.name, faults)}
                    showRole={showRoles}
                    onActivate={activateNode}
                    onHover={setHovered}
                  />
                ) : null;
              })}
            </g>
            {links.length === 0 && nodes.length > 1 && (
              <text className="tp-empty" x={layout.cx} y={size.height - 12}>
                No connections yet — press ▶ Play or Step to start the run.
              </text>
            )}
          </svg>
        )}
        {menuNode && menuPlace && (
          <NodeMenu
            node={menuNode}
            place={menuPlace}
            width={size.width}
            height={size.height}
            isolated={isIsolated(menuNode.name, faults)}
            focusOnOpen={menu?.keyboard ?? false}
            onAction={apply}
            onClose={closeMenu}
          />
        )}
      </div>
      {showLegend && <Legend compact={compact} />}
    </div>
  );
}

/** "5 nodes · 10 links · 3 in flight": re-renders only when a count changes. */
function Counts() {
  const text = useUi((s) => {
    const v = s.view;
    if (!v) return '';
    let flying = 0;
    let stalled = 0;
    for (const p of v.packets) {
      if (p.status === 'in-flight') flying++;
      else if (p.status === 'stalled') stalled++;
    }
    const down = v.nodes.filter((n) => !n.alive).length;
    const role = v.nodes[0]?.role ?? '';
    const same = v.nodes.length > 1 && v.nodes.every((n) => n.role === role);
    return [
      `${v.nodes.length} ${same ? `${role} ` : ''}nodes${down ? ` (${down} down)` : ''}`,
      `${v.links.length} links`,
      `${flying} in flight`,
      stalled ? `${stalled} stalled` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  });
  return (
    <span className="tp-counts mono" data-testid="topology-counts">
      {text}
    </span>
  );
}
