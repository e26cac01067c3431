/*
 * Follows RPCs through the trace: pending from rpc_sent until rpc_replied or
 * rpc_failed (or the calling node's death). Knows trace shapes only.
 */
import type { Trace } from '../sim';
import type { RpcView } from './view-types';

export class RpcTracker {
  private readonly pending = new Map<string, RpcView>();

  /** Without a trace (a headless run) it tracks nothing. */
  constructor(trace: Trace | null) {
    trace?.subscribe(({ kind, node, timeUs, fields: e }) => {
      if (kind === 'rpc_sent') {
        const deadlineAtUs = typeof e.deadlineUs === 'number' ? timeUs + e.deadlineUs : null;
        this.pending.set(e.rpc as string, { rpc: e.rpc as string, node, to: e.to as string, sentUs: timeUs, deadlineAtUs, reliable: e.reliable === true });
      } else if (kind === 'rpc_replied' || kind === 'rpc_failed') this.pending.delete(e.rpc as string);
      else if (kind === 'node_killed') for (const [id, r] of this.pending) if (r.node === node) this.pending.delete(id);
    }, ['rpc_sent', 'rpc_replied', 'rpc_failed', 'node_killed']);
  }

  list(): RpcView[] {
    return [...this.pending.values()];
  }
}
