/*
 * Everything the packet inspector shows about one frame: the bytes as sent,
 * which bits the network flipped on the way (mapped from the trace's chunk
 * offsets onto the frame), the bytes as received, the header's CRC32C against
 * the one computed over what arrived, and the decoded message. Knows trace
 * shapes and the wire layout; nothing of drawing.
 */
import type { Trace } from '../sim';
import { describeFrame, utf8Decode, type FrameDescription } from '../wire';
import { formatToken, type FrameTap } from '../peer';

export interface PacketDetail {
  readonly id: string;
  readonly sent: Uint8Array;
  readonly received: Uint8Array;
  /** Bit indexes within the frame (bit i = byte i>>3, mask 1<<(i&7)). */
  readonly flippedBits: readonly number[];
  readonly header: FrameDescription;
  readonly token: string | null;
  /** The message as text (UTF-8), or null if it is not valid UTF-8. */
  readonly messageText: string | null;
  readonly crcMatches: boolean;
}

interface Flip {
  readonly offset: number;
  readonly positions: readonly number[];
}

export class FlipTracker {
  private readonly flips = new Map<string, Flip[]>(); // `${conn}|${fromNode}`

  /** Without a trace (a headless run) it tracks nothing. */
  constructor(trace: Trace | null) {
    trace?.subscribe(
      ({ fields: e }) => {
        const key = `${e.conn}|${e.fromNode}`;
        const list = this.flips.get(key) ?? [];
        list.push({
          offset: e.offset,
          positions: e.positions.split(',').filter(Boolean).map(Number),
        });
        if (list.length > 64) list.shift();
        this.flips.set(key, list);
      },
      ['bits_flipped'],
    );
  }

  /** Flipped bits that fall inside the stream range of one frame, relative to the frame. */
  within(conn: number, fromNode: string, offset: number, bytes: number): number[] {
    const out: number[] = [];
    for (const f of this.flips.get(`${conn}|${fromNode}`) ?? []) {
      for (const p of f.positions) {
        const bit = (f.offset - offset) * 8 + p;
        if (bit >= 0 && bit < bytes * 8) out.push(bit);
      }
    }
    return out.sort((a, b) => a - b);
  }
}

export function packetDetail(
  id: string,
  conn: number,
  fromNode: string,
  offset: number,
  tap: FrameTap,
  flips: FlipTracker,
): PacketDetail | null {
  const sent = tap.get(id);
  if (!sent) return null;
  const flippedBits = flips.within(conn, fromNode, offset, sent.length);
  const received = sent.slice();
  for (const bit of flippedBits)
    received[bit >> 3] = (received[bit >> 3] as number) ^ (1 << (bit & 7));
  const header = describeFrame(received);
  const text = utf8Decode(header.message);
  return {
    id,
    sent,
    received,
    flippedBits,
    header,
    token: header.token ? formatToken(header.token) : null,
    messageText: typeof text === 'string' ? text : null,
    crcMatches: header.crcHeader !== null && header.crcHeader === header.crcComputed,
  };
}
