/*
 * Hover texts for the timeline: one plain sentence per thing under the
 * pointer ("n2 → n1 request 149 B, sent 105.757 ms, arrived 106.321 ms").
 * Pure; shown with textContent, never as HTML.
 */
import { formatMoment } from '../../../core/sim/time';
import { formatDuration } from '../inspectors/format';
import {
  PacketCode,
  RpcOutcome,
  type FaultSpan,
  type PointMark,
  type TimelineIndex,
} from './timeline-index';
import type { StateBand } from './draw-list';

export function describePacket(index: TimelineIndex, i: number, nowUs: number): string {
  const p = index.packets;
  const from = index.lane(p.fromLane.data[i] as number);
  const toLane = p.toLane.data[i] as number;
  const to = toLane < 0 ? '?' : index.lane(toLane);
  const sent = p.spans.start.data[i] as number;
  const end = p.spans.end.data[i] as number;
  const head = `${from} → ${to} ${index.packetKind(i)} ${p.bytes.data[i]} B, sent ${formatMoment(sent)}`;
  const reason = p.endReason.get(i);
  switch (p.status.data[i]) {
    case PacketCode.Delivered:
      return `${head}, arrived ${formatMoment(end)}`;
    case PacketCode.Corrupted:
      return `${head}, arrived corrupted ${formatMoment(end)} (${reason ?? 'bad frame'})`;
    case PacketCode.Lost:
      return `${head}, lost ${formatMoment(end)} (${reason ?? 'connection gone'})`;
    default:
      return `${head}, in flight for ${formatDuration(nowUs - sent)}`;
  }
}

export function describeRpc(index: TimelineIndex, i: number, nowUs: number): string {
  const r = index.rpcs;
  const caller = index.lane(r.lane.data[i] as number);
  const toLane = r.toLane.data[i] as number;
  const callee = toLane < 0 ? '?' : index.lane(toLane);
  const start = r.spans.start.data[i] as number;
  const end = r.spans.end.data[i] as number;
  const head = `${caller} call ${r.ids[i] ?? '?'} → ${callee}, sent ${formatMoment(start)}`;
  switch (r.outcome.data[i]) {
    case RpcOutcome.Replied:
      return `${head}, replied after ${formatDuration(end - start)}`;
    case RpcOutcome.Failed:
      return `${head}, failed after ${formatDuration(end - start)}: ${r.errors.get(i) ?? 'error'}`;
    default:
      return `${head}, waiting for ${formatDuration(nowUs - start)}`;
  }
}

export function describeFault(index: TimelineIndex, f: FaultSpan): string {
  const a = f.a < 0 ? '?' : index.lane(f.a);
  const b = f.b < 0 ? '?' : index.lane(f.b);
  const when = `${formatMoment(f.startUs)} → ${Number.isNaN(f.endUs) ? 'still on' : formatMoment(f.endUs)}`;
  const cause = f.origin ? `, ${f.origin}` : '';
  switch (f.kind) {
    case 'isolate':
      return `${a} isolated from everyone${cause}: ${when}`;
    case 'partition':
      return `partition ${a} ${f.mode === 'one_way' ? '→' : '⇹'} ${b} (${f.mode === 'one_way' ? `${a} to ${b} cut` : 'both ways'}${cause}): ${when}`;
    case 'clog':
      return `clog ${a} ⇄ ${b} (bytes held back${cause}): ${when}`;
    case 'spike':
      return `latency spike ${a} ⇄ ${b}${cause ? ` (${f.origin})` : ''}: ${when}`;
  }
}

const STATE_WORDS: Record<string, string> = {
  connected: 'connected',
  connecting: 'dialling (a connect under way)',
  backoff: 'backing off before it dials again',
};

/** A lane's state band: the worst state of that node's peers over a stretch of time. */
export function describeStateBand(index: TimelineIndex, b: StateBand): string {
  const span = b.span;
  const end = Number.isNaN(span.endUs) ? 'now' : formatMoment(span.endUs);
  const words = STATE_WORDS[b.state] ?? b.state;
  return `${index.lane(b.lane)}'s peers, at worst ${words}: ${formatMoment(span.startUs)} → ${end}`;
}

export function describeMark(m: PointMark): string {
  const at = formatMoment(m.timeUs);
  if (m.kind === 'violation')
    return `invariant ${m.label} violated at ${at}${m.detail ? `: ${m.detail}` : ''}`;
  return `${m.label} at ${at}${m.detail ? ` (${m.detail})` : ''}`;
}
