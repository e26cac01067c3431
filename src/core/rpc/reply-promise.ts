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
import { messageDigest } from './rpc-digest';

/** A reply endpoint and its fingerprint (for the oracle). */
interface ReplyTarget {
  readonly endpoint: Endpoint;
  readonly fingerprint: number;
}

/** Per-node memory of the reply mutants: the last reply endpoint answered, replies answered so far. */
interface ReplyMutantState {
  previousReplyTo: ReplyTarget | null;
  answered: number;
}
const mutantStates = new WeakMap<NetTransport, ReplyMutantState>();
function mutantState(transport: NetTransport): ReplyMutantState {
  let state = mutantStates.get(transport);
  if (!state) mutantStates.set(transport, (state = { previousReplyTo: null, answered: 0 }));
  return state;
}

export class ReplyPromise<R extends JsonValue> {
  private answered = false;
  /** The server incarnation that received the request: a restarted node must not answer for it. */
  private readonly incarnation: number;

  constructor(
    private readonly transport: NetTransport,
    readonly rpc: string,
    readonly replyTo: Endpoint,
    /** The reply endpoint's fingerprint, traced for the oracle (rpc-digest.ts). */
    private readonly replyFingerprint: number,
  ) {
    this.incarnation = transport.host.incarnation;
  }

  get isAnswered(): boolean {
    return this.answered;
  }

  send(value: R): void {
    this.answer(encodeReply({ rpc: this.rpc, ok: value }), 'reply', null);
  }

  /** Answers BrokenPromise: the server will not reply to this request. */
  drop(): void {
    this.answer(
      encodeReply({ rpc: this.rpc, error: 'BrokenPromise' }),
      'broken-promise',
      'BrokenPromise',
    );
  }

  private answer(bytes: Uint8Array, label: string, error: 'BrokenPromise' | null): void {
    if (this.answered) return;
    this.answered = true;
    const host = this.transport.host;
    if (!host.alive || host.incarnation !== this.incarnation) return;
    const to = this.mutatedReplyTo();
    if (to === null) return;
    this.transport.sim.emit(host.name, 'rpc_answered', {
      rpc: this.rpc,
      replyTo: to.fingerprint,
      digest: messageDigest(bytes),
      error,
    });
    this.transport.send(to.endpoint, bytes, { reliable: false, label, connect: false });
  }

  /** Where the answer goes: the request's reply endpoint, unless a reply mutant is active (null: dropped). */
  private mutatedReplyTo(): ReplyTarget | null {
    const own: ReplyTarget = { endpoint: this.replyTo, fingerprint: this.replyFingerprint };
    const mutant = this.transport.sim.mutant;
    if (mutant !== 'misroute-replies' && mutant !== 'drop-replies') return own;
    const state = mutantState(this.transport);
    if (mutant === 'drop-replies') return ++state.answered % 2 === 0 ? null : own;
    const to = state.previousReplyTo ?? own;
    state.previousReplyTo = own;
    return to;
  }
}
