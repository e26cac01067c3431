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

export function formatEndpoint(ep: Endpoint): string {
  return `${formatAddress(ep.address)}/${formatToken(ep.token)}`;
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
  if (!/^[0-9a-f]{1,16}$/.test(v.first) || !/^[0-9a-f]{1,16}$/.test(v.second)) return null;
  const address = parseAddress(`${v.ip}:${v.port}`);
  if (!address || 'error' in address) return null;
  return { address, token: { first: BigInt(`0x${v.first}`), second: BigInt(`0x${v.second}`) } };
}
