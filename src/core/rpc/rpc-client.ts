/*
 * Client calls (DESIGN.md §7), each returning a sim future a task can
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
import { formatEndpoint, type Endpoint } from '../transport/endpoint';
import type { FailureMonitor } from './failure-monitor';
import { decodeReply, encodeRequest } from './rpc-envelope';
import { RpcError, type RpcErrorKind } from './rpc-errors';

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

  getReply<R extends JsonValue>(to: Endpoint, body: JsonValue, options: CallOptions = {}): SimFuture<R> {
    return this.call<R>(to, body, true, options);
  }

  tryGetReply<R extends JsonValue>(to: Endpoint, body: JsonValue, options: CallOptions = {}): SimFuture<R> {
    return this.call<R>(to, body, false, options);
  }

  private call<R extends JsonValue>(to: Endpoint, body: JsonValue, reliable: boolean, options: CallOptions): SimFuture<R> {
    const { sim, transport } = this;
    const host = transport.host;
    const node = host.name;
    const incarnation = host.incarnation;
    // Ids stay unique across restarts: n2#7, then n2@1#1 after n2's first restart.
    const rpc = `${node}${incarnation > 0 ? `@${incarnation}` : ''}#${this.nextId++}`;
    const result = sim.future<R>();
    const cleanups: (() => void)[] = [];
    let messageId = 0;
    const startedUs = sim.now();
    const settle = (outcome: { ok: R } | { error: RpcErrorKind; detail: string }) => {
      if (result.settled) return;
      for (const cleanup of cleanups) cleanup();
      // A killed node's calls vanish with it: no outcome is traced for a dead incarnation.
      if (!host.alive || host.incarnation !== incarnation) return void result.reject(new RpcError('BrokenPromise', `${rpc}: node was killed`));
      if (messageId !== 0) transport.cancel(to, messageId);
      if ('ok' in outcome) {
        sim.emit(node, 'rpc_replied', { rpc, latencyUs: sim.now() - startedUs });
        result.resolve(outcome.ok);
      } else {
        sim.emit(node, 'rpc_failed', { rpc, error: outcome.error, latencyUs: sim.now() - startedUs });
        result.reject(new RpcError(outcome.error, `${rpc} to ${formatEndpoint(to)}: ${outcome.detail}`));
      }
    };

    const replyToken = transport.endpoints.registerNew((bytes) => {
      const reply = decodeReply(bytes);
      if (!reply || reply.rpc !== rpc) return void sim.emit(node, 'message_undecodable', { endpoint: 'reply', rpc });
      if ('ok' in reply) settle({ ok: reply.ok as R });
      else settle({ error: 'BrokenPromise', detail: 'the server dropped the request without replying' });
    });
    cleanups.push(() => transport.endpoints.remove(replyToken));
    sim.emit(node, 'rpc_sent', { rpc, to: formatEndpoint(to), reliable, deadlineUs: options.deadlineUs ?? null });

    if (this.failures.isPermanentlyFailed(to)) {
      sim.schedule(0, 'rpc-failed', () => settle({ error: 'EndpointNotFound', detail: 'endpoint is permanently failed' }));
      return result;
    }
    // Watch before sending: the send itself can fail the connection (a failed write),
    // and an at-most-once caller must see that edge as MaybeDelivered.
    cleanups.push(this.failures.onEndpointFailed(to).onSettle(() => settle({ error: 'EndpointNotFound', detail: 'the server has no such endpoint' })));
    if (!reliable) {
      const watch = this.failures.watchDisconnect(to.address);
      cleanups.push(watch.release, watch.signal.onSettle(() => settle({ error: 'MaybeDelivered', detail: 'the connection failed; the request may or may not have been processed' })));
    }
    const request = encodeRequest({ rpc, body, replyTo: { address: transport.address, token: replyToken } });
    const sent = transport.send(to, request, { reliable, label: 'request' });
    if (!sent.ok) {
      const error: RpcErrorKind = sent.error === 'PacketTooLarge' ? 'PacketTooLarge' : 'QueueFull';
      sim.schedule(0, 'rpc-failed', () => settle({ error, detail: `not sent: ${sent.error}` }));
      return result;
    }
    messageId = reliable ? sent.id : 0;
    if (options.deadlineUs !== undefined) {
      const timer: TimerHandle = sim.schedule(options.deadlineUs, 'rpc-deadline', () => settle({ error: 'Timeout', detail: `no reply within ${options.deadlineUs} µs` }));
      cleanups.push(() => timer.cancel());
    }
    return result;
  }
}
