/*
 * The floating menu of the selected node: what it is (role, address, alive or
 * down, incarnation) and what can be done to it — Kill, Restart, Isolate and,
 * when it is isolated, "Heal all cuts". Placed beside the node, flipped to stay
 * inside the panel. Escape (or ✕, or a click on empty space) closes it and
 * gives focus back to the node.
 */
import { useEffect, useRef } from 'react';
import type { NodeView } from '../../../core/view';
import type { Intervention } from '../../../core/intervention';
import type { NodePlace } from './layout';
import { roleColour } from './NodeGlyph';

const MENU_W = 188;
const MENU_H = 150;

interface Props {
  readonly node: NodeView;
  readonly place: NodePlace;
  readonly width: number;
  readonly height: number;
  readonly isolated: boolean;
  readonly focusOnOpen: boolean;
  readonly onAction: (action: Intervention, message: string) => void;
  readonly onClose: () => void;
}

export function NodeMenu({
  node,
  place,
  width,
  height,
  isolated,
  focusOnOpen,
  onAction,
  onClose,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnOpen)
      ref.current
        ?.querySelector<HTMLButtonElement>('.tp-menu-actions button:not(:disabled)')
        ?.focus();
  }, [focusOnOpen, node.name]);

  const right = place.x + place.r + 14 + MENU_W <= width - 6;
  const left = right ? place.x + place.r + 14 : Math.max(6, place.x - place.r - 14 - MENU_W);
  const top = Math.min(Math.max(6, place.y - 34), Math.max(6, height - MENU_H - 6));
  const name = node.name;

  return (
    <div
      ref={ref}
      className="tp-menu"
      data-testid="node-menu"
      role="dialog"
      aria-label={`Actions for ${name}`}
      style={{ left, top, width: MENU_W }}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="tp-menu-head">
        <span
          className="tp-menu-dot"
          style={{ background: node.alive ? roleColour(node.role) : 'var(--danger)' }}
        />
        <strong>{name}</strong>
        <span className="tp-menu-role">{node.role}</span>
        <button
          type="button"
          className="tp-menu-close"
          aria-label="Close menu"
          title="Close (Esc)"
          onClick={onClose}
        >
          ✕
        </button>
      </div>
      <div className="tp-menu-meta mono">
        {node.ip} · {node.alive ? 'alive' : 'down'}
        {node.incarnation > 0 ? ` · incarnation ${node.incarnation}` : ''}
        {isolated ? ' · isolated' : ''}
      </div>
      <div className="tp-menu-actions">
        <button
          type="button"
          data-testid="node-kill"
          className="tp-danger"
          disabled={!node.alive}
          title={
            node.alive
              ? `Kill ${name}: its connections close, its tasks stop`
              : `${name} is already down`
          }
          onClick={() =>
            onAction(
              { kind: 'kill', node: name },
              `Killed ${name}: its connections closed and its tasks stopped.`,
            )
          }
        >
          ☠ Kill
        </button>
        <button
          type="button"
          data-testid="node-restart"
          disabled={node.alive}
          title={
            node.alive
              ? `${name} is running; kill it first`
              : `Restart ${name} as incarnation ${node.incarnation}`
          }
          onClick={() =>
            onAction(
              { kind: 'restart', node: name },
              `Restarted ${name} (incarnation ${node.incarnation}).`,
            )
          }
        >
          ↻ Restart
        </button>
        <button
          type="button"
          data-testid="node-isolate"
          disabled={isolated}
          title={isolated ? `${name} is already isolated` : `Cut every link of ${name}, both ways`}
          onClick={() =>
            onAction({ kind: 'isolate', node: name }, `Isolated ${name}: all its links are cut.`)
          }
        >
          ⊘ Isolate
        </button>
        {isolated && (
          <button
            type="button"
            data-testid="node-heal-all"
            title="Heal every partition and isolation in the network"
            onClick={() => onAction({ kind: 'heal' }, 'Healed all cuts.')}
          >
            ✚ Heal all cuts
          </button>
        )}
      </div>
    </div>
  );
}
