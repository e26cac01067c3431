/*
 * A peer's queues as message chips: each chip is one queued message (kind, size,
 * age) coloured by kind. Reliable chips that were already written are drawn
 * hollow: they stay listed until their sender cancels them (a reply or ack
 * arrived). A chip whose frame is still in the packet history is a button that
 * opens it in the packet inspector.
 */
import type { CSSProperties } from 'react';
import type { MessageChip } from '../../../core/view';
import { packetColour } from '../../theme';
import { formatAge, formatBytes, formatDuration } from './format';

const MAX_CHIPS = 36;

interface Props {
  readonly title: string;
  readonly hint: string;
  readonly chips: readonly MessageChip[];
  /** The packet id of a chip's latest frame, if it is still known. */
  readonly packetOf: (chip: MessageChip) => string | null;
  readonly onOpen: (packetId: string) => void;
}

export function MessageQueue({ title, hint, chips, packetOf, onOpen }: Props) {
  const shown = chips.slice(0, MAX_CHIPS);
  const sent = chips.filter((c) => c.sent).length;
  return (
    <div className="insp-queue">
      <div className="insp-queue-head">
        <span className="insp-queue-title" title={hint}>
          {title}
        </span>
        <span className="insp-queue-count mono">{chips.length}</span>
        {chips.length === 0 ? <span className="insp-queue-empty">empty</span> : null}
        {chips.length > 0 && chips[0]?.reliable ? (
          <span className="insp-queue-sub">
            {sent > 0 ? (
              <span>
                <span className="insp-swatch-chip is-sent" aria-hidden="true" />
                {sent} sent, awaiting ack
              </span>
            ) : null}
            {chips.length - sent > 0 ? (
              <span>
                <span className="insp-swatch-chip" aria-hidden="true" />
                {chips.length - sent} not sent yet
              </span>
            ) : null}
          </span>
        ) : null}
      </div>
      {chips.length === 0 ? null : (
        <div className="insp-chips">
          {shown.map((chip) => (
            <Chip key={chip.id} chip={chip} packetId={packetOf(chip)} onOpen={onOpen} />
          ))}
          {chips.length > shown.length ? (
            <span className="insp-chip-more">+{chips.length - shown.length} more</span>
          ) : null}
        </div>
      )}
    </div>
  );
}

function Chip({
  chip,
  packetId,
  onOpen,
}: {
  chip: MessageChip;
  packetId: string | null;
  onOpen: (id: string) => void;
}) {
  const status = chip.reliable
    ? chip.sent
      ? 'sent, awaiting cancel/ack (re-sent after a reconnect)'
      : 'queued, not yet sent'
    : 'queued, at most once (dropped on disconnect)';
  const title = `#${chip.id} ${chip.label} · ${chip.bytes} bytes · queued ${formatDuration(chip.ageUs)} ago\n${chip.reliable ? 'reliable' : 'unreliable'}: ${status}${packetId ? '\nClick to inspect its latest frame' : ''}`;
  const className = `insp-chip${chip.sent ? ' is-sent' : ''}`;
  const style = { '--chip': packetColour(chip.label) } as CSSProperties;
  const body = (
    <>
      <span className="insp-chip-label">{chip.label}</span>
      <span className="insp-chip-num">{formatBytes(chip.bytes).replace(' ', '')}</span>
      <span className="insp-chip-num insp-chip-age">{formatAge(chip.ageUs)}</span>
    </>
  );
  if (packetId)
    return (
      <button
        type="button"
        className={className}
        style={style}
        title={title}
        onClick={() => onOpen(packetId)}
      >
        {body}
      </button>
    );
  return (
    <span className={className} style={style} title={title}>
      {body}
    </span>
  );
}
