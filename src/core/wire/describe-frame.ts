/*
 * A tolerant, non-validating view of a frame for the packet inspector: it reads
 * whatever header fields and payload the bytes hold, even when the frame is
 * corrupted or truncated, and never fails. Deciding whether a frame is valid is
 * deserializeFrame's job, not this one's; this knows nothing about display.
 */
import { crc32c } from './crc32c';
import { HEADER_SIZE, viewOf } from './frame-header';
import { TOKEN_SIZE, readToken } from './token';
import type { Token } from './token';

export type FrameDescription = {
  /** The length field (claimed total frame bytes); null if fewer than 4 bytes. */
  readonly length: number | null;
  /** The CRC32C field; null if fewer than 8 bytes. */
  readonly crcHeader: number | null;
  /** CRC32C over the payload bytes present (up to `length`); null if fewer than 8 bytes. */
  readonly crcComputed: number | null;
  /** null if the token is not completely present. */
  readonly token: Token | null;
  /** Bytes after the token, up to `length` or the end of the input; a view, not a copy. */
  readonly message: Uint8Array;
};

export function describeFrame(bytes: Uint8Array): FrameDescription {
  const view = viewOf(bytes);
  const length = bytes.length >= 4 ? view.getUint32(0, true) : null;
  const hasHeader = bytes.length >= HEADER_SIZE;
  // Trust the length field only where it points inside the bytes we have.
  const end =
    length !== null && length >= HEADER_SIZE && length <= bytes.length ? length : bytes.length;
  const hasToken = end >= HEADER_SIZE + TOKEN_SIZE;
  return {
    length,
    crcHeader: hasHeader ? view.getUint32(4, true) : null,
    crcComputed: hasHeader ? crc32c(bytes.subarray(HEADER_SIZE, end)) : null,
    token: hasToken ? readToken(bytes, HEADER_SIZE) : null,
    message: hasToken ? bytes.subarray(HEADER_SIZE + TOKEN_SIZE, end) : bytes.subarray(0, 0),
  };
}
