/*
 * The per-call ledger (docs/oracle.md): every RPC from issue to outcome,
 * followed from the trace and judged as events happen, not only at the end.
 * A record holds the caller, delivery mode, issue time and deadline, the
 * reply endpoint (a fingerprint) and a digest of the body the caller handed
 * over; then the connections on which the server application was given it,
 * the digests the server answered, and the outcome. Invariants:
 * - one outcome per call, none for a call nobody made;
 * - a reply reaches only the call that asked, carrying what the server
 *   produced for that request; a BrokenPromise only if the server gave one;
 * - the server application sees a request no more often than its mode allows
 *   (send/tryGetReply: once; getReply: once per connection), never one nobody
 *   sent, and byte for byte what the caller handed over (digests taken at the
 *   APIs, not the frame CRC);
 * - no outcome later than the deadline, and no call still pending past it;
 * - a killed incarnation's calls get no outcome (its tasks are gone).
 * Outcomes are passed on to the liveness judge. Knows trace shapes only.
 */
import { formatUs, type Sim, type TraceRecord } from '../../sim';
import { RPC_ERROR_KINDS } from '../../rpc';
import type { Liveness } from './liveness';

export const INV_ONE_OUTCOME = 'rpc: every request gets exactly one outcome';
export const INV_ROUTE = 'ledger: a reply reaches only the call that asked, carrying what the server produced for it';
export const INV_SEEN = 'ledger: the server sees a request no more often than its delivery mode allows, and never one nobody sent';
export const INV_INTACT = 'ledger: what an application receives is what the sending application handed over';
export const INV_DEADLINE = 'ledger: no outcome arrives later than its deadline';
export const INV_DEAD_CALLS = 'ledger: a killed incarnation\u2019s calls get no outcome';

/** Slack for deadlines: outcomes are settled from the ready queue of the same instant. */
const DEADLINE_SLACK_US = 1;

export const coverRpcError = (kind: string) => `coverage: an RPC failed with ${kind}`;

type Outcome = 'pending' | 'replied' | 'failed' | 'dead';

interface CallRecord {
  readonly rpc: string;
  readonly node: string;
  readonly reliable: boolean;
  readonly sentUs: number;
  /** Infinity without a deadline. */
  readonly deadlineAtUs: number;
  readonly replyTo: number;
  readonly digest: number;
  /** Connections on which the server application was given it (-1: a local delivery); null until then. */
  seenOn: number[] | null;
  /** Digests of the server's answers (-1: BrokenPromise); null until the first. */
  answers: number[] | null;
  outcome: Outcome;
  /** Already reported as pending past its deadline (so a late outcome is not reported twice). */
  overdue: boolean;
}

export interface RpcLedger {
  /** End of run: calls still pending past their deadline. */
  finish(): void;
  /** Calls followed so far. */
  readonly size: number;
}

