/*
 * ReplyPromise<R>: the server's handle for answering one request. On the wire
 * it is only the reply endpoint; here it is bound to the transport. `send`
 * answers, `drop` answers BrokenPromise (what a promise dropped unanswered
 * means). Replies are unreliable and never open a connection: if the caller's
 * connection is gone, the caller's reliable request will be resent and
 * answered again. Knows nothing of what the server computes.
 */
import type { JsonValue } from '../wire';
import type { NetTransport } from '../transport/net-transport';
import type { Endpoint } from '../transport/endpoint';
import { encodeReply } from './rpc-envelope';

export class ReplyPromise<R extends JsonValue> {
  private answered = false;
  /** The server incarnation that received the request: a restarted node must not answer for it. */
  private readonly incarnation: number;

  constructor(
    private readonly transport: NetTransport,
    readonly rpc: string,
    readonly replyTo: Endpoint,
  ) {
    this.incarnation = transport.host.incarnation;
  }

  get isAnswered(): boolean {
    return this.answered;
  }

  send(value: R): void {
    this.answer(encodeReply({ rpc: this.rpc, ok: value }), 'reply');
  }

  /** Answers BrokenPromise: the server will not reply to this request. */
  drop(): void {
    this.answer(encodeReply({ rpc: this.rpc, error: 'BrokenPromise' }), 'broken-promise');
  }

  private answer(bytes: Uint8Array, label: string): void {
    if (this.answered) return;
    this.answered = true;
    const host = this.transport.host;
    if (!host.alive || host.incarnation !== this.incarnation) return;
    this.transport.send(this.replyTo, bytes, { reliable: false, label, connect: false });
  }
}
