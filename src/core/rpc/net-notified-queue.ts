/*
 * NetNotifiedQueue<T>: a typed receiver on one endpoint. Messages are decoded
 * as they arrive and queued; `pop()` gives the next one, waiting if needed. A
 * message that fails to decode is counted and traced, and never crashes the
 * node. Knows nothing of requests or replies.
 */
import type { Sim, SimFuture } from '../sim';
import { CodecError, jsonCodec, type JsonValue } from '../wire';
import type { NetTransport } from '../transport/net-transport';
import type { Endpoint, UID } from '../transport/endpoint';
import type { Peer } from '../peer';
import { messageDigest } from './rpc-digest';

export class NetNotifiedQueue<T> {
  readonly endpoint: Endpoint;
  /** Messages nobody waited for yet, each with the trace event that brought it (its cause when taken). */
  private readonly items: { readonly item: T; readonly cause: number }[] = [];
  private readonly waiters: SimFuture<T>[] = [];
  private undecodableCount = 0;

  constructor(
    private readonly sim: Sim,
    private readonly transport: NetTransport,
    token: UID | null,
    /** `conn`: the connection the message came on (-1 for a local delivery); `digest`: of its bytes. Both for the oracle. */
    private readonly decode: (value: JsonValue, conn: number, digest: number) => T | null,
    readonly name: string,
  ) {
    const receiver = (bytes: Uint8Array, from: Peer | null) =>
      this.receive(bytes, from?.connectionId ?? -1);
    const registered = token ?? transport.endpoints.registerNew(receiver);
    if (token) transport.endpoints.register(token, receiver);
    this.endpoint = { address: transport.address, token: registered };
  }

  get undecodable(): number {
    return this.undecodableCount;
  }

  get length(): number {
    return this.items.length;
  }

  /** The next message, as soon as there is one. */
  pop(): SimFuture<T> {
    const f = this.sim.future<T>();
    const queued = this.items.shift();
    if (queued === undefined) this.waiters.push(f);
    else {
      // What the taker does with it descends from the message's arrival, not from the taker's last step.
      const taker = this.sim.currentCause;
      this.sim.setCause(queued.cause);
      f.resolve(queued.item);
      this.sim.setCause(taker);
    }
    return f;
  }

  close(): void {
    this.transport.endpoints.remove(this.endpoint.token);
  }

  private receive(bytes: Uint8Array, conn: number): void {
    const json = jsonCodec.decode(bytes);
    const item = json instanceof CodecError ? null : this.decode(json, conn, messageDigest(bytes));
    if (item === null) {
      this.undecodableCount++;
      this.sim.emit(this.transport.host.name, 'message_undecodable', {
        endpoint: this.name,
        bytes: bytes.length,
      });
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(item);
    else this.items.push({ item, cause: this.sim.currentCause });
  }
}
