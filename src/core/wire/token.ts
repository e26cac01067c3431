/*
 * The 16-byte token at the start of every payload: the destination endpoint's
 * UID, `first` as u64 LE then `second` as u64 LE (byte-identical to moonpool).
 * Only the wire layout lives here; how UIDs are made and routed belongs to
 * core/transport.
 */

export type Token = { readonly first: bigint; readonly second: bigint };

/** Serialized token size in bytes. */
export const TOKEN_SIZE = 16;

const U64_MAX = 0xffff_ffff_ffff_ffffn;

// Scratch for moving a u64 between bytes and a bigint without a DataView per
// frame (tokens are read and written for every frame on the hot path).
const scratchU64 = new BigUint64Array(1);
const scratchBytes = new Uint8Array(scratchU64.buffer);
/** Typed arrays use the platform's byte order; the wire is little-endian either way. */
const PLATFORM_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes `token` at `offsetBytes`; throws if a half is not a u64 (it would route elsewhere). */
export function writeToken(bytes: Uint8Array, offsetBytes: number, token: Token): void {
  if (!isU64(token.first) || !isU64(token.second)) {
    throw new RangeError(`token halves must be u64, got ${token.first}, ${token.second}`);
  }
  writeU64(bytes, offsetBytes, token.first);
  writeU64(bytes, offsetBytes + 8, token.second);
}

export function readToken(bytes: Uint8Array, offsetBytes: number): Token {
  return { first: readU64(bytes, offsetBytes), second: readU64(bytes, offsetBytes + 8) };
}

function writeU64(bytes: Uint8Array, at: number, value: bigint): void {
  scratchU64[0] = value;
  if (PLATFORM_LITTLE_ENDIAN) return bytes.set(scratchBytes, at);
  for (let i = 0; i < 8; i++) bytes[at + i] = scratchBytes[7 - i] as number;
}

function readU64(bytes: Uint8Array, at: number): bigint {
  for (let i = 0; i < 8; i++)
    scratchBytes[PLATFORM_LITTLE_ENDIAN ? i : 7 - i] = bytes[at + i] as number;
  return scratchU64[0] as bigint;
}

/** The u64 hi · 2^32 + lo (each a u32), as one BigInt without BigInt arithmetic. */
export function u64FromU32s(hi: number, lo: number): bigint {
  const at = PLATFORM_LITTLE_ENDIAN ? 0 : 4;
  for (let i = 0; i < 4; i++) {
    scratchBytes[at + i] = (lo >>> (8 * i)) & 0xff;
    scratchBytes[4 - at + i] = (hi >>> (8 * i)) & 0xff;
  }
  return scratchU64[0] as bigint;
}

/** Compared, not masked: BigInt.asUintN would make a new BigInt for every token written. */
function isU64(value: bigint): boolean {
  return typeof value === 'bigint' && value >= 0n && value <= U64_MAX;
}
