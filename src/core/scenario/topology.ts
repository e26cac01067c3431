/*
 * Topology and parameter shapes the scenarios share: one hub with spokes
 * (server and clients: ping-pong, fan-in, hash-chain, echo, reliable-stream)
 * or a set of equal peers (mesh). Nodes are named n1..nN at 10.0.0.1..N in
 * creation order, which the engine, the links in the URL and the tests rely on.
 */
import type { ParamSpec } from './types';

export interface TopologyHost {
  readonly name: string;
  readonly ip: string;
  readonly role: string;
}

function host(index: number, role: string): TopologyHost {
  return { name: `n${index}`, ip: `10.0.0.${index}`, role };
}

/** n1 is the hub (`hubRole`); n2..n(spokes+1) are the spokes. */
export function hubAndSpokes(hubRole: string, spokeRole: string, spokes: number): TopologyHost[] {
  return [host(1, hubRole), ...Array.from({ length: spokes }, (_, i) => host(i + 2, spokeRole))];
}

export function equalPeers(count: number, role: string): TopologyHost[] {
  return Array.from({ length: count }, (_, i) => host(i + 1, role));
}

/** "intervalMs": a pause between a workload's operations. */
export function intervalParam(what: string, defaultMs: number): ParamSpec {
  return {
    name: 'intervalMs',
    description: `pause between ${what} (ms)`,
    defaultValue: defaultMs,
    min: 0,
    max: 60_000,
  };
}

/** "deadlineMs": every call's deadline, so no run can hang on one. */
export function deadlineParam(what: string, defaultMs: number): ParamSpec {
  return {
    name: 'deadlineMs',
    description: `deadline of each ${what} (ms)`,
    defaultValue: defaultMs,
    min: 1,
    max: 600_000,
  };
}
