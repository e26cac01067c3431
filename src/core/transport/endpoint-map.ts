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

export class EndpointMap {
  // Keyed by the token's two u64s as BigInt values (Map compares BigInts by value):
  // no string is built per incoming frame.
  private readonly receivers = new Map<bigint, Map<bigint, Receiver>>();
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
    let inner = this.receivers.get(token.first);
    if (!inner) this.receivers.set(token.first, (inner = new Map()));
    if (inner.has(token.second)) throw new Error(`endpoint ${tokenKey(token)} is already registered`);
    inner.set(token.second, receiver);
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
    const inner = this.receivers.get(token.first);
    if (!inner?.delete(token.second)) return;
    this.count--;
    if (inner.size === 0) this.receivers.delete(token.first);
  }

  get(token: UID): Receiver | undefined {
    return this.receivers.get(token.first)?.get(token.second);
  }
}
