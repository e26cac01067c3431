/*
 * FailureMonitor (docs/rpc.md): per remote address, `available` while its
 * peer is connected and `failed` once it falls into backoff; plus endpoints
 * known to be permanently failed (their node answered EndpointNotFound).
 * Watchers (calls in flight) are told — from the ready queue, never inside
 * the transport's own callback — when their endpoint fails, or at the next
 * failure edge of their address. The disconnect signal is edge-latched: a
 * watcher that started before a failure hears of it even if the peer has
 * reconnected by the time it runs (moonpool's is level-based and can miss
 * it). Watchers are kept in sets rather than futures with listeners: every
 * call watches, so this is on the hot path. Knows nothing of RPCs.
 */
import type { Sim } from '../sim';
import { formatAddress, type Address } from '../net';
import type { NetTransport } from '../transport/net-transport';
import { formatEndpoint, type Endpoint } from '../transport/endpoint';

export type AddressStatus = 'unknown' | 'available' | 'failed';

export interface FailureWatcher {
  /** The watched endpoint is permanently failed. */
  endpointFailed(): void;
  /** The watched address failed (a connection lost or a connect attempt failed). */
  disconnected(): void;
}

const tellEndpointFailed = (w: FailureWatcher): void => w.endpointFailed();
const tellDisconnected = (w: FailureWatcher): void => w.disconnected();

export class FailureMonitor {
  private readonly status = new Map<string, AddressStatus>();
  private readonly failedEndpoints = new Set<string>();
  private readonly endpointWatchers = new Map<string, Set<FailureWatcher>>();
  private readonly disconnectWatchers = new Map<string, Set<FailureWatcher>>();

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
        if (transport.peerFor(address).state === 'connected')
          this.status.set(formatAddress(address), 'available'); // replaced at once
      },
      endpointNotFound: (endpoint) => this.endpointFailed(endpoint),
    });
  }

  statusOf(address: Address): AddressStatus {
    return this.status.get(formatAddress(address)) ?? 'unknown';
  }

  isPermanentlyFailed(endpoint: Endpoint): boolean {
    return this.failedEndpoints.has(formatEndpoint(endpoint));
  }

  /** Tells `watcher` once `endpoint` is known to be permanently failed (soon, if it already is). */
  watchEndpoint(endpoint: Endpoint, watcher: FailureWatcher): void {
    const key = formatEndpoint(endpoint);
    if (this.failedEndpoints.has(key)) return this.sim.deferWith(tellEndpointFailed, watcher);
    setOf(this.endpointWatchers, key).add(watcher);
  }

  unwatchEndpoint(endpoint: Endpoint, watcher: FailureWatcher): void {
    forget(this.endpointWatchers, formatEndpoint(endpoint), watcher);
  }

  /** Tells `watcher` at the next failure edge of `address` after this call (edge-latched, once). */
  watchDisconnect(address: Address, watcher: FailureWatcher): void {
    setOf(this.disconnectWatchers, formatAddress(address)).add(watcher);
  }

  unwatchDisconnect(address: Address, watcher: FailureWatcher): void {
    forget(this.disconnectWatchers, formatAddress(address), watcher);
  }

  private endpointFailed(endpoint: Endpoint): void {
    const key = formatEndpoint(endpoint);
    this.failedEndpoints.add(key);
    const watchers = this.endpointWatchers.get(key);
    this.endpointWatchers.delete(key);
    for (const w of watchers ?? []) this.sim.deferWith(tellEndpointFailed, w);
  }

  private failed(address: Address): void {
    const key = formatAddress(address);
    this.status.set(key, 'failed');
    const watchers = this.disconnectWatchers.get(key);
    // Taking them out latches the edge: each will hear of it whatever happens before it runs.
    this.disconnectWatchers.delete(key);
    for (const w of watchers ?? []) this.sim.deferWith(tellDisconnected, w);
  }
}

function setOf(map: Map<string, Set<FailureWatcher>>, key: string): Set<FailureWatcher> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/**
 * An emptied set stays in the map: its key (an endpoint or address that is
 * called) will be watched again at once, and the keys are few (one per service
 * endpoint and per address), so keeping it saves a Set per call.
 */
function forget(map: Map<string, Set<FailureWatcher>>, key: string, watcher: FailureWatcher): void {
  map.get(key)?.delete(watcher);
}
