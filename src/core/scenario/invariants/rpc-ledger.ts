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
 * Outcomes are passed on to the liveness judge. Memory stays bounded: a call
 * that ended is kept for one to two seconds of virtual time (late copies of a
 * request are still checked against it), then only its number is remembered,
 * so a copy arriving later still counts as sent. Knows trace shapes only.
 */
import { formatUs, type Sim, type TraceFieldsOf, type TraceRecordOf } from '../../sim';
import { RPC_ERROR_KINDS } from '../../rpc';
import type { Liveness } from './liveness';

export const INV_ONE_OUTCOME = 'rpc: every request gets exactly one outcome';
export const INV_ROUTE =
  'ledger: a reply reaches only the call that asked, carrying what the server produced for it';
export const INV_SEEN =
  'ledger: the server sees a request no more often than its delivery mode allows, and never one nobody sent';
export const INV_INTACT =
  'ledger: what an application receives is what the sending application handed over';
export const INV_DEADLINE =
  'ledger: no outcome arrives later than its deadline, and no Timeout before it';
export const INV_DEAD_CALLS = 'ledger: a killed incarnation\u2019s calls get no outcome';

/** Slack for deadlines: outcomes are settled from the ready queue of the same instant. */
const DEADLINE_SLACK_US = 1;
/** How long (µs of virtual time) a generation of ended calls is kept in full; two are kept. */
const ENDED_GENERATION_US = 1_000_000;

/** Whether the server answered the call with this digest (-1: BrokenPromise). */
function answeredWith(c: CallRecord, digest: number): boolean {
  return (
    c.answered > 0 && (c.firstAnswer === digest || (c.laterAnswers?.includes(digest) ?? false))
  );
}

/** `n2@1#17` → caller prefix `n2@1` and call number 17 (the form RpcClient gives every call). */
function splitRpcId(rpc: string): { prefix: string; n: number } {
  const hash = rpc.lastIndexOf('#');
  return { prefix: rpc.slice(0, hash), n: Number(rpc.slice(hash + 1)) };
}

export const coverRpcError = (kind: string) => `coverage: an RPC failed with ${kind}`;

type Outcome = 'pending' | 'replied' | 'failed' | 'dead';

interface CallRecord {
  readonly rpc: string;
  readonly node: string;
  readonly reliable: boolean;
  readonly sentUs: number;
  /** Infinity without a deadline. */
  readonly deadlineAtUs: number;
  /** The endpoint called, as text. */
  readonly to: string;
  /** The reply endpoint's fingerprint (rpc-digest.ts). */
  readonly replyTo: number;
  readonly digest: number;
  /** Times the server application was given it, the first connection (-1: a local delivery), and any later ones. */
  seen: number;
  seenFirstOn: number;
  seenLaterOn: number[] | null;
  /** The server's answers: how many, the first digest (-1: BrokenPromise), any later ones. */
  answered: number;
  firstAnswer: number;
  laterAnswers: number[] | null;
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
  for (const name of [
    INV_ONE_OUTCOME,
    INV_ROUTE,
    INV_SEEN,
    INV_INTACT,
    INV_DEADLINE,
    INV_DEAD_CALLS,
  ])
    a.register(name, 'always');
  for (const kind of RPC_ERROR_KINDS) a.register(coverRpcError(kind), 'sometimes');
  const oneOutcome = a.alwaysFor(INV_ONE_OUTCOME);
  const route = a.alwaysFor(INV_ROUTE);
  const seen = a.alwaysFor(INV_SEEN);
  const intact = a.alwaysFor(INV_INTACT);
  const deadline = a.alwaysFor(INV_DEADLINE);
  const deadCalls = a.alwaysFor(INV_DEAD_CALLS);
  // Calls in flight, then two generations of ended ones; older ones are remembered by number only.
  const pending = new Map<string, CallRecord>();
  let endedNow = new Map<string, CallRecord>();
  let endedBefore = new Map<string, CallRecord>();
  let generationEndsUs = ENDED_GENERATION_US;
  const forgottenUpTo = new Map<string, number>(); // caller prefix → highest call number forgotten
  let followed = 0;
  const lookup = (rpc: string): CallRecord | undefined =>
    pending.get(rpc) ?? endedNow.get(rpc) ?? endedBefore.get(rpc);
  /** A call not followed any more, but sent: its number is at or below a forgotten one of its caller. */
  const wasForgotten = (rpc: string): boolean => {
    const { prefix, n } = splitRpcId(rpc);
    return n <= (forgottenUpTo.get(prefix) ?? -1);
  };
  const nextGeneration = (nowUs: number): void => {
    if (nowUs < generationEndsUs) return;
    for (const c of endedBefore.values()) {
      const { prefix, n } = splitRpcId(c.rpc);
      if (n > (forgottenUpTo.get(prefix) ?? -1)) forgottenUpTo.set(prefix, n);
    }
    endedBefore = endedNow;
    endedNow = new Map();
    generationEndsUs = nowUs + ENDED_GENERATION_US;
  };
  // Calls with a deadline in order of it (deadlines mostly come in issue order: insertion is near O(1)).
  const byDeadline: CallRecord[] = [];
  let deadlineHead = 0;

