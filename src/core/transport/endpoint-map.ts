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
  private readonly receivers = new Map<string, Receiver>();

  constructor(private readonly ids: Rng) {}

  get size(): number {
    return this.receivers.size;
  }

  registerWellKnown(index: number, receiver: Receiver): UID {
    const token = wellKnownToken(index);
    this.register(token, receiver);
    return token;
  }

  register(token: UID, receiver: Receiver): void {
    const key = tokenKey(token);
    if (this.receivers.has(key)) throw new Error(`endpoint ${key} is already registered`);
    this.receivers.set(key, receiver);
  }

  /** Registers under a fresh random token and returns it. */
  registerNew(receiver: Receiver): UID {
    let token = randomToken(this.ids);
    while (this.receivers.has(tokenKey(token))) token = randomToken(this.ids);
    this.register(token, receiver);
    return token;
  }

  remove(token: UID): void {
    this.receivers.delete(tokenKey(token));
  }

  get(token: UID): Receiver | undefined {
    return this.receivers.get(tokenKey(token));
  }
}
