/*
 * The body of the packet inspector for one frame: checksum verdict, the
 * annotated hex with a legend, the bits the network flipped, the token and the
 * decoded message. Everything from the engine is rendered as text.
 */
import type { ReactNode } from 'react';
import type { PacketDetail, PacketView } from '../../../core/view';
import { formatCount, formatDuration, hex2, hex8 } from './format';
import {
  FIELD_LABEL,
  FRAME_FIELDS,
  describeFlips,
  prettyJson,
  wellKnownName,
} from './frame-fields';
import { HexView } from './HexView';
import { formatMoment } from '../../../core/sim/time';

export function PacketDetailView({
  detail,
  packet,
}: {
  detail: PacketDetail;
  packet: PacketView | undefined;
}) {
  const h = detail.header;
  const flips = describeFlips(detail.flippedBits, detail.sent, detail.received);
  const lengthOk = h.length === detail.received.length;
  const known = detail.token ? wellKnownName(detail.token) : null;
  const messageFlipped = flips.some((f) => f.field === 'message');
  return (
    <>
      <section
        className={`insp-crc${detail.crcMatches ? ' is-ok' : ' is-bad'}`}
        aria-label="Checksum"
      >
        <span className="insp-crc-badge">
          {detail.crcMatches ? '✓ CRC match' : '✗ CRC MISMATCH'}
        </span>
        <span className="insp-crc-values mono">
          <span title="CRC32C stored in the frame header (bytes 4–7), as received">
            header <b>{hex8(h.crcHeader)}</b>
          </span>
          <span title="CRC32C computed by the receiver over the payload it got (bytes 8 onwards)">
            computed <b>{hex8(h.crcComputed)}</b>
          </span>
        </span>
        {!detail.crcMatches ? (
          <span className="insp-crc-why">
            The receiver drops the frame and the connection; the payload never reaches the app.
          </span>
        ) : null}
      </section>
      {!lengthOk && h.length !== null ? (
        <div className="insp-warn-line">
          ⚠ length field says {formatCount(h.length)} bytes, but the frame is{' '}
          {formatCount(detail.received.length)}
        </div>
      ) : null}

      <div className="insp-section-head">
        <span>Bytes as received</span>
        <span className="insp-legend">
          {FRAME_FIELDS.map((f) => (
            <span
              key={f.field}
              className={`insp-legend-item f-${f.field}`}
              title={`bytes ${f.range}`}
            >
              <span className="insp-swatch" />
              {f.label}
            </span>
          ))}
          {flips.length > 0 ? (
            <span className="insp-legend-item is-flip">
              <span className="insp-swatch" />
              flipped
            </span>
          ) : null}
        </span>
      </div>
      <HexView detail={detail} />

      {flips.length > 0 ? (
        <section className="insp-flips" aria-label="Flipped bits">
          <div className="insp-section-head">
            <span className="insp-bad-text">
              {flips.length} bit{flips.length === 1 ? '' : 's'} flipped in transit
            </span>
          </div>
          <ul>
            {flips.map((f) => (
              <li key={f.bit} className="mono">
                bit {f.bit} = byte {f.byte} bit {f.bitInByte}
                <span className={`insp-flip-field f-${f.field}`}>{FIELD_LABEL[f.field]}</span>
                <span className="insp-muted">
                  0x{hex2(f.sent)}→0x{hex2(f.received)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : packet?.status === 'corrupted' ? (
        <div className="insp-warn-line">
          The receiver failed on this frame, but no flipped bit falls inside it (the stream was
          already out of step).
        </div>
      ) : null}

      <div className="insp-kv">
        <span className="insp-kv-k">Token</span>
        <span className="insp-kv-v">
          <span className="mono insp-token">{detail.token ?? '— (frame too short)'}</span>
          <span className="insp-token-name">{known ?? (detail.token ? 'endpoint UID' : '')}</span>
        </span>
        <span className="insp-kv-k">Length</span>
        <span className="insp-kv-v mono">
          {h.length === null ? '—' : `${formatCount(h.length)} B`}{' '}
          {lengthOk ? (
            <span className="insp-muted">= 8 header + 16 token + {h.message.length} message</span>
          ) : (
            <span className="insp-bad-text">
              corrupted (frame is {formatCount(detail.received.length)} B)
            </span>
          )}
        </span>
        {packet ? (
          <>
            <span className="insp-kv-k">Timing</span>
            <span className="insp-kv-v mono">
              sent {formatMoment(packet.sentUs)}
              {packet.deliverUs !== null ? (
                <span className="insp-muted">
                  {' '}
                  · +{formatDuration(packet.deliverUs - packet.sentUs)} on the wire
                </span>
              ) : null}
            </span>
          </>
        ) : null}
      </div>

      <div className="insp-section-head">
        <span>Message</span>
        {messageFlipped ? <span className="insp-bad-text">as received — corrupted</span> : null}
      </div>
      <Message
        text={detail.messageText}
        bytes={h.message}
        flipped={
          messageFlipped
            ? new Set(flips.filter((f) => f.field === 'message').map((f) => f.byte - 24))
            : null
        }
      />
    </>
  );
}

function Message({
  text,
  bytes,
  flipped,
}: {
  text: string | null;
  bytes: Uint8Array;
  flipped: ReadonlySet<number> | null;
}) {
  const ascii = bytes.every((b) => b < 0x80);
  if (flipped && ascii) {
    // Character i is byte i: show the text as received with the changed characters marked.
    const parts: ReactNode[] = [];
    let run = '';
    const flush = (key: number) => {
      if (run) parts.push(<span key={`t${key}`}>{run}</span>);
      run = '';
    };
    bytes.forEach((b, i) => {
      const ch = b < 0x20 || b === 0x7f ? `\\x${hex2(b)}` : String.fromCharCode(b);
      if (!flipped.has(i)) {
        run += ch;
        return;
      }
      flush(i);
      parts.push(
        <mark
          key={`m${i}`}
          className="insp-msg-flip"
          title={`message byte ${i} (frame byte ${i + 24}) changed in transit`}
        >
          {ch}
        </mark>,
      );
    });
    flush(bytes.length);
    return (
      <>
        <pre
          className="insp-message mono"
          tabIndex={0}
          role="group"
          aria-label="Message as received"
        >
          {parts}
        </pre>
        <div className="insp-muted insp-small">
          Raw bytes as received; marked characters were changed in transit.
        </div>
      </>
    );
  }
  if (text === null)
    return <div className="insp-warn-line">Not valid UTF-8 (shown in the hex above).</div>;
  if (text.length === 0) return <div className="empty-hint">(empty message)</div>;
  const pretty = prettyJson(text);
  return (
    <>
      <pre className="insp-message mono" tabIndex={0} role="group" aria-label="Message">
        {pretty ?? text}
      </pre>
      {pretty === null ? (
        <div className="insp-muted insp-small">Raw text — it does not parse as JSON.</div>
      ) : null}
    </>
  );
}