export function watchRpcLedger(sim: Sim, liveness: Liveness | null): RpcLedger {
  const a = sim.assertions;
  for (const name of [INV_ONE_OUTCOME, INV_ROUTE, INV_SEEN, INV_INTACT, INV_DEADLINE, INV_DEAD_CALLS]) a.register(name, 'always');
  for (const kind of RPC_ERROR_KINDS) a.register(coverRpcError(kind), 'sometimes');
  const oneOutcome = a.alwaysFor(INV_ONE_OUTCOME);
  const route = a.alwaysFor(INV_ROUTE);
  const seen = a.alwaysFor(INV_SEEN);
  const intact = a.alwaysFor(INV_INTACT);
  const deadline = a.alwaysFor(INV_DEADLINE);
  const deadCalls = a.alwaysFor(INV_DEAD_CALLS);
  const calls = new Map<string, CallRecord>();
  const pending = new Set<CallRecord>(); // calls in flight: few, whatever the run's length
  // Calls with a deadline in order of it (deadlines mostly come in issue order: insertion is near O(1)).
  const byDeadline: CallRecord[] = [];
  let deadlineHead = 0;

  /** The call a reply endpoint belongs to (a scan: only ever done to word a violation). */
  const ownerOf = (replyTo: number): string | undefined => {
    for (const c of calls.values()) if (c.replyTo === replyTo) return c.rpc;
    return undefined;
  };

  /** Calls whose deadline (plus slack) is behind `nowUs` and still have no outcome: each is a violation, once. */
  const sweepDeadlines = (nowUs: number): void => {
    while (deadlineHead < byDeadline.length) {
      const c = byDeadline[deadlineHead] as CallRecord;
      if (c.deadlineAtUs + DEADLINE_SLACK_US >= nowUs) break;
      deadlineHead++;
      if (c.outcome !== 'pending') continue;
      c.overdue = true;
      deadline(false, c.node, `call ${c.rpc} has no outcome ${formatUs(nowUs - c.deadlineAtUs)} after its deadline`);
    }
    if (deadlineHead > 1024 && deadlineHead * 2 > byDeadline.length) {
      byDeadline.splice(0, deadlineHead);
      deadlineHead = 0;
    }
  };

  const sent = (node: string, timeUs: number, e: TraceRecord['fields']): void => {
    const rpc = e.rpc as string;
    const fresh = !calls.has(rpc);
    oneOutcome(fresh, node, fresh ? '' : `request ${rpc} was sent twice`);
    const deadlineAtUs = typeof e.deadlineUs === 'number' ? timeUs + e.deadlineUs : Infinity;
    const c: CallRecord = { rpc, node, reliable: e.reliable === true, sentUs: timeUs, deadlineAtUs, replyTo: e.replyTo as number, digest: e.digest as number, seenOn: null, answers: null, outcome: 'pending', overdue: false };
    calls.set(rpc, c);
    pending.add(c);
    if (deadlineAtUs === Infinity) return;
    let at = byDeadline.length;
    while (at > deadlineHead && (byDeadline[at - 1] as CallRecord).deadlineAtUs > deadlineAtUs) at--;
    byDeadline.splice(at, 0, c);
  };

  const received = (node: string, e: TraceRecord['fields']): void => {
    const rpc = e.rpc as string;
    const c = calls.get(rpc);
    if (!seen(c !== undefined, node, c ? '' : `the server application was given request ${rpc}, which nobody sent`) || !c) return;
    const conn = e.conn as number;
    const once = c.seenOn === null || (c.reliable && !c.seenOn.includes(conn));
    seen(once, node, once ? '' : c.reliable ? `reliable request ${rpc} was given to the server application twice on ${conn < 0 ? 'a local delivery' : `connection ${conn}`}` : `at-most-once request ${rpc} was given to the server application twice`);
    if (c.seenOn === null) c.seenOn = [conn];
    else c.seenOn.push(conn);
    const same = e.digest === c.digest && e.replyTo === c.replyTo;
    intact(same, node, same ? '' : e.digest !== c.digest ? `request ${rpc} reached the server application with a body other than the one its caller sent (digest ${e.digest} ≠ ${c.digest})` : `request ${rpc} reached the server with another reply endpoint than its caller's`);
  };

  const answered = (node: string, e: TraceRecord['fields']): void => {
    const rpc = e.rpc as string;
    const c = calls.get(rpc);
    if (!route(c !== undefined, node, c ? '' : `the server answered request ${rpc}, which nobody sent`) || !c) return;
    const to = e.replyTo as number;
    const right = to === c.replyTo;
    if (!right) {
      const owner = ownerOf(to);
      route(false, node, `the reply to ${rpc} was sent to another call's reply endpoint${owner !== undefined ? ` (that of ${owner})` : ''}`);
    } else route(true, node, '');
    const answer = e.error === 'BrokenPromise' ? -1 : (e.digest as number);
    if (c.answers === null) c.answers = [answer];
    else c.answers.push(answer);
  };

  const ended = (node: string, timeUs: number, kind: 'rpc_replied' | 'rpc_failed', e: TraceRecord['fields']): void => {
    const rpc = e.rpc as string;
    const c = calls.get(rpc);
    if (!c) return void oneOutcome(false, node, `request ${rpc} got an outcome without being sent`);
    if (c.outcome === 'dead') return void deadCalls(false, node, `call ${rpc} got an outcome (${kind === 'rpc_replied' ? 'a reply' : e.error}) after its node was killed`);
    if (!oneOutcome(c.outcome === 'pending', node, c.outcome === 'pending' ? '' : `request ${rpc} got a second outcome`)) return;
    c.outcome = kind === 'rpc_replied' ? 'replied' : 'failed';
    pending.delete(c);
    const late = timeUs > c.deadlineAtUs + DEADLINE_SLACK_US;
    if (!c.overdue) deadline(!late, node, late ? `call ${rpc} got its outcome ${formatUs(timeUs - c.deadlineAtUs)} after its deadline` : '');
    const error = kind === 'rpc_failed' ? String(e.error) : null;
    if (error !== null) a.sometimes(true, coverRpcError(error));
    if (kind === 'rpc_replied') {
      const produced = c.answers !== null && c.answers.includes(e.digest as number);
      intact(produced, node, produced ? '' : `call ${rpc} received a reply its server never produced for it`);
    } else if (error === 'BrokenPromise') {
      const broken = c.answers !== null && c.answers.includes(-1);
      route(broken, node, broken ? '' : `call ${rpc} failed with BrokenPromise, but its server never answered so`);
    }
    liveness?.callEnded(rpc, c.node, c.sentUs, error);
  };

  const killed = (node: string): void => {
    // A killed node's calls die with it: their tasks are gone, no outcome may come.
    for (const c of pending) {
      if (c.node !== node) continue;
      c.outcome = 'dead';
      pending.delete(c);
    }
  };

  sim.trace.subscribe(({ kind, node, timeUs, fields: e }: TraceRecord) => {
    sweepDeadlines(timeUs);
    switch (kind) {
      case 'rpc_sent':
        return sent(node, timeUs, e);
      case 'rpc_received':
        return received(node, e);
      case 'rpc_answered':
        return answered(node, e);
      case 'rpc_replied':
      case 'rpc_failed':
        return ended(node, timeUs, kind, e);
      case 'node_killed':
        return killed(node);
    }
  }, ['rpc_sent', 'rpc_received', 'rpc_answered', 'rpc_replied', 'rpc_failed', 'node_killed']);

  return {
    finish: () => sweepDeadlines(sim.now()),
    get size() {
      return calls.size;
    },
  };
}
