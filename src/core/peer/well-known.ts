/*
 * Well-known endpoint tokens (docs/transport.md): `first` = 2^64 − 1 and a small
 * index in `second`. The peer itself speaks on Ping and Hello; the transport
 * above adds EndpointNotFound and routes everything else. Indexes below 64
 * are reserved. Knows nothing of what the endpoints do beyond their numbers.
 */
import type { Token } from '../wire';

export const WELL_KNOWN_FIRST = (1n << 64n) - 1n;
export const RESERVED_WELL_KNOWN = 64;

export const WellKnown = {
  EndpointNotFound: 0,
  Ping: 1,
  Hello: 2,
  FirstAvailable: 3,
} as const;

export function wellKnownToken(index: number): Token {
  return { first: WELL_KNOWN_FIRST, second: BigInt(index) };
}

export const PING_TOKEN = wellKnownToken(WellKnown.Ping);
export const HELLO_TOKEN = wellKnownToken(WellKnown.Hello);
export const ENDPOINT_NOT_FOUND_TOKEN = wellKnownToken(WellKnown.EndpointNotFound);

const RESERVED_WELL_KNOWN_BIG = BigInt(RESERVED_WELL_KNOWN);

export function isWellKnown(token: Token): boolean {
  return token.first === WELL_KNOWN_FIRST && token.second < RESERVED_WELL_KNOWN_BIG;
}

export function sameToken(a: Token, b: Token): boolean {
  return a.first === b.first && a.second === b.second;
}

/** "ffffffffffffffff:0000000000000001" — for traces and the UI. */
export function formatToken(token: Token): string {
  return `${token.first.toString(16).padStart(16, '0')}:${token.second.toString(16).padStart(16, '0')}`;
}
