/*
 * The key to every colour and mark the topology draws: a quiet strip under
 * the drawing (so it never covers a node), open by default, which the panel
 * can fold away. One colour, one meaning (theme.ts): what is drawn and what
 * the key says come from the same constants.
 */
import type { ReactNode } from 'react';
import { LINK_STATE_COLOUR, PACKET_STATUS_COLOUR, packetColour } from '../../theme';
import type { LinkState } from '../../../core/view';
import { NODE_RING } from './NodeGlyph';

const LINK_STATES: readonly LinkState[] = ['connected', 'connecting', 'stalled', 'idle'];
const KINDS: readonly { kinds: string; sample: string }[] = [
  { kinds: 'request · data · record', sample: 'request' },
  { kinds: 'reply · ack', sample: 'reply' },
  { kinds: 'ping · pong', sample: 'ping' },
  { kinds: 'hello', sample: 'hello' },
  { kinds: 'datagram', sample: 'datagram' },
  { kinds: 'broken promise · not found', sample: 'broken-promise' },
];

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg className="tp-legend-swatch" width="24" height="12" viewBox="0 0 24 12" aria-hidden="true">
      {children}
    </svg>
  );
}

/** A red ✕ in a ring: what is gone or broken (a down node, a corrupted or lost packet). */
function CrossSwatch() {
  const danger = PACKET_STATUS_COLOUR.corrupted;
  return (
    <Swatch>
      <circle cx="12" cy="6" r="5" fill="#08131f" stroke={danger} strokeWidth="1.2" />
      <path d="M9.5 3.5L14.5 8.5M14.5 3.5L9.5 8.5" stroke={danger} strokeWidth="1.6" />
    </Swatch>
  );
}

/** A node's ring in the key. */
function NodeItem({ ring, label }: { ring: string; label: string }) {
  return (
    <span className="tp-legend-item">
      <Swatch>
        <circle cx="12" cy="6" r="4.6" fill="#0d1b2a" stroke={ring} strokeWidth="1.8" />
      </Swatch>
      {label}
    </span>
  );
}

/** The key, as a strip of a few lines under the drawing (`compact`: smaller type for a short panel). */
export function Legend({ compact = false }: { compact?: boolean }) {
  const danger = PACKET_STATUS_COLOUR.corrupted;
  return (
    <div
      className={compact ? 'tp-legend tp-legend-compact' : 'tp-legend'}
      data-testid="topology-legend"
      role="note"
      aria-label="Topology key"
    >
      <div className="tp-legend-group">
        <span className="tp-legend-head">Nodes</span>
        <NodeItem ring={NODE_RING.server} label="server" />
        <NodeItem ring={NODE_RING.other} label="other roles (named beside)" />
        <span className="tp-legend-item">
          <span className="tp-legend-badge">↻2</span>
          restarted (incarnation)
        </span>
        <span className="tp-legend-item">
          <CrossSwatch />
          down
        </span>
      </div>
      <div className="tp-legend-group">
        <span className="tp-legend-head">Links</span>
        {LINK_STATES.map((s) => (
          <span key={s} className="tp-legend-item">
            <Swatch>
              <line
                x1="1"
                y1="6"
                x2="23"
                y2="6"
                stroke={LINK_STATE_COLOUR[s]}
                strokeWidth="3"
                strokeDasharray={s === 'idle' ? '3 3' : s === 'connecting' ? '6 3' : undefined}
              />
            </Swatch>
            {s}
          </span>
        ))}
        <span className="tp-legend-note">(thicker = more connections)</span>
      </div>
      <div className="tp-legend-group">
        <span className="tp-legend-head">Faults</span>
        <span className="tp-legend-item">
          <Swatch>
            <path d="M1 6H6M18 6H23" stroke="#3b5268" strokeWidth="3" />
            <circle cx="12" cy="6" r="4.6" fill="#1a0a12" stroke={danger} strokeWidth="1.4" />
          </Swatch>
          cut
        </span>
        <span className="tp-legend-item">
          <Swatch>
            <path d="M1 6H23" stroke="#3b5268" strokeWidth="3" />
            <path d="M10 4.5V11.5" stroke={danger} strokeWidth="2.5" strokeLinecap="round" />
            <circle cx="17" cy="8" r="3.4" fill="#1a0a12" stroke={danger} strokeWidth="1.2" />
          </Swatch>
          one-way cut
        </span>
        <span className="tp-legend-item">
          <Swatch>
            <path d="M1 6H23" stroke="#3b5268" strokeWidth="3" />
            <path d="M12 1.5V10.5" stroke="#f5a524" strokeWidth="4" strokeLinecap="round" />
          </Swatch>
          clog
        </span>
        <span className="tp-legend-item">
          <Swatch>
            <path
              d="M1 6 Q4 1 7 6 T13 6 T19 6 T25 6"
              stroke="#a78bfa"
              strokeWidth="1.6"
              fill="none"
            />
          </Swatch>
          latency spike
        </span>
      </div>
      <div className="tp-legend-group">
        <span className="tp-legend-head">Packets</span>
        {KINDS.map((k) => (
          <span key={k.kinds} className="tp-legend-item">
            <Swatch>
              <circle cx="12" cy="6" r="4" fill={packetColour(k.sample)} />
            </Swatch>
            {k.kinds}
          </span>
        ))}
        <span className="tp-legend-item">
          <Swatch>
            <circle cx="12" cy="6" r="5.2" fill="none" stroke={danger} strokeWidth="1.5" />
            <circle cx="12" cy="6" r="3" fill={packetColour('request')} />
          </Swatch>
          stalled
        </span>
        <span className="tp-legend-item">
          <CrossSwatch />
          corrupted / lost
        </span>
      </div>
    </div>
  );
}
