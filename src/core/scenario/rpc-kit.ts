/*
 * Shared wiring for the RPC scenarios: boots a node's RPC stack (transport,
 * failure monitor, client) now and again on every restart — a kill loses all
 * in-memory state, as in FoundationDB's simulator — and installs the invariants
 * and coverage marks every RPC scenario checks. Knows nothing of any one
 * scenario's workload.
 */
import type { Host } from '../net';
import { createRpcNode, isRpcError, type RpcNode } from '../rpc';
import type { SimFuture } from '../sim';
import type { Endpoint } from '../transport';
import type { JsonValue } from '../wire';
import { watchRpcLedger } from './invariants/rpc-ledger';
import {
  chaosQuietPoint,
  Liveness,
  livenessGraceUs,
  settledRoundTripUs,
} from './invariants/liveness';
import { LIVENESS_NOT_APPLICABLE, type LivenessVerdict, type World } from './types';
import { watchTransportCoverage } from './invariants/transport-coverage';
import { watchTransportInvariants } from './invariants/transport-invariants';

export const RPC_PORT = 4500;

/** Runs `boot` for `host` now and after every restart, each time with a fresh RPC node (peers use `world.peer`). */
export function bootRpcNode(world: World, host: Host, boot: (node: RpcNode) => void): void {
  const start = () => boot(createRpcNode(world.sim, host, RPC_PORT, world.peer));
  start();
  host.onBoot(start);
}

export interface RpcChecks {
  /** End of run: deadlines still missed, the liveness look at every queue. */
  finish(): void;
  liveness(): LivenessVerdict;
}

export interface RpcCheckOptions {
  /** RPC failures that are normal on a healthy network here (e.g. QueueFull under back-pressure). */
  readonly allowedFailures?: readonly string[];
  /** Longest a message may stay queued on a healthy network (µs); e.g. the longest deadline + 1 s. */
  readonly holdUs: number;
  /** The calls' deadline and the longest the server may work on one request (µs): whether a Timeout can mean a lost message. */
  readonly deadlineUs: number;
  readonly serverWorkUs?: number;
}

/** Installs the transport invariants, the per-call ledger and liveness; returns the end-of-run checks. */
export function watchRpcScenario(world: World, options: RpcCheckOptions): RpcChecks {
  const { sim, net } = world;
  const full = world.peer;
  watchTransportInvariants(sim, () => full);
  watchTransportCoverage(sim);
  if (!sim.oracle) return { finish: () => {}, liveness: () => LIVENESS_NOT_APPLICABLE }; // measuring the oracle's cost
  const judgeTimeouts = options.deadlineUs >= settledRoundTripUs(net) + (options.serverWorkUs ?? 0);
  const liveness = new Liveness(sim, net, {
    graceUs: livenessGraceUs(full),
    quietAfterUs: chaosQuietPoint(net),
    holdUs: options.holdUs,
    judgeTimeouts,
    ...(options.allowedFailures ? { allowedFailures: options.allowedFailures } : {}),
  });
  const ledger = watchRpcLedger(sim, liveness);
  return {
    finish: () => {
      ledger.finish();
      liveness.finish(net);
    },
    liveness: () => liveness.verdict(),
  };
}

/** Counts an RPC failure by kind; anything that is not an RpcError is a bug and is rethrown. */
export function countRpcFailure(counts: Record<string, number>, error: unknown): void {
  if (!isRpcError(error)) throw error;
  counts[error.rpcKind] = (counts[error.rpcKind] ?? 0) + 1;
}

/** A request or answer that is nothing but an id (fan-in's work, herd's asks); null for anything else. */
export const asIdMessage = (v: JsonValue): { id: string } | null =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as Record<string, unknown>).id === 'string'
    ? { id: (v as { id: string }).id }
    : null;

/**
 * Calls `server` with request `id` (reliable, with a deadline) and asserts
 * `invariant`: the answer is for that id. Returns the answer; a failed call
 * throws its RpcError as `getReply` does.
 */
export function* askWithId<A extends { id: string }>(
  node: RpcNode,
  server: Endpoint,
  id: string,
  deadlineUs: number,
  invariant: string,
): Generator<SimFuture<unknown>, A, unknown> {
  const answer = yield* node.rpc.getReply<A>(server, { id }, { deadlineUs });
  const matches = answer.id === id;
  node.sim.assertions.always(
    matches,
    invariant,
    node.host.name,
    matches ? '' : `asked ${id}, answered ${answer.id}`,
  );
  return answer;
}
