/*
 * EndpointMap: token → receiver for one node. Well-known receivers are
 * registered at start under their fixed index; dynamic ones (reply endpoints,
 * services) get fresh random tokens and are removed when done. Knows nothing
 * of how frames arrive.
 */
import type { Rng } from '../sim';
import type { Peer } from '../peer';
import { wellKnownToken } from '../peer';
import { randomToken, tokenKey, type UID } from './endpoint';

/** Receives a message for a token; `from` is the peer it came through, null when local. */
export type Receiver = (message: Uint8Array, from: Peer | null) => void;

/**
 * Where the receivers for one `first` half live: a lone endpoint (the usual
 * case for random tokens, whose `first` is unique) or, when several share it
 * (the well-known ones), a map by `second`.
 */
type Slot = { readonly second: bigint; readonly receiver: Receiver } | Map<bigint, Receiver>;

export class EndpointMap {
  // Keyed by the token's u64 halves as BigInt values (Map compares BigInts by value):
  // no string is built per frame, and a reply endpoint costs no map of its own.
  private readonly slots = new Map<bigint, Slot>();
  private count = 0;

  constructor(private readonly ids: Rng) {}

  get size(): number {
    return this.count;
  }

  registerWellKnown(index: number, receiver: Receiver): UID {
    const token = wellKnownToken(index);
    this.register(token, receiver);
    return token;
  }

  register(token: UID, receiver: Receiver): void {
    if (this.get(token)) throw new Error(`endpoint ${tokenKey(token)} is already registered`);
    const slot = this.slots.get(token.first);
    if (slot === undefined) this.slots.set(token.first, { second: token.second, receiver });
    else if (slot instanceof Map) slot.set(token.second, receiver);
    else
      this.slots.set(
        token.first,
        new Map([
          [slot.second, slot.receiver],
          [token.second, receiver],
        ]),
      );
    this.count++;
  }

  /** Registers under a fresh random token and returns it. */
  registerNew(receiver: Receiver): UID {
    let token = randomToken(this.ids);
    while (this.get(token)) token = randomToken(this.ids);
    this.register(token, receiver);
    return token;
  }

  remove(token: UID): void {
    const slot = this.slots.get(token.first);
    if (slot === undefined) return;
    if (slot instanceof Map) {
      if (!slot.delete(token.second)) return;
      if (slot.size === 0) this.slots.delete(token.first);
    } else if (slot.second === token.second) this.slots.delete(token.first);
    else return;
    this.count--;
  }

  get(token: UID): Receiver | undefined {
    const slot = this.slots.get(token.first);
    if (slot === undefined) return undefined;
    if (slot instanceof Map) return slot.get(token.second);
    return slot.second === token.second ? slot.receiver : undefined;
  }
}
