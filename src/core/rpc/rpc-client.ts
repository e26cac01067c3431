/*
 * Client calls (docs/rpc.md), each returning a sim future a task can
 * `yield*`:
 * - send: unreliable, fire and forget;
 * - getReply: reliable — resent on every reconnect until answered — and its
 *   reliable packet is cancelled as soon as it has an outcome; fails with
 *   BrokenPromise, EndpointNotFound, or Timeout (only with a deadline);
 * - tryGetReply: unreliable, at most once; MaybeDelivered as soon as the
 *   peer's connection fails (edge-latched), since the server may or may not
 *   have seen it.
 * Every call gets an id (`n2#17`) and exactly one traced outcome. Knows
 * nothing of scenarios.
 */
import type { Sim, SimFuture, TimerHandle } from '../sim';
import type { JsonValue } from '../wire';
import { jsonCodec } from '../wire';
import type { NetTransport } from '../transport/net-transport';
import { endpointText, formatEndpoint, type Endpoint, type UID } from '../transport/endpoint';
import type { FailureMonitor, FailureWatcher } from './failure-monitor';
import { decodeReply, encodeRequest } from './rpc-envelope';
import { RpcError, type RpcErrorKind } from './rpc-errors';
import { endpointFingerprint, messageDigest } from './rpc-digest';

/** What the late-deadlines mutant adds to every deadline (early-deadlines fires at a third of it). */
const MUTANT_DEADLINE_DELAY_US = 300_000;

export interface CallOptions {
  /** Give up with Timeout after this long (µs). Without it a reliable call waits as long as it takes. */
  readonly deadlineUs?: number;
}

export class RpcClient {
  private nextId = 1;

  constructor(
    private readonly sim: Sim,
    private readonly transport: NetTransport,
    private readonly failures: FailureMonitor,
  ) {}

  send(to: Endpoint, body: JsonValue): void {
    this.transport.send(to, jsonCodec.encode(body), { reliable: false, label: 'message' });
  }

  getReply<R extends JsonValue>(
    to: Endpoint,
    body: JsonValue,
    options: CallOptions = {},
  ): SimFuture<R> {
    return this.call<R>(to, body, true, options);
  }

  tryGetReply<R extends JsonValue>(
    to: Endpoint,
    body: JsonValue,
    options: CallOptions = {},
  ): SimFuture<R> {
    return this.call<R>(to, body, false, options);
  }

  private call<R extends JsonValue>(
    to: Endpoint,
    body: JsonValue,
    reliable: boolean,
    options: CallOptions,
  ): SimFuture<R> {
    const { sim, transport } = this;
    const host = transport.host;
    const rpc = `${host.name}${host.incarnation > 0 ? `@${host.incarnation}` : ''}#${this.nextId++}`;
    const call = new PendingCall<R>(sim, transport, rpc, to);
    const replyTo: Endpoint = { address: transport.address, token: call.replyToken };
    const replyToText = endpointText(replyTo);
    const request = encodeRequest({ rpc, body, replyTo }, replyToText);
    sim.emit(host.name, 'rpc_sent', {
      rpc,
      toEndpoint: formatEndpoint(to),
      reliable,
      deadlineUs: options.deadlineUs ?? null,
      replyTo: endpointFingerprint(replyToText),
      digest: messageDigest(request),
    });

    if (this.failures.isPermanentlyFailed(to)) {
      sim.schedule(0, 'rpc-failed', () =>
        call.fail('EndpointNotFound', 'endpoint is permanently failed'),
      );
      return call.result;
    }
    call.watchEndpoint(this.failures);
    if (!reliable) call.watchDisconnect(this.failures);
    const sent = transport.send(to, request, { reliable, label: 'request' });
    if (!sent.ok) {
      const error: RpcErrorKind = sent.error === 'PacketTooLarge' ? 'PacketTooLarge' : 'QueueFull';
      sim.schedule(0, 'rpc-failed', () => call.fail(error, `not sent: ${sent.error}`));
      return call.result;
    }
    if (reliable) call.messageId = sent.id;
    if (options.deadlineUs !== undefined) call.setDeadline(options.deadlineUs);
    return call.result;
  }
}

