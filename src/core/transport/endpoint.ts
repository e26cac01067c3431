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
  const u64 = () => (BigInt(rng.nextU32()) << 32n) | BigInt(rng.nextU32());
  let first = u64();
  while (first === WELL_KNOWN_FIRST) first = u64();
  return { first, second: u64() };
}

export function tokenKey(token: UID): string {
  return formatToken(token);
}

// Callers keep their Endpoint objects and trace them on every call: format each once.
const formatted = new WeakMap<Endpoint, string>();

export function formatEndpoint(ep: Endpoint): string {
  let text = formatted.get(ep);
  if (text === undefined) formatted.set(ep, (text = `${formatAddress(ep.address)}/${formatToken(ep.token)}`));
  return text;
}

/** An endpoint as JSON-safe data (bigints as hex strings) for messages. */
export interface EndpointJson {
  readonly ip: string;
  readonly port: number;
  readonly first: string;
  readonly second: string;
}

export function endpointToJson(ep: Endpoint): EndpointJson {
  return { ip: ep.address.ip, port: ep.address.port, first: ep.token.first.toString(16), second: ep.token.second.toString(16) };
}

export function endpointFromJson(value: unknown): Endpoint | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.ip !== 'string' || typeof v.port !== 'number' || typeof v.first !== 'string' || typeof v.second !== 'string') return null;
  if (!isU64Hex(v.first) || !isU64Hex(v.second)) return null;
  const address = internAddress(v.ip, v.port);
  if (!address) return null;
  return { address, token: { first: BigInt(`0x${v.first}`), second: BigInt(`0x${v.second}`) } };
}

/** 1–16 lowercase hex digits: a u64 as endpointToJson writes it. */
function isU64Hex(text: string): boolean {
  if (text.length < 1 || text.length > 16) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

// Every request names its reply address; the same few addresses recur, so each
// (ip, port) is validated once and shared as one immutable object.
const ADDRESS_MEMO_MAX = 4096;
const addressMemo = new Map<string, Map<number, Address>>();
let addressMemoSize = 0;

function internAddress(ip: string, port: number): Address | null {
  const known = addressMemo.get(ip)?.get(port);
  if (known) return known;
  const parsed = parseAddress(`${ip}:${port}`);
  if ('error' in parsed) return null;
  if (addressMemoSize >= ADDRESS_MEMO_MAX) {
    addressMemo.clear();
    addressMemoSize = 0;
  }
  let byPort = addressMemo.get(ip);
  if (!byPort) addressMemo.set(ip, (byPort = new Map()));
  byPort.set(port, parsed);
  addressMemoSize++;
  return parsed;
}
