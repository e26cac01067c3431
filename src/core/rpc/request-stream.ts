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

export interface IncomingRequest<Req, Rep extends JsonValue> {
  readonly request: Req;
  readonly reply: ReplyPromise<Rep>;
}

export class RequestStream<Req, Rep extends JsonValue> {
  private readonly queue: NetNotifiedQueue<RequestEnvelope>;

  constructor(
    private readonly sim: Sim,
    private readonly transport: NetTransport,
    token: UID | null,
    private readonly decodeBody: (body: JsonValue) => Req | null,
    readonly name: string,
  ) {
    const decode = (value: JsonValue) => {
      const envelope = requestFromJson(value);
      return envelope && decodeBody(envelope.body) !== null ? envelope : null;
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
    const envelope = yield* this.queue.pop();
    this.sim.emit(this.transport.host.name, 'rpc_received', { rpc: envelope.rpc, endpoint: this.name });
    return {
      request: this.decodeBody(envelope.body) as Req,
      reply: new ReplyPromise<Rep>(this.transport, envelope.rpc, envelope.replyTo),
    };
  }

  /**
   * Serves forever: one handler task per request. The handler's return value
   * is the answer; returning undefined (or calling reply.drop()) answers
   * BrokenPromise, and so does a handler that throws (which is also a bug).
   */
  serve(handler: (request: Req, reply: ReplyPromise<Rep>) => TaskBody<Rep | undefined>): void {
    const node = this.transport.host.name;
    const sim = this.sim;
    const stream = this;
    sim.spawn(`serve-${this.name}`, node, (function* () {
      for (;;) {
        const { request, reply } = yield* stream.next();
        const task = sim.spawn(`handle-${reply.rpc}`, node, handler(request, reply));
        task.done.onSettle((r) => (r.ok && r.value !== undefined ? reply.send(r.value) : reply.drop()));
      }
    })());
  }
}

