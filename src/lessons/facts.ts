/*
 * Checks a step's facts against a moment of a run: the engine's view and,
 * for facts about things that already happened (an RPC that failed with
 * MaybeDelivered), the trace so far. Pure: the same function runs in Vitest
 * against a headless engine and in the browser tests against the page's view.
 */
import type { EngineView, PeerView } from '../core/view';
import type { Fact } from './lesson';
import { packetMatches } from './targets';

/** The part of a trace event facts look at (plain data: it may come from a page). */
export interface TraceLike {
  readonly kind: string;
  readonly node: string;
  readonly [field: string]: unknown;
}

export interface FactResult {
  readonly ok: boolean;
  readonly failures: string[];
}

function findPeer(view: EngineView, node: string, remote: string): PeerView | undefined {
  return view.peers.find((p) => p.node === node && p.remoteNode === remote);
}

function findLink(view: EngineView, a: string, b: string) {
  return view.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
}

function countWords(atLeast: number, atMost: number | undefined): string {
  if (atMost === undefined) return `at least ${atLeast}×`;
  if (atMost === 0) return 'never';
  return atLeast === atMost ? `exactly ${atLeast}×` : `${atLeast}–${atMost}×`;
}

/** How close (virtual ms) an event must be to a fact's `nearMs`: the text rounds times to a hundredth of a second. */
export const NEAR_MS = 10;

/** Plain words for one fact (failure messages, the browser test's log). */
export function describeFact(fact: Fact): string {
  switch (fact.kind) {
    case 'peerState':
      return `${fact.node}'s peer to ${fact.remote} is ${fact.state}${fact.attempt !== undefined ? `, attempt ${fact.attempt}` : ''}`;
    case 'linkState':
      return `link ${fact.a}–${fact.b} is ${fact.state}`;
    case 'linkPartition':
      return `link ${fact.a}–${fact.b} partition is ${fact.partition ?? 'none'}`;
    case 'nodeAlive':
      return `${fact.node} is ${fact.alive ? 'alive' : 'dead'}`;
    case 'packetSeen':
      return `at least ${fact.atLeast ?? 1} ${fact.packetKind} packet(s)${fact.status ? ` ${fact.status}` : ''}${fact.from ? ` from ${fact.from}` : ''}`;
    case 'queueAtLeast':
      return `${fact.node}'s queue to ${fact.remote} holds at least ${fact.n}`;
    case 'queueAtMost':
      return `${fact.node}'s queue to ${fact.remote} holds at most ${fact.n}`;
    case 'retransmittedAtLeast':
      return `${fact.node} resent at least ${fact.n} message(s) to ${fact.remote}`;
    case 'rpcPending':
      return `RPC ${fact.rpc} is still waiting for its answer`;
    case 'backoffWait':
      return `${fact.node}'s attempt ${fact.attempt} waited ${fact.minMs}–${fact.maxMs} ms`;
    case 'traceBurst':
      return `the most ${fact.event}${fact.node ? ` on ${fact.node}` : ''} within any ${fact.withinMs} ms is ${fact.atLeast ?? 0}${fact.atMost === undefined ? ' or more' : `–${fact.atMost}`}`;
    case 'violationSeen':
      return `the oracle found a violation${fact.invariant ? ` of "${fact.invariant}"` : ''}`;
    case 'traceSeen':
      return `trace has ${fact.event}${fact.node ? ` on ${fact.node}` : ''}${fact.fields ? ` ${JSON.stringify(fact.fields)}` : ''}${fact.nearMs !== undefined ? ` near ${fact.nearMs} ms` : ''} ${countWords(fact.atLeast ?? (fact.atMost === 0 ? 0 : 1), fact.atMost)}`;
  }
}

