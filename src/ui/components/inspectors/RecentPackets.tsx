/*
 * The packet inspector's own way in: the most recent packets of a node as a
 * list (newest first), and, once one is open, a compact navigator to step to
 * older / newer packets or straight to the next corrupted one.
 */
import type { PacketView } from '../../../core/view';
import { PACKET_STATUS_COLOUR, packetColour } from '../../theme';
import { formatBytes } from './format';
import { formatMoment } from '../../../core/sim/time';

export const RECENT_LIMIT = 60;

/** A node's packets (sent or received) still in the view's history, newest first. */
export function recentPackets(packets: readonly PacketView[], node: string | null): PacketView[] {
  const list = node
    ? packets.filter((p) => p.fromNode === node || p.toNode === node)
    : [...packets];
  return list.sort((a, b) => b.sentUs - a.sentUs || (a.id < b.id ? 1 : -1));
}

export function KindTag({ kind }: { kind: string }) {
  return (
    <span
      title={kind}
      className="insp-kind"
      style={{ color: packetColour(kind), borderColor: packetColour(kind) }}
    >
      {kind}
    </span>
  );
}

export function StatusTag({ status }: { status: PacketView['status'] }) {
  const bad = status === 'corrupted' || status === 'lost';
  return (
    <span
      className={`insp-status-tag${bad ? ' is-bad' : ''}${status === 'delivered' ? ' is-done' : ''}`}
      style={{ color: PACKET_STATUS_COLOUR[status] }}
    >
      {status === 'corrupted' ? '✗ corrupted' : status}
    </span>
  );
}

export function RecentList({
  packets,
  selected,
  onSelect,
}: {
  packets: readonly PacketView[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  if (packets.length === 0) return <div className="empty-hint">No packets yet.</div>;
  const shown = packets.slice(0, RECENT_LIMIT);
  // One Tab stop for the whole list (the selected row, else the newest); ↑/↓, Home and End move within it.
  const stop = Math.max(
    0,
    shown.findIndex((p) => p.id === selected),
  );
  const onKeyDown = (e: React.KeyboardEvent<HTMLUListElement>) => {
    const rows = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.insp-recent-row')];
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      e.key === 'ArrowDown'
        ? at + 1
        : e.key === 'ArrowUp'
          ? at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? rows.length - 1
              : null;
    if (to === null || at < 0) return;
    e.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, to))]?.focus();
  };
  return (
    <ul
      className="insp-recent"
      aria-label="Recent packets (↑/↓ to move, Enter to open)"
      onKeyDown={onKeyDown}
    >
      {shown.map((p, i) => (
        <li key={p.id}>
          <button
            type="button"
            tabIndex={i === stop ? 0 : -1}
            className={`insp-recent-row${p.status === 'corrupted' ? ' is-corrupt' : ''}${p.id === selected ? ' is-selected' : ''}`}
            onClick={() => onSelect(p.id)}
            title={`${p.kind} ${p.fromNode} → ${p.toNode}, ${p.bytes} bytes, sent at ${formatMoment(p.sentUs)}, ${p.status}`}
          >
            <span className="mono insp-recent-time">{formatMoment(p.sentUs)}</span>
            <KindTag kind={p.kind} />
            <span className="insp-recent-route">
              {p.fromNode} → {p.toNode}
            </span>
            <span className="mono insp-recent-bytes">{formatBytes(p.bytes)}</span>
            <StatusTag status={p.status} />
          </button>
        </li>
      ))}
    </ul>
  );
}

interface NavProps {
  readonly packets: readonly PacketView[];
  readonly selected: string;
  readonly node: string | null;
  readonly onSelect: (id: string | null) => void;
}

export function PacketNavigator({ packets, selected, node, onSelect }: NavProps) {
  const index = packets.findIndex((p) => p.id === selected);
  const older = index >= 0 ? packets[index + 1] : packets[0];
  const newer = index > 0 ? packets[index - 1] : undefined;
  // The next corrupted packet older than this one, wrapping round to the newest.
  const corrupted = packets.filter((p) => p.status === 'corrupted');
  const nextCorrupt =
    corrupted.find((p) => index < 0 || packets.indexOf(p) > index) ??
    corrupted.find((p) => p.id !== selected);
  return (
    <div className="insp-nav" role="group" aria-label="Browse packets">
      <button
        type="button"
        onClick={() => onSelect(null)}
        title="Back to the list of recent packets"
      >
        ☰ List
      </button>
      <button
        type="button"
        disabled={!newer}
        onClick={() => newer && onSelect(newer.id)}
        title="Newer packet"
        aria-label="Newer packet"
      >
        ‹
      </button>
      <span className="insp-nav-pos mono">
        {index >= 0 ? `${index + 1}/${packets.length}` : '—'}
      </span>
      <button
        type="button"
        disabled={!older}
        onClick={() => older && onSelect(older.id)}
        title="Older packet"
        aria-label="Older packet"
      >
        ›
      </button>
      <span className="insp-nav-node">{node ? `of ${node}` : ''}</span>
      {nextCorrupt ? (
        <button
          type="button"
          className="insp-nav-bad"
          onClick={() => onSelect(nextCorrupt.id)}
          title="Jump to the next (older) corrupted packet"
        >
          ✗ corrupted ({corrupted.length})
        </button>
      ) : null}
    </div>
  );
}
