/*
 * Endpoints (DESIGN.md §6): a UID token (128 bits as two u64s) at a network
 * address. Well-known tokens have first = 2^64 − 1 and a small index; dynamic
 * ones (reply endpoints, services) are drawn from a node's `ids` rng stream,
 * never colliding with the well-known space. Knows nothing of routing.
 */
import type { Rng } from '../sim';
import { formatAddress, parseAddress, type Address } from '../net';
import type { Token } from '../wire';
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

// Two u32 draws (high word first) joined into one u64 through a typed array:
// one BigInt per half instead of four BigInt operations.
const u64Scratch = new BigUint64Array(1);
const u32Halves = new Uint32Array(u64Scratch.buffer);
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1; // platform byte order

/** 1–16 hex digits (checked) as a u64: two parseInt halves joined, no BigInt string parsing. */
function hexToU64(hex: string): bigint {
  const split = Math.max(0, hex.length - 8);
  u32Halves[1 - LOW_WORD] = split > 0 ? parseInt(hex.slice(0, split), 16) : 0;
  u32Halves[LOW_WORD] = parseInt(hex.slice(split), 16);
  return u64Scratch[0] as bigint;
}

function randomU64(rng: Rng): bigint {
  u32Halves[1 - LOW_WORD] = rng.nextU32();
  u32Halves[LOW_WORD] = rng.nextU32();
  return u64Scratch[0] as bigint;
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

/** An endpoint as JSON-safe data (bigints as hex strings) for messages. */
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
  const first = text.slice(slash + 1, colon);
  const second = text.slice(colon + 1);
  if (!isU64Hex(first) || !isU64Hex(second)) return null;
  const address = internAddress(text.slice(0, slash));
  return address && { address, token: { first: hexToU64(first), second: hexToU64(second) } };
}

/** 1–16 lowercase hex digits: a u64 in hex. */
function isU64Hex(text: string): boolean {
  if (text.length < 1 || text.length > 16) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
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
