/*
 * A frame as annotated hex: rows of 16 bytes with their offsets, every byte
 * tinted by the field it belongs to, bytes the network changed highlighted
 * (hover for sent → received). Shows what the receiver got.
 */
import type { ReactNode } from 'react';
import type { PacketDetail } from '../../../core/view';
import { FIELD_LABEL, fieldOf } from './frame-fields';
import { hex2 } from './format';

const PER_ROW = 16;
const MAX_ROWS = 64;

export function HexView({ detail }: { detail: PacketDetail }) {
  const bytes = detail.received;
  const flippedBytes = new Map<number, number[]>();
  for (const bit of detail.flippedBits) {
    const list = flippedBytes.get(bit >> 3) ?? [];
    list.push(bit & 7);
    flippedBytes.set(bit >> 3, list);
  }
  const rowCount = Math.min(MAX_ROWS, Math.ceil(bytes.length / PER_ROW));
  const rows: ReactNode[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells: ReactNode[] = [];
    for (let c = 0; c < PER_ROW; c++) {
      const i = r * PER_ROW + c;
      if (i >= bytes.length) {
        cells.push(<span key={c} className="insp-hex-byte is-pad" />);
        continue;
      }
      const value = bytes[i] ?? 0;
      const field = fieldOf(i);
      const flips = flippedBytes.get(i);
      const char = value >= 0x20 && value < 0x7f ? ` '${String.fromCharCode(value)}'` : '';
      const title = flips
        ? `byte ${i} (${FIELD_LABEL[field]}) — CORRUPTED: sent 0x${hex2(detail.sent[i] ?? 0)}, received 0x${hex2(value)} (bit ${flips.join(', ')} flipped)`
        : `byte ${i} (${FIELD_LABEL[field]}): 0x${hex2(value)} = ${value}${char}`;
      cells.push(
        <span
          key={c}
          className={`insp-hex-byte f-${field}${flips ? ' is-flipped' : ''}${c === 7 ? ' is-mid' : ''}`}
          title={title}
        >
          {hex2(value)}
        </span>,
      );
    }
    rows.push(
      <div key={r} className="insp-hex-row">
        <span className="insp-hex-off">{(r * PER_ROW).toString(16).padStart(4, '0')}</span>
        {cells}
      </div>,
    );
  }
  return (
    <div
      className="insp-hex mono"
      role="group"
      tabIndex={0}
      aria-label={`Frame bytes as received, ${bytes.length} bytes`}
    >
      {rows}
      {bytes.length > rowCount * PER_ROW ? (
        <div className="insp-hex-more">
          … {bytes.length - rowCount * PER_ROW} more bytes not shown
        </div>
      ) : null}
    </div>
  );
}
