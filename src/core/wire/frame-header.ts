/*
 * The 8-byte frame header and its limits: `[length u32 LE][CRC32C u32 LE]`,
 * where length is the TOTAL frame size in bytes including the header. Also the
 * receive-side length check shared by the strict and the streaming decoder, so
 * both reject an impossible length the moment the header is readable. Knows
 * nothing about buffering or what the payload means.
 */
import { TOKEN_SIZE } from './token';
import type { WireError } from './wire-error';

/** Header size in bytes: length field + CRC32C field. */
export const HEADER_SIZE = 8;

/** Default limit on payload bytes (token + message), enforced by sender and receiver: 1 MiB. */
export const DEFAULT_MAX_PAYLOAD_SIZE = 1024 * 1024;

/** The smallest valid frame in bytes: a header and a token with an empty message. */
export const MIN_FRAME_SIZE = HEADER_SIZE + TOKEN_SIZE;

const MAX_U32 = 0xffff_ffff;

/** Validates a configured payload limit (bytes). Throws RangeError: a bad limit is a programming error. */
export function checkMaxPayloadSize(maxPayloadSize: number): number {
  const ok =
    Number.isInteger(maxPayloadSize) &&
    maxPayloadSize >= TOKEN_SIZE &&
    maxPayloadSize <= MAX_U32 - HEADER_SIZE;
  if (!ok)
    throw new RangeError(
      `maxPayloadSize must be an integer in ${TOKEN_SIZE}..${MAX_U32 - HEADER_SIZE} bytes, got ${maxPayloadSize}`,
    );
  return maxPayloadSize;
}

/**
 * Receive-side check of a length field. Too short to hold a token is
 * InvalidLength; above the limit is PacketTooLarge (payload bytes, like the
 * sender reports it). Returns null for an acceptable length.
 */
export function checkLengthField(lengthBytes: number, maxPayloadSize: number): WireError | null {
  if (lengthBytes < MIN_FRAME_SIZE) return { kind: 'InvalidLength', length: lengthBytes };
  const payloadSize = lengthBytes - HEADER_SIZE;
  if (payloadSize > maxPayloadSize)
    return { kind: 'PacketTooLarge', size: payloadSize, max: maxPayloadSize };
  return null;
}

/** The u32 (little-endian) at `at`; the caller checked 4 bytes are there. */
export function readU32LE(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

export function writeU32LE(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