  /** The call a reply endpoint belongs to (a scan: only ever done to word a violation). */
  const ownerOf = (replyTo: number): string | undefined => {
    for (const map of [pending, endedNow, endedBefore])
      for (const c of map.values()) if (c.replyTo === replyTo) return c.rpc;
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
      deadline(
        false,
        c.node,
        `call ${c.rpc} has no outcome ${formatUs(nowUs - c.deadlineAtUs)} after its deadline`,
      );
    }
    if (deadlineHead > 1024 && deadlineHead * 2 > byDeadline.length) {
      byDeadline.splice(0, deadlineHead);
      deadlineHead = 0;
    }
  };

  const sent = (node: string, timeUs: number, e: TraceFieldsOf<'rpc_sent'>): void => {
    const rpc = e.rpc;
    const fresh = !pending.has(rpc) && !endedNow.has(rpc); // ids are unique by construction: a recent clash is a bug
    oneOutcome(fresh, node, fresh ? '' : `request ${rpc} was sent twice`);
    const deadlineAtUs = typeof e.deadlineUs === 'number' ? timeUs + e.deadlineUs : Infinity;
    const c: CallRecord = {
      rpc,
      node,
      to: e.toEndpoint,
      reliable: e.reliable,
      sentUs: timeUs,
      deadlineAtUs,
      replyTo: e.replyTo,
      digest: e.digest,
      seen: 0,
      seenFirstOn: 0,
      seenLaterOn: null,
      answered: 0,
      firstAnswer: 0,
      laterAnswers: null,
      outcome: 'pending',
      overdue: false,
    };
    pending.set(rpc, c);
    followed++;
    if (deadlineAtUs === Infinity) return;
    let at = byDeadline.length;
    while (at > deadlineHead && (byDeadline[at - 1] as CallRecord).deadlineAtUs > deadlineAtUs)
      at--;
    if (at === byDeadline.length) byDeadline.push(c);
    else byDeadline.splice(at, 0, c);
  };

  const received = (node: string, e: TraceFieldsOf<'rpc_received'>): void => {
    const rpc = e.rpc;
    const c = lookup(rpc);
    if (c === undefined)
      return void seen(
        wasForgotten(rpc),
        node,
        `the server application was given request ${rpc}, which nobody sent`,
      );
    const conn = e.conn;
    const once =
      c.seen === 0 ||
      (c.reliable && conn !== c.seenFirstOn && !(c.seenLaterOn?.includes(conn) ?? false));
    seen(
      once,
      node,
      once
        ? ''
        : c.reliable
          ? `reliable request ${rpc} was given to the server application twice on ${conn < 0 ? 'a local delivery' : `connection ${conn}`}`
          : `at-most-once request ${rpc} was given to the server application twice`,
    );
    if (c.seen++ === 0) c.seenFirstOn = conn;
    else (c.seenLaterOn ??= []).push(conn);
    const same = e.digest === c.digest && e.replyTo === c.replyTo;
    intact(
      same,
      node,
      same
        ? ''
        : e.digest !== c.digest
          ? `request ${rpc} reached the server application with a body other than the one its caller sent (digest ${e.digest} ≠ ${c.digest})`
          : `request ${rpc} reached the server with another reply endpoint than its caller's`,
    );
  };

  const answered = (node: string, e: TraceFieldsOf<'rpc_answered'>): void => {
    const rpc = e.rpc;
    const c = lookup(rpc);
    if (c === undefined)
      return void route(
        wasForgotten(rpc),
        node,
        `the server answered request ${rpc}, which nobody sent`,
      );
    const to = e.replyTo;
    const right = to === c.replyTo;
    if (!right) {
      const owner = ownerOf(to);
      route(
        false,
        node,
        `the reply to ${rpc} was sent to another call's reply endpoint${owner !== undefined ? ` (that of ${owner})` : ''}`,
      );
    } else route(true, node, '');
    const answer = e.error === 'BrokenPromise' ? -1 : e.digest;
    if (c.answered++ === 0) c.firstAnswer = answer;
    else (c.laterAnswers ??= []).push(answer);
  };

  const ended = (
    node: string,
    timeUs: number,
    r: TraceRecordOf<'rpc_replied' | 'rpc_failed'>,
  ): void => {
    const { kind, fields: e } = r;
    const rpc = e.rpc;
    const c = lookup(rpc);
    if (!c)
      return void oneOutcome(
        false,
        node,
        `request ${rpc} got an outcome without being sent${wasForgotten(rpc) ? ' (or a second one, long after its first)' : ''}`,
      );
    if (c.outcome === 'dead')
      return void deadCalls(
        false,
        node,
        `call ${rpc} got an outcome (${kind === 'rpc_replied' ? 'a reply' : e.error}) after its node was killed`,
      );
    if (
      !oneOutcome(
        c.outcome === 'pending',
        node,
        c.outcome === 'pending' ? '' : `request ${rpc} got a second outcome`,
      )
    )
      return;
    c.outcome = kind === 'rpc_replied' ? 'replied' : 'failed';
    pending.delete(rpc);
    endedNow.set(rpc, c);
    const late = timeUs > c.deadlineAtUs + DEADLINE_SLACK_US;
    if (!c.overdue)
      deadline(
        !late,
        node,
        late
          ? `call ${rpc} got its outcome ${formatUs(timeUs - c.deadlineAtUs)} after its deadline`
          : '',
      );
    const error = r.kind === 'rpc_failed' ? r.fields.error : null;
    if (error === 'Timeout' && timeUs < c.deadlineAtUs - DEADLINE_SLACK_US)
      deadline(
        false,
        node,
        `call ${rpc} timed out ${formatUs(c.deadlineAtUs - timeUs)} before its deadline`,
      );
    if (error !== null) a.sometimes(true, coverRpcError(error));
    if (r.kind === 'rpc_replied') {
      const produced = answeredWith(c, r.fields.digest);
      intact(
        produced,
        node,
        produced ? '' : `call ${rpc} received a reply its server never produced for it`,
      );
    } else if (error === 'BrokenPromise') {
      const broken = answeredWith(c, -1);
      route(
        broken,
        node,
        broken ? '' : `call ${rpc} failed with BrokenPromise, but its server never answered so`,
      );
    }
    liveness?.callEnded(rpc, c.node, c.sentUs, error, c.to);
  };

  const killed = (node: string): void => {
    // A killed node's calls die with it: their tasks are gone, no outcome may come.
    for (const [rpc, c] of pending) {
      if (c.node !== node) continue;
      c.outcome = 'dead';
      pending.delete(rpc);
      endedNow.set(rpc, c);
    }
  };

  sim.trace.subscribe(
    (r) => {
      const { node, timeUs } = r;
      sweepDeadlines(timeUs);
      nextGeneration(timeUs);
      switch (r.kind) {
        case 'rpc_sent':
          return sent(node, timeUs, r.fields);
        case 'rpc_received':
          return received(node, r.fields);
        case 'rpc_answered':
          return answered(node, r.fields);
        case 'rpc_replied':
        case 'rpc_failed':
          return ended(node, timeUs, r);
        case 'node_killed':
          return killed(node);
      }
    },
    ['rpc_sent', 'rpc_received', 'rpc_answered', 'rpc_replied', 'rpc_failed', 'node_killed'],
  );

  return {
    finish: () => sweepDeadlines(sim.now()),
    get size() {
      return followed;
    },
  };
}
