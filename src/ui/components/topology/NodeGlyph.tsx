/*
 * One node of the topology: a circle with its name inside and its role
 * outside (away from the centre, clear of the links), a server's ring
 * bright and the others' quiet; dimmed and crossed out when it is down, with a ↻ badge for its
 * incarnation once it has been killed; a ring when selected. Focusable;
 * Enter or Space (or a click) selects it and opens its menu.
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { NodeView } from '../../../core/view';
import { COLOURS } from '../../theme';
import type { NodePlace } from './layout';
import { isServerRole } from './layout';
import { crossPath } from './geometry';
import { nodeTitle, sameRecord } from './model';

/** A server's ring is bright, every other node's quiet: roles are written beside the node, and hues are kept for states and packet kinds. */
export const NODE_RING = { server: '#dbe7f3', other: '#7f98ad' } as const;

export function roleColour(role: string): string {
  return isServerRole(role) ? NODE_RING.server : NODE_RING.other;
}

interface Props {
  readonly node: NodeView;
  readonly place: NodePlace;
  readonly selected: boolean;
  readonly isolated: boolean;
  /** False when every node has the same role (a big mesh): then only "down"/"isolated" are written. */
  readonly showRole: boolean;
  readonly onActivate: (name: string, byKeyboard: boolean) => void;
  /** The pointer or keyboard focus came to this node (its name) or left it (null). */
  readonly onHover: (name: string | null) => void;
}

export const NodeGlyph = memo(function NodeGlyph({
  node,
  place,
  selected,
  isolated,
  showRole,
  onActivate,
  onHover,
}: Props) {
  const { r } = place;
  const colour = roleColour(node.role);
  // The role label goes outward from the centre; below the node for the hub and pairs.
  const cos = Math.cos(place.labelAngle);
  const sin = Math.sin(place.labelAngle);
  const dist = r + 9;
  const lx = cos * dist;
  const ly = sin * dist;
  const anchor = Math.abs(cos) < 0.35 ? 'middle' : cos > 0 ? 'start' : 'end';
  const dy = sin > 0.35 ? '0.9em' : sin < -0.35 ? '-0.25em' : '0.35em';
  const status = [
    showRole ? node.role : null,
    node.alive ? null : 'down',
    isolated ? 'isolated' : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    onActivate(node.name, false);
  };
  const key = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation(); // like a <button>: Space presses it rather than reaching the page's play/pause
    onActivate(node.name, true);
  };
  const cls = [
    'tp-node',
    node.alive ? '' : 'tp-node-dead',
    selected ? 'tp-node-selected' : '',
    place.hub ? 'tp-node-hub' : '',
    isolated ? 'tp-node-isolated' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const nameSize = Math.max(10, Math.min(14, r * 0.55));

  return (
    <g
      className={cls}
      data-testid={`node-${node.name}`}
      data-alive={node.alive}
      data-incarnation={node.incarnation}
      data-selected={selected}
      transform={`translate(${place.x.toFixed(1)},${place.y.toFixed(1)})`}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`Node ${node.name}, ${node.role}, ${node.alive ? 'alive' : 'down'}${node.incarnation > 0 ? `, incarnation ${node.incarnation}` : ''}${isolated ? ', isolated' : ''}. Enter for actions.`}
      onClick={click}
      onKeyDown={key}
      onPointerEnter={() => onHover(node.name)}
      onPointerLeave={() => onHover(null)}
      onFocus={() => onHover(node.name)}
      onBlur={() => onHover(null)}
    >
      <title>{nodeTitle(node, isolated)}</title>
      <circle className="tp-node-halo" r={r + 7} />
      {isolated && <circle className="tp-node-isolation" r={r + 4} />}
      <circle className="tp-node-body" r={r} stroke={node.alive ? colour : COLOURS.danger} />
      <text className="tp-node-name" dy="0.35em" style={{ fontSize: `${nameSize}px` }}>
        {node.name}
      </text>
      {!node.alive && <path className="tp-node-cross" d={crossPath(r * 0.62)} />}
      {node.incarnation > 0 && (
        <g
          className="tp-node-inc"
          transform={`translate(${(r * 0.78).toFixed(1)},${(-r * 0.78).toFixed(1)})`}
        >
          <rect x={-1} y={-8} width={node.incarnation > 9 ? 30 : 24} height={16} rx={8} />
          <text x={node.incarnation > 9 ? 14 : 11} dy="0.35em">
            ↻{node.incarnation}
          </text>
        </g>
      )}
      {status && (
        <text
          className={`tp-node-role${node.alive ? '' : ' tp-node-role-down'}`}
          x={lx}
          y={ly}
          dy={dy}
          textAnchor={anchor}
        >
          {status}
        </text>
      )}
    </g>
  );
}, sameProps);

/** As for links: a new view brings new node objects; a node is drawn again only if what it shows changed. */
function sameProps(p: Props, q: Props): boolean {
  return (
    p.place === q.place &&
    p.selected === q.selected &&
    p.isolated === q.isolated &&
    p.showRole === q.showRole &&
    p.onActivate === q.onActivate &&
    p.onHover === q.onHover &&
    sameRecord(p.node, q.node)
  );
}
