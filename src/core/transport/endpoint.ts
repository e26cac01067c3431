/*
 * Endpoints (docs/transport.md): a UID token (128 bits as two u64s) at a network
 * address. Well-known tokens have first = 2^64 − 1 and a small index; dynamic
 * ones (reply endpoints, services) are drawn from a node's `ids` rng stream,
 * never colliding with the well-known space. Knows nothing of routing.
 */
import type { Rng } from '../sim';
import { formatAddress, parseAddress, type Address } from '../net';
import { u64FromU32s, type Token } from '../wire';
import { formatToken, WELL_KNOWN_FIRST } from '../peer';

export type UID = Token;

export interface Endpoint {
  readonly address: Address;
  readonly token: UID;
}

/** Draws a fresh random token (never in the well-known space). */
export function randomToken(rng: Rng): UID {
  let first = randomU64(rng);
  while (first === WELL_KNOWN_FIRST) first = randomU64(rng);
  return { first, second: randomU64(rng) };
}

/**
 * The u64 written as 1–16 lowercase hex digits in text[start, end), or null if
 * that is not what is there. Parsed digit by digit into two u32 halves and
 * joined through a typed array: no substring, no BigInt string parsing.
 */
function parseHexU64(text: string, start: number, end: number): bigint | null {
  if (end - start < 1 || end - start > 16) return null;
  let hi = 0;
  let lo = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return null;
    hi = ((hi << 4) | (lo >>> 28)) >>> 0;
    lo = ((lo << 4) | digit) >>> 0;
  }
  return u64FromU32s(hi, lo);
}

/** Two u32 draws, high word first: one BigInt per half instead of four BigInt operations. */
function randomU64(rng: Rng): bigint {
  const hi = rng.nextU32();
  return u64FromU32s(hi, rng.nextU32());
}

export function tokenKey(token: UID): string {
  return formatToken(token);
}

/** `ip:port/first:second` (hex halves, 16 digits each): how endpoints are traced and put on the wire. */
export function endpointText(ep: Endpoint): string {
  return `${formatAddress(ep.address)}/${formatToken(ep.token)}`;
}

// Callers keep their Endpoint objects and trace them on every call: format each once.
const formatted = new WeakMap<Endpoint, string>();

/** endpointText, remembered per Endpoint object (for long-lived endpoints; a one-off one should use endpointText). */
export function formatEndpoint(ep: Endpoint): string {
  let text = formatted.get(ep);
  if (text === undefined) formatted.set(ep, (text = endpointText(ep)));
  return text;
}

/** The "ip:port" part of an endpoint's text (what trace fields such as rpc_sent's toEndpoint hold). */
export function addrOfEndpointText(text: string): string {
  const slash = text.indexOf('/');
  return slash < 0 ? text : text.slice(0, slash);
}

/**
 * An endpoint from its text form (`formatEndpoint`'s `ip:port/first:second`,
 * hex halves): how requests carry their reply endpoint on the wire. Null for
 * anything else — a malformed request is counted, never thrown.
 */
export function parseEndpoint(text: unknown): Endpoint | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  const colon = text.indexOf(':', slash + 1);
  if (slash < 0 || colon < 0) return null;
  const first = parseHexU64(text, slash + 1, colon);
  const second = first === null ? null : parseHexU64(text, colon + 1, text.length);
  if (first === null || second === null) return null;
  const address = internAddress(text.slice(0, slash));
  return address && { address, token: { first, second } };
}

// Every request names its reply address; the same few addresses recur, so each
// is validated once and shared as one immutable object (a pure cache).
const ADDRESS_MEMO_MAX = 4096;
const addressMemo = new Map<string, Address>();

function internAddress(text: string): Address | null {
  const known = addressMemo.get(text);
  if (known) return known;
  const parsed = parseAddress(text);
  if ('error' in parsed || formatAddress(parsed) !== text) return null; // canonical form only
  if (addressMemo.size >= ADDRESS_MEMO_MAX) addressMemo.clear();
  addressMemo.set(text, parsed);
  return parsed;
}
