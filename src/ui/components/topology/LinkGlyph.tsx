/*
 * One link of the topology: a line coloured by connection state and as thick
 * as its connections are many, with its faults drawn on it — a cut (a gap
 * between two red bars and ✂), a one-way cut (a red arrow into a red bar on the
 * blocked direction's lane), a clog (an amber dam on the held direction), a
 * latency spike (a violet wave) and an armed corruption (a red ⚡). A wide
 * invisible stroke makes it easy to hit; it is focusable and Enter toggles
 * the cut like a click (Shift for one way).
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { LinkView } from '../../../core/view';
import { COLOURS, LINK_STATE_COLOUR } from '../../theme';
import type { NodePlace } from './layout';
import { acrossPath, arrowPath, linePath, pointAt, segmentBetween, wavePath } from './geometry';
import { linkAriaLabel, linkTitle, type LinkFaults } from './model';
import { CUT_AT, DAM_AT, LANE_PX } from './packets';

export function linkWidth(connections: number): number {
  return connections <= 0 ? 1.5 : 1.5 + 1.5 * Math.min(connections, 4);
}

interface Props {
  readonly link: LinkView;
  readonly from: NodePlace;
  readonly to: NodePlace;
  readonly faults: LinkFaults;
  /** 'near' when an end is the selected node, 'far' when another node is selected. */
  readonly emphasis: 'near' | 'far' | null;
  readonly onToggle: (link: LinkView, oneWay: boolean) => void;
}

export const LinkGlyph = memo(function LinkGlyph({ link, from, to, faults, emphasis, onToggle }: Props) {
  const seg = segmentBetween(from, to, 3);
  const width = linkWidth(link.connections);
  const colour = LINK_STATE_COLOUR[link.state];
  const cutBoth = link.partition === 'both';
  const mid = pointAt(seg, CUT_AT);
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    onToggle(link, e.shiftKey);
  };
  const key = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    onToggle(link, e.shiftKey);
  };
  const cls = ['tp-link', `tp-link-${link.state}`, link.partition ? 'tp-link-cut' : '', emphasis ? `tp-link-${emphasis}` : ''].filter(Boolean).join(' ');

  return (
    <g
      className={cls}
      data-testid={`link-${link.a}-${link.b}`}
      data-state={link.state}
      data-partition={link.partition ?? 'none'}
      data-clogged={link.clogged}
      data-spike={link.latencySpike}
      tabIndex={0}
      role="button"
      aria-label={linkAriaLabel(link)}
      onClick={click}
      onKeyDown={key}
    >
      <title>{linkTitle(link, faults)}</title>
      <path className="tp-link-hit" d={linePath(seg)} />
      {link.state === 'connected' && <path className="tp-link-glow" d={linePath(seg)} stroke={colour} strokeWidth={width + 6} />}
      <path className="tp-link-line" d={linePath(seg, cutBoth ? CUT_AT : null, 14)} stroke={colour} strokeWidth={width} />
      {link.latencySpike && <path className="tp-link-spike" d={wavePath(seg, 0.18, 0.82, 3 + width / 2, 12)} />}
      {faults.clogs.map((c) => {
        const fromA = c.a === link.a;
        const cs = fromA ? seg : segmentBetween(to, from, 3);
        const at = pointAt(cs, DAM_AT, 0);
        return (
          <g key={c.id} className="tp-link-clog">
            <path d={acrossPath(cs, at.x, at.y, 9)} />
            <path className="tp-link-clog-lane" d={arrowPath(at.x - cs.ux * 4 + cs.nx * LANE_PX, at.y - cs.uy * 4 + cs.ny * LANE_PX, cs.ux, cs.uy, 4)} />
          </g>
        );
      })}
      {link.clogged && faults.clogs.length === 0 && (
        <g className="tp-link-clog">
          <path d={acrossPath(seg, pointAt(seg, DAM_AT).x, pointAt(seg, DAM_AT).y, 9)} />
        </g>
      )}
      {cutBoth && (
        <g className="tp-link-cutmark">
          <path d={`${acrossPath(seg, mid.x - seg.ux * 7, mid.y - seg.uy * 7, 8)}${acrossPath(seg, mid.x + seg.ux * 7, mid.y + seg.uy * 7, 8)}`} />
          <text className="tp-link-scissors" x={mid.x + seg.nx * 16} y={mid.y + seg.ny * 16} dy="0.35em">
            ✂
          </text>
        </g>
      )}
      {(link.partition === 'a>b' || link.partition === 'b>a') && <OneWayMark link={link} from={from} to={to} />}
      {faults.corruptNext.map((c, i) => {
        const cs = c.from === link.a ? seg : segmentBetween(to, from, 3);
        const at = pointAt(cs, 0.18, LANE_PX + 6);
        return (
          <text key={i} className="tp-link-corrupt" x={at.x} y={at.y} dy="0.35em">
            ⚡
          </text>
        );
      })}
      {emphasis === 'near' && <path className="tp-link-focus" d={linePath(seg)} stroke={COLOURS.accent} />}
    </g>
  );
});

/** A red bar across the blocked direction's lane, with an arrow running into it from the sender's side. */
function OneWayMark({ link, from, to }: { link: LinkView; from: NodePlace; to: NodePlace }) {
  const cs = link.partition === 'a>b' ? segmentBetween(from, to, 3) : segmentBetween(to, from, 3);
  const mid = pointAt(cs, CUT_AT);
  const lane = { x: mid.x + cs.nx * LANE_PX, y: mid.y + cs.ny * LANE_PX };
  const tip = { x: lane.x - cs.ux * 3, y: lane.y - cs.uy * 3 };
  const blocked = link.partition === 'a>b' ? `${link.a}→${link.b}` : `${link.b}→${link.a}`;
  const label = { x: mid.x + cs.nx * (LANE_PX + 17), y: mid.y + cs.ny * (LANE_PX + 17) };
  return (
    <g className="tp-link-cutmark tp-link-oneway">
      <path d={acrossPath(cs, mid.x + cs.nx * (LANE_PX - 2), mid.y + cs.ny * (LANE_PX - 2), 9)} />
      <path className="tp-link-oneway-arrow" d={arrowPath(tip.x, tip.y, cs.ux, cs.uy, 7)} />
      <path className="tp-link-oneway-shaft" d={`M${(tip.x - cs.ux * 16).toFixed(1)},${(tip.y - cs.uy * 16).toFixed(1)}L${tip.x.toFixed(1)},${tip.y.toFixed(1)}`} />
      <text className="tp-link-oneway-label" x={label.x} y={label.y} dy="0.35em">
        ✂ {blocked}
      </text>
    </g>
  );
}
