/*
 * Everything one simulated node needs to speak RPC: its transport, failure
 * monitor and client, built together for one incarnation of the node (a
 * restart builds a new one: state is lost on a kill). Knows nothing of
 * scenarios.
 */
import type { Sim } from '../sim';
import type { Host } from '../net';
import type { PeerConfig } from '../peer';
import { NetTransport } from '../transport/net-transport';
import { FailureMonitor } from './failure-monitor';
import { RpcClient } from './rpc-client';

export interface RpcNode {
  readonly sim: Sim;
  readonly host: Host;
  readonly transport: NetTransport;
  readonly failures: FailureMonitor;
  readonly rpc: RpcClient;
}

export function createRpcNode(
  sim: Sim,
  host: Host,
  port: number,
  config?: Partial<PeerConfig>,
): RpcNode {
  const transport = new NetTransport({ sim, host, port, ...(config ? { config } : {}) });
  const failures = new FailureMonitor(sim, transport);
  return { sim, host, transport, failures, rpc: new RpcClient(sim, transport, failures) };
}
