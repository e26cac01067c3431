/*
 * The echo scenario's record format on a raw byte stream:
 *   [length u32 LE (whole record)] [seq u32 LE] [checksum u32 LE] [payload]
 * The checksum (FNV-1a over length, seq and payload) is the record's own, so
 * the application can tell a corrupted record from a reordered or duplicated
 * one. This is deliberately *not* the transport's wire format. Knows nothing of
 * connections.
 */

export const RECORD_HEADER_BYTES = 12;
export const RECORD_MAX_BYTES = 4096;

export interface EchoRecord {
  readonly seq: number;
  readonly payload: Uint8Array;
}

export type ParsedRecord =
  | { ok: true; record: EchoRecord; checksum: number; bytes: number }
  | { ok: false; reason: 'checksum' | 'length' };

/** The checksum an encoded record carries (its header's third word). */
export function checksumOf(encoded: Uint8Array): number {
  return new DataView(encoded.buffer, encoded.byteOffset).getUint32(8, true);
}

function fnv1a(bytes: Uint8Array, start: number, end: number, seed: number): number {
  let h = seed;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

function recordChecksum(bytes: Uint8Array): number {
  const h = fnv1a(bytes, 0, 8, 0x811c9dc5);
  return fnv1a(bytes, RECORD_HEADER_BYTES, bytes.length, h);
}

export function encodeRecord(record: EchoRecord): Uint8Array {
  const bytes = new Uint8Array(RECORD_HEADER_BYTES + record.payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, bytes.length, true);
  view.setUint32(4, record.seq, true);
  bytes.set(record.payload, RECORD_HEADER_BYTES);
  view.setUint32(8, recordChecksum(bytes), true);
  return bytes;
}

/** Accumulates stream bytes and cuts them into records; a bad record poisons the parser. */
export class RecordParser {
  private buffer = new Uint8Array(0);
  private failed: ParsedRecord | null = null;

  /**
   * `exactBytes`: when every record has one known size, any other length is
   * corruption at once — otherwise a flipped length bit leaves the parser
   * waiting for a record that never completes (the liveness check found one
   * client stuck that way for the rest of a run).
   */
  constructor(private readonly exactBytes: number | null = null) {}

  push(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buffer.length + chunk.length);
    next.set(this.buffer);
    next.set(chunk, this.buffer.length);
    this.buffer = next;
  }

  /** The next whole record, null if more bytes are needed, or a failure. */
  next(): ParsedRecord | null {
    if (this.failed) return this.failed;
    if (this.buffer.length < 4) return null;
    const view = new DataView(this.buffer.buffer, this.buffer.byteOffset);
    const length = view.getUint32(0, true);
    const bad =
      this.exactBytes !== null
        ? length !== this.exactBytes
        : length < RECORD_HEADER_BYTES || length > RECORD_MAX_BYTES;
    if (bad) return (this.failed = { ok: false, reason: 'length' });
    if (this.buffer.length < length) return null;
    const bytes = this.buffer.subarray(0, length);
    this.buffer = this.buffer.slice(length);
    const checksum = view.getUint32(8, true);
    if (checksum !== recordChecksum(bytes))
      return (this.failed = { ok: false, reason: 'checksum' });
    return {
      ok: true,
      record: { seq: view.getUint32(4, true), payload: bytes.slice(RECORD_HEADER_BYTES) },
      checksum,
      bytes: length,
    };
  }
}
