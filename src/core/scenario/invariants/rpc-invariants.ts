/*
 * RPC invariants from the trace (DESIGN.md §7–8): every request gets exactly
 * one outcome — never two, never an outcome for a request nobody sent — and
 * no request with a deadline is still pending after its deadline (a plain
 * request may wait; a request with a deadline must never hang). Coverage
 * marks record which failure kinds a run reached. Knows only trace shapes.
 */
import type { Sim } from '../../sim';
import { RPC_ERROR_KINDS } from '../../rpc';

export const INV_ONE_OUTCOME = 'rpc: every request gets exactly one outcome';
export const INV_NO_HANG = 'rpc: no request outlives its deadline';
/** Slack for the deadline check: outcomes are settled from the ready queue, never later. */
const DEADLINE_SLACK_US = 1;

export const coverRpcError = (kind: string) => `coverage: an RPC failed with ${kind}`;

export function watchRpcInvariants(sim: Sim): { checkNoHang(): void } {
  const a = sim.assertions;
  a.register(INV_ONE_OUTCOME, 'always');
  a.register(INV_NO_HANG, 'always');
  for (const kind of RPC_ERROR_KINDS) a.register(coverRpcError(kind), 'sometimes');
  const oneOutcome = a.alwaysFor(INV_ONE_OUTCOME);
  const pending = new Map<string, { node: string; deadlineAtUs: number | null }>();

  sim.trace.subscribe(({ kind, node, timeUs, fields: e }) => {
    if (kind === 'rpc_sent') {
      const deadline = typeof e.deadlineUs === 'number' ? timeUs + e.deadlineUs : null;
      const fresh = !pending.has(e.rpc as string);
      oneOutcome(fresh, node, fresh ? '' : `request ${e.rpc} was sent twice`);
      pending.set(e.rpc as string, { node, deadlineAtUs: deadline });
    } else if (kind === 'rpc_replied' || kind === 'rpc_failed') {
      const wasPending = pending.delete(e.rpc as string);
      oneOutcome(wasPending, node, wasPending ? '' : `request ${e.rpc} got a second outcome (or one without being sent)`);
      if (kind === 'rpc_failed') a.sometimes(true, coverRpcError(String(e.error)));
    } else if (kind === 'node_killed') {
      // A killed node's calls die with it: their tasks are gone, no outcome will come.
      for (const [rpc, p] of pending) if (p.node === node) pending.delete(rpc);
    }
  }, ['rpc_sent', 'rpc_replied', 'rpc_failed', 'node_killed']);

  return {
    checkNoHang() {
      const now = sim.now();
      for (const [rpc, p] of pending) {
        if (p.deadlineAtUs !== null && now > p.deadlineAtUs + DEADLINE_SLACK_US) {
          a.always(false, INV_NO_HANG, p.node, `request ${rpc} is still pending ${now - p.deadlineAtUs} µs after its deadline`);
        }
      }
    },
  };
}
