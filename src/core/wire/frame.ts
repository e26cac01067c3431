/*
 * Whole-frame encode and strict decode: `[length][CRC32C][token ++ message]`.
 * Errors are returned as WireError values, on both sides, never thrown (only a
 * bad configuration or a non-u64 token throws RangeError). Knows nothing about
 * streams (see frame-decoder.ts) or what a message means (see json-codec.ts).
 */
import { allocBytes } from '../sim';
import { crc32c, crc32cContinue } from './crc32c';
import {
  DEFAULT_MAX_PAYLOAD_SIZE,
  HEADER_SIZE,
  checkLengthField,
  checkMaxPayloadSize,
  readU32LE,
  writeU32LE,
} from './frame-header';
import { TOKEN_SIZE, readToken, writeToken } from './token';
import type { Token } from './token';
import { INSUFFICIENT_DATA } from './wire-error';
import type { WireError } from './wire-error';

/**
 * A decoded frame. `message` is a view into the decoded bytes, not a copy: it
 * stays valid while the caller leaves those bytes alone (call `slice()` to own it).
 */
/** A frame that passed its checksum; `crc` is the verified CRC32C of its payload. */
export type DecodedFrame = {
  readonly token: Token;
  readonly message: Uint8Array;
  readonly crc: number;
};

const tokenScratch = new Uint8Array(TOKEN_SIZE);

/** One allocation, one copy of `message`, one CRC pass. `maxPayloadSize` is in bytes. */
export function serializeFrame(
  token: Token,
  message: Uint8Array,
  maxPayloadSize: number = DEFAULT_MAX_PAYLOAD_SIZE,
): Uint8Array | WireError {
  const payloadSize = TOKEN_SIZE + message.length;
  if (payloadSize > checkMaxPayloadSize(maxPayloadSize)) {
    return { kind: 'PacketTooLarge', size: payloadSize, max: maxPayloadSize };
  }
  const crc = payloadCrc(token, message); // leaves the token's bytes in tokenScratch
  const frame = allocBytes(HEADER_SIZE + payloadSize);
  writeU32LE(frame, 0, frame.length);
  writeU32LE(frame, 4, crc);
  frame.set(tokenScratch, HEADER_SIZE);
  frame.set(message, HEADER_SIZE + TOKEN_SIZE);
  return frame;
}

/**
 * The CRC32C of a frame's payload (token, then message): what the header
 * carries, and what the oracle computes afresh over the parts the application
 * is handed. The CRC runs over the token (written into tokenScratch, where it
 * stays) and then the message, so no view of a frame is made just to checksum it.
 */
export function payloadCrc(token: Token, message: Uint8Array): number {
  writeToken(tokenScratch, 0, token);
  return crc32cContinue(crc32c(tokenScratch), message);
}

/** Strict: `bytes` must be exactly one whole, valid frame. The message is a view into `bytes`. */
export function deserializeFrame(
  bytes: Uint8Array,
  maxPayloadSize: number = DEFAULT_MAX_PAYLOAD_SIZE,
): DecodedFrame | WireError {
  checkMaxPayloadSize(maxPayloadSize);
  if (bytes.length < HEADER_SIZE) return INSUFFICIENT_DATA;
  const lengthBytes = readU32LE(bytes, 0);
  const lengthError = checkLengthField(lengthBytes, maxPayloadSize);
  if (lengthError !== null) return lengthError;
  if (bytes.length < lengthBytes) return INSUFFICIENT_DATA;
  // Trailing bytes mean the length field disagrees with the buffer: reject, don't guess.
  if (bytes.length > lengthBytes) return { kind: 'InvalidLength', length: lengthBytes };
  return decodeCheckedFrame(bytes);
}

/**
 * Checks the CRC and splits token from message. Precondition: `frame` is
 * exactly as long as its (already validated) length field.
 */
export function decodeCheckedFrame(frame: Uint8Array): DecodedFrame | WireError {
  const expected = readU32LE(frame, 4);
  const actual = crc32c(frame.subarray(HEADER_SIZE));
  if (expected !== actual) return { kind: 'ChecksumMismatch', expected, actual };
  return {
    token: readToken(frame, HEADER_SIZE),
    message: frame.subarray(HEADER_SIZE + TOKEN_SIZE),
    crc: actual,
  };
}