function checkOne(view: EngineView, trace: readonly TraceLike[] | null, fact: Fact): string | null {
  const fail = (actual: string) => `${describeFact(fact)} — but ${actual}`;
  switch (fact.kind) {
    case 'peerState': {
      const peer = findPeer(view, fact.node, fact.remote);
      if (!peer) return fail('there is no such peer');
      if (peer.state !== fact.state) return fail(`it is ${peer.state}`);
      if (fact.attempt !== undefined && peer.metrics.attempt !== fact.attempt)
        return fail(`attempt is ${peer.metrics.attempt}`);
      return null;
    }
    case 'linkState':
    case 'linkPartition': {
      const link = findLink(view, fact.a, fact.b);
      if (!link) return fail('there is no such link');
      if (fact.kind === 'linkState')
        return link.state === fact.state ? null : fail(`it is ${link.state}`);
      // 'a>b' is stated for a, b as written in the fact; the view orders a < b.
      const want =
        fact.partition === null || fact.partition === 'both' || link.a === fact.a
          ? fact.partition
          : fact.partition === 'a>b'
            ? 'b>a'
            : 'a>b';
      return link.partition === want ? null : fail(`it is ${link.partition ?? 'none'}`);
    }
    case 'nodeAlive': {
      const node = view.nodes.find((n) => n.name === fact.node);
      if (!node) return fail('there is no such node');
      return node.alive === fact.alive ? null : fail(`it is ${node.alive ? 'alive' : 'dead'}`);
    }
    case 'packetSeen': {
      const n = view.packets.filter((p) => packetMatches(p, fact)).length;
      return n >= (fact.atLeast ?? 1) ? null : fail(`there are ${n}`);
    }
    case 'queueAtLeast':
    case 'queueAtMost':
    case 'retransmittedAtLeast': {
      const peer = findPeer(view, fact.node, fact.remote);
      if (!peer) return fail('there is no such peer');
      const value =
        fact.kind === 'retransmittedAtLeast'
          ? peer.metrics.retransmitted
          : peer.metrics.queuedMessages;
      const ok = fact.kind === 'queueAtMost' ? value <= fact.n : value >= fact.n;
      return ok ? null : fail(`it is ${value}`);
    }
    case 'rpcPending':
      return view.rpcs.some((r) => r.rpc === fact.rpc) ? null : fail('it is not pending');
    case 'backoffWait': {
      if (!trace) return fail('no trace was given');
      const waits = trace
        .filter(
          (e) =>
            e.kind === 'backoff_scheduled' && e.node === fact.node && e.attempt === fact.attempt,
        )
        .map((e) => (e.delayUs as number) / 1000);
      const ok = waits.some((ms) => ms >= fact.minMs && ms <= fact.maxMs);
      return ok ? null : fail(waits.length ? `it waited ${waits.join(', ')} ms` : 'it never came');
    }
    case 'traceBurst': {
      if (!trace) return fail('no trace was given');
      const times = trace
        .filter((e) => e.kind === fact.event && (fact.node === undefined || e.node === fact.node))
        .map((e) => e.timeUs as number);
      const most = widestBurst(times, fact.withinMs * 1000);
      const ok = most >= (fact.atLeast ?? 0) && (fact.atMost === undefined || most <= fact.atMost);
      return ok ? null : fail(`the most was ${most}`);
    }
    case 'violationSeen': {
      const found = view.violations.some(
        (v) => fact.invariant === undefined || v.name.startsWith(fact.invariant),
      );
      return found ? null : fail(`there is none (${view.violations.length} in all)`);
    }
    case 'traceSeen': {
      if (!trace) return fail('no trace was given');
      const n = trace.filter(
        (e) =>
          e.kind === fact.event &&
          (fact.node === undefined || e.node === fact.node) &&
          (fact.nearMs === undefined ||
            Math.abs((e.timeUs as number) / 1000 - fact.nearMs) <= NEAR_MS) &&
          Object.entries(fact.fields ?? {}).every(([k, v]) => e[k] === v),
      ).length;
      const atLeast = fact.atLeast ?? (fact.atMost === 0 ? 0 : 1);
      const ok = n >= atLeast && (fact.atMost === undefined || n <= fact.atMost);
      return ok ? null : fail(`it happened ${n}×`);
    }
  }
}

/** The most of these (ascending) times that fall within one window of `windowUs`. */
function widestBurst(times: readonly number[], windowUs: number): number {
  let most = 0;
  for (let end = 0, start = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) > windowUs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** Checks every fact; failures say what was expected and what is. */
export function checkFacts(
  view: EngineView,
  facts: readonly Fact[],
  trace: readonly TraceLike[] | null = null,
): FactResult {
  const failures = facts
    .map((f) => checkOne(view, trace, f))
    .filter((f): f is string => f !== null);
  return { ok: failures.length === 0, failures };
}
