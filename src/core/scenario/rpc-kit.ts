/*
 * Shared wiring for the RPC scenarios: boots a node's RPC stack (transport,
 * failure monitor, client) now and again on every restart — a kill loses all
 * in-memory state, as in FoundationDB's simulator — and installs the invariants
 * and coverage marks every RPC scenario checks. Knows nothing of any one
 * scenario's workload.
 */
import type { Sim } from '../sim';
import type { Host } from '../net';
import { peerConfig, type PeerConfig } from '../peer';
import { createRpcNode, isRpcError, type RpcNode } from '../rpc';
import { watchRpcInvariants } from './invariants/rpc-invariants';
import { watchTransportCoverage } from './invariants/transport-coverage';
import { watchTransportInvariants } from './invariants/transport-invariants';

export const RPC_PORT = 4500;

/** Runs `boot` for `host` now and after every restart, each time with a fresh RPC node. */
export function bootRpcNode(sim: Sim, host: Host, config: Partial<PeerConfig>, boot: (node: RpcNode) => void): void {
  const start = () => boot(createRpcNode(sim, host, RPC_PORT, config));
  start();
  host.onBoot(start);
}

/** Installs the transport and RPC invariants; returns the end-of-run check. */
export function watchRpcScenario(sim: Sim, config: Partial<PeerConfig>): { finish(): void } {
  const full = peerConfig(config);
  watchTransportInvariants(sim, () => full);
  watchTransportCoverage(sim);
  const rpc = watchRpcInvariants(sim);
  return { finish: () => rpc.checkNoHang() };
}

/** Counts an RPC failure by kind; anything that is not an RpcError is a bug and is rethrown. */
export function countRpcFailure(counts: Record<string, number>, error: unknown): void {
  if (!isRpcError(error)) throw error;
  counts[error.rpcKind] = (counts[error.rpcKind] ?? 0) + 1;
}
