/*
 * Digests the oracle compares across an RPC's life, taken at the application
 * APIs and never from the wire: a 32-bit FNV-1a of a value's JSON text (what
 * the caller handed to getReply, what the server application was given, what
 * the server answered, what the caller received), and a 32-bit fingerprint of
 * a reply endpoint's token (so the ledger can tell whose endpoint a reply was
 * sent to). Numbers, so the trace hashes them on its integer fast path. Knows
 * nothing of the ledger that compares them.
 */
import type { Token } from '../wire';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text`, as an unsigned 32-bit number. */
export function textDigest(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** The digest of a JSON value (its JSON.stringify text); -1 for what has no JSON text. */
export function valueDigest(value: unknown): number {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? -1 : textDigest(text);
}

/** The low 32 bits of the token's second half: which reply endpoint, for the ledger. */
export function tokenFingerprint(token: Token): number {
  return Number(BigInt.asUintN(32, token.second));
}
