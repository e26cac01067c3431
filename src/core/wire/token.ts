/*
 * The 16-byte token at the start of every payload: the destination endpoint's
 * UID, `first` as u64 LE then `second` as u64 LE (byte-identical to moonpool).
 * Only the wire layout lives here; how UIDs are made and routed belongs to
 * core/transport.
 */

export type Token = { readonly first: bigint; readonly second: bigint };

/** Serialized token size in bytes. */
export const TOKEN_SIZE = 16;

const U64_BITS = 64;

/** Writes `token` at `offsetBytes`. Throws RangeError for a half outside u64: a programming error. */
export function writeToken(view: DataView, offsetBytes: number, token: Token): void {
  // setBigUint64 silently wraps, which would route to a different endpoint.
  if (!isU64(token.first) || !isU64(token.second)) {
    throw new RangeError(`token halves must be u64, got ${token.first}, ${token.second}`);
  }
  view.setBigUint64(offsetBytes, token.first, true);
  view.setBigUint64(offsetBytes + 8, token.second, true);
}

export function readToken(view: DataView, offsetBytes: number): Token {
  return {
    first: view.getBigUint64(offsetBytes, true),
    second: view.getBigUint64(offsetBytes + 8, true),
  };
}

function isU64(value: bigint): boolean {
  return BigInt.asUintN(U64_BITS, value) === value;
}