/**
 * One call in flight: its reply endpoint and whatever it watches, released
 * together when the first outcome arrives. Fields rather than a list of
 * cleanup closures — every RPC makes one of these.
 */
class PendingCall<R extends JsonValue> implements FailureWatcher {
  readonly result: SimFuture<R>;
  readonly replyToken: UID;
  /** The reliable packet to cancel once answered (0: none). */
  messageId = 0;
  private readonly node: string;
  private readonly incarnation: number;
  private readonly startedUs: number;
  private failures: FailureMonitor | null = null;
  private watchingDisconnect = false;
  private deadline: TimerHandle | null = null;

  constructor(
    private readonly sim: Sim,
    private readonly transport: NetTransport,
    private readonly rpc: string,
    private readonly to: Endpoint,
  ) {
    this.result = sim.future<R>();
    this.node = transport.host.name;
    this.incarnation = transport.host.incarnation;
    this.startedUs = sim.now();
    this.replyToken = transport.endpoints.registerNew((bytes) => this.onReply(bytes));
  }

  watchEndpoint(failures: FailureMonitor): void {
    this.failures = failures;
    failures.watchEndpoint(this.to, this);
  }

  /** At most once: MaybeDelivered as soon as the connection fails, whether or not the server saw the request. */
  watchDisconnect(failures: FailureMonitor): void {
    this.failures = failures;
    this.watchingDisconnect = true;
    failures.watchDisconnect(this.to.address, this);
  }

  endpointFailed(): void {
    this.fail('EndpointNotFound', 'the server has no such endpoint');
  }

  disconnected(): void {
    this.watchingDisconnect = false; // the edge took it out of the monitor
    this.fail(
      'MaybeDelivered',
      'the connection failed; the request may or may not have been processed',
    );
  }

  setDeadline(deadlineUs: number): void {
    const mutant = this.sim.mutant;
    const firesUs =
      mutant === 'late-deadlines'
        ? deadlineUs + MUTANT_DEADLINE_DELAY_US
        : mutant === 'early-deadlines'
          ? Math.floor(deadlineUs / 3)
          : deadlineUs;
    this.deadline = this.sim.schedule(firesUs, 'rpc-deadline', () =>
      this.fail('Timeout', `no reply within ${deadlineUs} µs`),
    );
  }

  fail(error: RpcErrorKind, detail: string): void {
    if (!this.finish()) return;
    this.sim.emit(this.node, 'rpc_failed', {
      rpc: this.rpc,
      error,
      latencyUs: this.sim.now() - this.startedUs,
    });
    this.result.reject(new RpcError(error, `${this.rpc} to ${formatEndpoint(this.to)}: ${detail}`));
  }

  private onReply(bytes: Uint8Array): void {
    const reply = decodeReply(bytes);
    if (!reply || reply.rpc !== this.rpc)
      return void this.sim.emit(this.node, 'message_undecodable', {
        endpoint: 'reply',
        rpc: this.rpc,
      });
    if (!('ok' in reply))
      return this.fail('BrokenPromise', 'the server dropped the request without replying');
    if (!this.finish()) return;
    this.sim.emit(this.node, 'rpc_replied', {
      rpc: this.rpc,
      latencyUs: this.sim.now() - this.startedUs,
      digest: messageDigest(bytes),
    });
    this.result.resolve(reply.ok as R);
  }

  /**
   * Releases everything the call holds; false if it already had an outcome, or
   * if its node died meanwhile (then it breaks, untraced: the node's tasks are gone).
   */
  private finish(): boolean {
    if (this.result.settled) return false;
    this.transport.endpoints.remove(this.replyToken);
    if (this.failures) {
      this.failures.unwatchEndpoint(this.to, this);
      if (this.watchingDisconnect) this.failures.unwatchDisconnect(this.to.address, this);
    }
    this.deadline?.cancel();
    const host = this.transport.host;
    const dead = !host.alive || host.incarnation !== this.incarnation;
    if (dead && this.sim.mutant !== 'zombie-calls') {
      this.result.reject(new RpcError('BrokenPromise', `${this.rpc}: node was killed`));
      return false;
    }
    if (this.messageId !== 0) this.transport.cancel(this.to, this.messageId);
    return true;
  }
}
