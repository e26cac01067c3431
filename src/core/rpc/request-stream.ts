/*
 * RequestStream<Req, Rep>: the server side of a typed endpoint. It yields
 * (request, ReplyPromise) pairs; `serve` runs a handler task per request and
 * answers with its result — or BrokenPromise if the handler throws or returns
 * without an answer. Malformed requests are counted by the queue underneath.
 * Knows nothing of the client.
 */
import type { Sim, SimFuture, TaskBody } from '../sim';
import type { JsonValue } from '../wire';
import type { NetTransport } from '../transport/net-transport';
import type { UID } from '../transport/endpoint';
import { NetNotifiedQueue } from './net-notified-queue';
import { ReplyPromise } from './reply-promise';
import { requestFromJson, type RequestEnvelope } from './rpc-envelope';
import { endpointFingerprint } from './rpc-digest';

export interface IncomingRequest<Req, Rep extends JsonValue> {
  readonly request: Req;
  readonly reply: ReplyPromise<Rep>;
}

/** A request as queued: its envelope and its body, decoded once on arrival. */
interface QueuedRequest<Req> {
  readonly envelope: RequestEnvelope;
  readonly request: Req;
  /** For the oracle: the connection it arrived on (-1: local), its bytes' digest, its reply endpoint's fingerprint. */
  readonly conn: number;
  readonly digest: number;
  readonly replyFingerprint: number;
}

export class RequestStream<Req, Rep extends JsonValue> {
  private readonly queue: NetNotifiedQueue<QueuedRequest<Req>>;
  private twice: QueuedRequest<Req> | null = null;

  constructor(
    private readonly sim: Sim,
    private readonly transport: NetTransport,
    token: UID | null,
    decodeBody: (body: JsonValue) => Req | null,
    readonly name: string,
  ) {
    const decode = (value: JsonValue, conn: number, digest: number): QueuedRequest<Req> | null => {
      const envelope = requestFromJson(value);
      const request = envelope && decodeBody(envelope.body);
      if (!envelope || request === null) return null;
      // requestFromJson accepted `replyTo`, so it is the endpoint's text.
      const replyFingerprint = endpointFingerprint((value as { replyTo: string }).replyTo);
      return { envelope, request, conn, digest, replyFingerprint };
    };
    this.queue = new NetNotifiedQueue(sim, transport, token, decode, name);
  }

  get endpoint() {
    return this.queue.endpoint;
  }

  get undecodable(): number {
    return this.queue.undecodable;
  }

  /** The next request with its reply promise. */
  *next(): Generator<SimFuture<unknown>, IncomingRequest<Req, Rep>, unknown> {
    const queued = this.twice ?? (yield* this.queue.pop());
    // The server-executes-twice mutant hands every request to the application a second time.
    this.twice = this.sim.mutant === 'server-executes-twice' && this.twice === null ? queued : null;
    const { envelope, request, conn, digest, replyFingerprint } = queued;
    this.sim.emit(this.transport.host.name, 'rpc_received', {
      rpc: envelope.rpc,
      endpoint: this.name,
      conn,
      replyTo: replyFingerprint,
      digest,
    });
    return {
      request,
      reply: new ReplyPromise<Rep>(
        this.transport,
        envelope.rpc,
        envelope.replyTo,
        replyFingerprint,
      ),
    };
  }

  /**
   * Serves forever: one handler per request. The handler answers with its
   * return value — directly, or as a generator task when it must wait.
   * Returning undefined (or calling reply.drop()) answers BrokenPromise, and
   * so does a handler task that throws (which is also a bug).
   */
  serve(handler: (request: Req, reply: ReplyPromise<Rep>) => Handled<Rep>): void {
    this.sim.spawn(`serve-${this.name}`, this.transport.host.name, this.serveLoop(handler));
  }

  private *serveLoop(
    handler: (request: Req, reply: ReplyPromise<Rep>) => Handled<Rep>,
  ): TaskBody<void> {
    for (;;) {
      const { request, reply } = yield* this.next();
      const handled = handler(request, reply);
      if (!isTaskBody(handled)) {
        if (handled === undefined) reply.drop();
        else reply.send(handled);
        continue;
      }
      const task = this.sim.spawn(`handle-${reply.rpc}`, this.transport.host.name, handled);
      task.done.onSettle((r) =>
        r.ok && r.value !== undefined ? reply.send(r.value) : reply.drop(),
      );
    }
  }
}

export type Handled<Rep extends JsonValue> = Rep | undefined | TaskBody<Rep | undefined>;

function isTaskBody<Rep extends JsonValue>(
  value: Handled<Rep>,
): value is TaskBody<Rep | undefined> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { next?: unknown }).next === 'function'
  );
}
