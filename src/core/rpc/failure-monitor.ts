/*
 * FailureMonitor (DESIGN.md §7): per remote address, `available` while its
 * peer is connected and `failed` once it falls into backoff; plus endpoints
 * known to be permanently failed (their node answered EndpointNotFound).
 * The disconnect signal is edge-latched: a waiter that started before a
 * failure sees it even if the peer has reconnected by the time the waiter
 * runs (moonpool's is level-based and can miss it). Knows nothing of RPCs.
 */
import type { Sim, SimFuture } from '../sim';
import { formatAddress, type Address } from '../net';
import type { NetTransport } from '../transport/net-transport';
import { formatEndpoint, type Endpoint } from '../transport/endpoint';

export type AddressStatus = 'unknown' | 'available' | 'failed';

export class FailureMonitor {
  private readonly status = new Map<string, AddressStatus>();
  private readonly waiters = new Map<string, SimFuture<void>[]>();
  private readonly failedEndpoints = new Map<string, SimFuture<void>>();

  constructor(
    private readonly sim: Sim,
    transport: NetTransport,
  ) {
    transport.listen({
      peerStateChanged: (address, state) => {
        if (state === 'connected') this.status.set(formatAddress(address), 'available');
        else if (state === 'backoff') this.failed(address); // a connect attempt failed
      },
      connectionLost: (address) => {
        this.failed(address);
        if (transport.peerFor(address).state === 'connected') this.status.set(formatAddress(address), 'available'); // replaced at once
      },
      endpointNotFound: (endpoint) => this.endpointFailedSignal(endpoint).resolve(),
    });
  }

  statusOf(address: Address): AddressStatus {
    return this.status.get(formatAddress(address)) ?? 'unknown';
  }

  isPermanentlyFailed(endpoint: Endpoint): boolean {
    return this.failedEndpoints.get(formatEndpoint(endpoint))?.settled ?? false;
  }

  /**
   * `signal` resolves at the next failure edge of `address` after this call
   * (edge-latched); `release` stops watching (the caller got its answer).
   */
  watchDisconnect(address: Address): { signal: SimFuture<void>; release(): void } {
    const signal = this.sim.future<void>();
    const key = formatAddress(address);
    const list = this.waiters.get(key) ?? [];
    list.push(signal);
    this.waiters.set(key, list);
    const release = () => {
      const current = this.waiters.get(key);
      const i = current?.indexOf(signal) ?? -1;
      if (current && i >= 0) current.splice(i, 1);
    };
    return { signal, release };
  }

  /** Resolves once `endpoint` is known to be permanently failed (at once if it already is). */
  onEndpointFailed(endpoint: Endpoint): SimFuture<void> {
    return this.endpointFailedSignal(endpoint);
  }

  private endpointFailedSignal(endpoint: Endpoint): SimFuture<void> {
    const key = formatEndpoint(endpoint);
    let f = this.failedEndpoints.get(key);
    if (!f) this.failedEndpoints.set(key, (f = this.sim.future<void>()));
    return f;
  }

  private failed(address: Address): void {
    const key = formatAddress(address);
    this.status.set(key, 'failed');
    const list = this.waiters.get(key);
    this.waiters.delete(key);
    // Resolving latches the edge: the waiter will see it whatever happens before it runs.
    for (const f of list ?? []) f.resolve();
  }
}
