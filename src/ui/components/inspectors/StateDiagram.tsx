/*
 * The peer state machine of docs/peer.md / peer.ts as a small SVG: four states,
 * the six transitions, the current state lit in its colour and the ways out of
 * it drawn brighter (where the peer can go next).
 */
import { useId } from 'react';
import type { PeerState } from '../../../core/view';
import { PEER_STATE_COLOUR, PEER_STATE_LABEL } from '../../theme';

const W = 80;
const H = 22;
const BOX: Record<PeerState, { x: number; y: number }> = {
  disconnected: { x: 1, y: 8 },
  connecting: { x: 128, y: 8 },
  connected: { x: 255, y: 8 },
  backoff: { x: 128, y: 56 },
};

interface Edge {
  from: PeerState;
  to: PeerState;
  d: string;
  label: string;
  lx: number;
  ly: number;
  anchor: 'start' | 'middle' | 'end';
}

const EDGES: readonly Edge[] = [
  {
    from: 'disconnected',
    to: 'connecting',
    d: 'M81,19 H126',
    label: 'send()',
    lx: 104,
    ly: 15,
    anchor: 'middle',
  },
  {
    from: 'connecting',
    to: 'connected',
    d: 'M208,19 H253',
    label: 'connected',
    lx: 231,
    ly: 15,
    anchor: 'middle',
  },
  {
    from: 'connecting',
    to: 'backoff',
    d: 'M158,30 V54',
    label: 'fail / timeout',
    lx: 153,
    ly: 45,
    anchor: 'end',
  },
  {
    from: 'backoff',
    to: 'connecting',
    d: 'M178,56 V32',
    label: 'backoff elapsed',
    lx: 183,
    ly: 45,
    anchor: 'start',
  },
  {
    from: 'connected',
    to: 'backoff',
    d: 'M295,30 V67 H210',
    label: 'error · EOF · ping timeout',
    lx: 213,
    ly: 79,
    anchor: 'start',
  },
  {
    from: 'backoff',
    to: 'disconnected',
    d: 'M128,67 H41 V32',
    label: 'nothing queued',
    lx: 44,
    ly: 79,
    anchor: 'start',
  },
];

const STATES: readonly PeerState[] = ['disconnected', 'connecting', 'connected', 'backoff'];

export function StateDiagram({ state }: { state: PeerState }) {
  const lit = PEER_STATE_COLOUR[state];
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const arrow = `insp-arrow-${uid}`;
  const arrowLit = `insp-arrow-lit-${uid}`;
  return (
    <svg
      className="insp-fsm"
      viewBox="0 0 337 84"
      role="img"
      aria-label={`Peer state machine, current state ${PEER_STATE_LABEL[state]}`}
    >
      <defs>
        <marker
          id={arrow}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" fill="#4b6a86" />
        </marker>
        <marker
          id={arrowLit}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L8,4 L0,8 z" fill="#cfe3f5" />
        </marker>
      </defs>
      {EDGES.map((e) => {
        const out = e.from === state;
        return (
          <g key={`${e.from}-${e.to}`} className={out ? 'insp-fsm-edge is-out' : 'insp-fsm-edge'}>
            <path d={e.d} fill="none" markerEnd={`url(#${out ? arrowLit : arrow})`} />
            <text x={e.lx} y={e.ly} textAnchor={e.anchor}>
              {e.label}
            </text>
          </g>
        );
      })}
      {STATES.map((s) => {
        const { x, y } = BOX[s];
        const on = s === state;
        const colour = PEER_STATE_COLOUR[s];
        return (
          <g key={s} className={on ? 'insp-fsm-state is-on' : 'insp-fsm-state'}>
            <rect
              x={x}
              y={y}
              width={W}
              height={H}
              rx={6}
              fill={on ? colour : '#0b1826'}
              stroke={on ? colour : '#2a4561'}
              style={on ? { filter: `drop-shadow(0 0 5px ${lit})` } : undefined}
            />
            <text
              x={x + W / 2}
              y={y + H / 2 + 3.5}
              textAnchor="middle"
              fill={on ? '#06121d' : '#8aa3b8'}
              fontWeight={on ? 700 : 500}
              fontSize={on ? 10 : undefined}
            >
              {PEER_STATE_LABEL[s]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
