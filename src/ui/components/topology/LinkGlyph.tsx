/*
 * One link of the topology: a line coloured by connection state and as thick
 * as its connections are many, with its faults drawn on it — a cut (a gap
 * between two red bars and ✂), a one-way cut (a red arrow into a red bar on the
 * blocked direction's lane), a clog (an amber dam on the held direction), a
 * latency spike (a violet wave) and an armed corruption (a red ⚡). A wide
 * invisible stroke makes it easy to hit; it is focusable and Enter (or Space)
 * toggles the cut like a click (Shift for one way).
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { LinkView } from '../../../core/view';
import { COLOURS, LINK_STATE_COLOUR } from '../../theme';
import type { NodePlace } from './layout';
import {
  acrossPath,
  arrowPath,
  bandPath,
  linePath,
  pointAt,
  segmentBetween,
  wavePath,
  type Segment,
} from './geometry';
import { linkAriaLabel, linkTitle, sameLinkFaults, sameRecord, type LinkFaults } from './model';
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

export const LinkGlyph = memo(function LinkGlyph({
  link,
  from,
  to,
  faults,
  emphasis,
  onToggle,
}: Props) {
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
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation(); // like a <button>: Space presses it rather than reaching the page's play/pause
    onToggle(link, e.shiftKey);
  };
  const cls = [
    'tp-link',
    `tp-link-${link.state}`,
    link.partition ? 'tp-link-cut' : '',
    emphasis ? `tp-link-${emphasis}` : '',
  ]
    .filter(Boolean)
    .join(' ');

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
      <path className="tp-link-hit" d={bandPath(seg, 9)} />
      {link.state === 'connected' && (
        <path className="tp-link-glow" d={linePath(seg)} stroke={colour} strokeWidth={width + 6} />
      )}
      <path
        className="tp-link-line"
        d={linePath(seg, cutBoth ? CUT_AT : null, 30)}
        stroke={colour}
        strokeWidth={width}
      />
      {link.latencySpike && (
        <path className="tp-link-spike" d={wavePath(seg, 0.18, 0.82, 3 + width / 2, 12)} />
      )}
      {faults.clogs.map((c) => {
        const fromA = c.a === link.a;
        const cs = fromA ? seg : segmentBetween(to, from, 3);
        const at = pointAt(cs, DAM_AT, 0);
        return (
          <g key={c.id} className="tp-link-clog">
            <path d={acrossPath(cs, at.x, at.y, 9)} />
            <path
              className="tp-link-clog-lane"
              d={arrowPath(
                at.x - cs.ux * 4 + cs.nx * LANE_PX,
                at.y - cs.uy * 4 + cs.ny * LANE_PX,
                cs.ux,
                cs.uy,
                4,
              )}
            />
          </g>
        );
      })}
      {link.clogged && faults.clogs.length === 0 && (
        <g className="tp-link-clog">
          <path d={acrossPath(seg, pointAt(seg, DAM_AT).x, pointAt(seg, DAM_AT).y, 9)} />
        </g>
      )}
      {cutBoth && (
        <g className="tp-link-cutmark tp-link-both">
          <circle className="tp-link-badge" cx={mid.x} cy={mid.y} r={11} />
          <text className="tp-link-scissors" x={mid.x} y={mid.y} dy="0.36em">
            ✂
          </text>
          {faults.partitions.length > 0 && (
            <CutLabel seg={seg} x={mid.x} y={mid.y} offset={17} text="cut both ways" />
          )}
        </g>
      )}
      {(link.partition === 'a>b' || link.partition === 'b>a') && (
        <OneWayMark link={link} from={from} to={to} />
      )}
      {faults.corruptNext.map((c, i) => {
        const cs = c.from === link.a ? seg : segmentBetween(to, from, 3);
        const at = pointAt(cs, 0.18, LANE_PX + 6);
        return (
          <text key={i} className="tp-link-corrupt" x={at.x} y={at.y} dy="0.35em">
            ⚡
          </text>
        );
      })}
      {emphasis === 'near' && (
        <path className="tp-link-focus" d={linePath(seg)} stroke={COLOURS.accent} />
      )}
    </g>
  );
}, sameProps);

/**
 * Every view brings new link and fault objects, so React.memo's identity check
 * would redraw all links (45 on a 10-node mesh) whenever any one changes; this
 * compares what a link draws from instead. The layout's places are compared by
 * identity: they change only with the layout.
 */
function sameProps(p: Props, q: Props): boolean {
  return (
    p.from === q.from &&
    p.to === q.to &&
    p.emphasis === q.emphasis &&
    p.onToggle === q.onToggle &&
    sameRecord(p.link, q.link) &&
    sameLinkFaults(p.faults, q.faults)
  );
}

/** Small red words beside a cut, on the link's right-hand side, anchored away from it. */
function CutLabel({
  seg,
  x,
  y,
  offset,
  text,
}: {
  seg: Segment;
  x: number;
  y: number;
  offset: number;
  text: string;
}) {
  const anchor = seg.nx > 0.5 ? 'start' : seg.nx < -0.5 ? 'end' : 'middle';
  const dy = seg.ny > 0.5 ? '0.8em' : seg.ny < -0.5 ? '-0.1em' : '0.35em';
  return (
    <text
      className="tp-link-cut-label"
      x={x + seg.nx * offset}
      y={y + seg.ny * offset}
      dy={dy}
      textAnchor={anchor}
    >
      {text}
    </text>
  );
}

/**
 * A one-way cut: a red bar across the blocked direction's lane only (where its
 * packets queue), a ✂ badge just past it, and "a → b blocked" beside.
 */
function OneWayMark({ link, from, to }: { link: LinkView; from: NodePlace; to: NodePlace }) {
  const cs = link.partition === 'a>b' ? segmentBetween(from, to, 3) : segmentBetween(to, from, 3);
  const mid = pointAt(cs, CUT_AT);
  const at = (along: number, out: number) => ({
    x: mid.x + cs.ux * along + cs.nx * out,
    y: mid.y + cs.uy * along + cs.ny * out,
  });
  const b0 = at(0, -6);
  const b1 = at(0, LANE_PX + 9);
  const badge = at(13, LANE_PX + 7);
  const blocked = link.partition === 'a>b' ? `${link.a} → ${link.b}` : `${link.b} → ${link.a}`;
  return (
    <g className="tp-link-cutmark tp-link-oneway">
      <path
        className="tp-link-oneway-bar"
        d={`M${b0.x.toFixed(1)},${b0.y.toFixed(1)}L${b1.x.toFixed(1)},${b1.y.toFixed(1)}`}
      />
      <circle className="tp-link-badge" cx={badge.x} cy={badge.y} r={9} />
      <text className="tp-link-scissors" x={badge.x} y={badge.y} dy="0.36em">
        ✂
      </text>
      <CutLabel seg={cs} x={badge.x} y={badge.y} offset={13} text={`${blocked} blocked`} />
    </g>
  );
}
