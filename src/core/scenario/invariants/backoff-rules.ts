/*
 * Two backoff rules the window check alone cannot see, checked from the trace:
 * - the attempt number resets: a peer's n-th consecutive failure reports
 *   attempt n, and attempt 1 once a frame arrived on its connection since its
 *   last backoff — or, under FoundationDB's rule (`backoffResetAfterUs` > 0),
 *   once it lost a connection that had stayed up that long (a backoff that
 *   never resets stays "in window" for the attempt it reports, so the count
 *   itself is checked);
 * - delays are jittered: three draws in a row that land exactly on the
 *   un-jittered delay, each from a window (capped at maxBackoff) at least
 *   10 ms wide, is not chance (odds below 1e-12) but a backoff without jitter.
 * Peers are followed per node and remote address; a frame counts for a peer
 * only on the connection it is using (peer_state_changed carries it). Knows
 * the trace's shapes and the PeerConfig, nothing of the peer's code.
 */
import type { Sim } from '../../sim';
import type { PeerConfig } from '../../peer';

export const INV_BACKOFF_RESET =
  "peer: the backoff attempt counts consecutive failures and resets as configured (a frame arrived, or under FoundationDB's rule a long-lived connection ended)";
export const INV_BACKOFF_JITTER = 'peer: backoff delays are jittered';

/** Exact hits of the un-jittered delay, in a row, that count as "no jitter". */
const EXACT_HITS_MAX = 3;
/** Windows narrower than this (µs) are ignored by the jitter rule: an exact hit is not unlikely there. */
const JITTER_WINDOW_MIN_US = 10_000;

interface PeerFollow {
  readonly node: string;
  /** The connection the peer is using, or -1. */
  conn: number;
  lastAttempt: number;
  frameSinceBackoff: boolean;
  /** When the peer last became Connected (µs). */
  connectedAtUs: number;
  /** The backoff being entered ends a connection that lasted at least backoffResetAfterUs. */
  lostStableConnection: boolean;
}

const checkerSequences = new WeakMap<PeerConfig, number[]>();

/**
 * The un-jittered delay for failure `attempt` (not yet capped, not rounded),
 * computed here without the peer's helpers: the checkers' one copy of the rule.
 */
export function uncappedBackoffUs(config: PeerConfig, attempt: number): number {
  let seq = checkerSequences.get(config);
  if (!seq) checkerSequences.set(config, (seq = [config.initialBackoffUs]));
  // Grown once per config and kept: a long outage must not cost O(attempt) per backoff.
  while (seq.length < attempt) {
    const last = seq[seq.length - 1] as number;
    const next = last < config.maxBackoffUs ? last * config.backoffMultiplier : last;
    if (next === last) return last;
    seq.push(next);
  }
  return seq[attempt - 1] as number;
}

function unjitteredUs(config: PeerConfig, attempt: number): number {
  return Math.min(Math.round(uncappedBackoffUs(config, attempt)), config.maxBackoffUs);
}

export function watchBackoffRules(sim: Sim, configOf: (node: string) => PeerConfig): void {
  const a = sim.assertions;
  a.register(INV_BACKOFF_RESET, 'always');
  a.register(INV_BACKOFF_JITTER, 'always');
  const reset = a.alwaysFor(INV_BACKOFF_RESET);
  const jitter = a.alwaysFor(INV_BACKOFF_JITTER);
  const peers = new Map<string, PeerFollow>(); // `${node}>${peer}`
  const byConn = new Map<number, PeerFollow[]>(); // conn id → peers using it (one per side)
  let exactHits = 0;
  const follow = (node: string, peer: string): PeerFollow => {
    const key = `${node}>${peer}`;
    let p = peers.get(key);
    if (!p)
      peers.set(
        key,
        (p = {
          node,
          conn: -1,
          lastAttempt: 0,
          frameSinceBackoff: false,
          connectedAtUs: 0,
          lostStableConnection: false,
        }),
      );
    return p;
  };
  const useConn = (p: PeerFollow, conn: number): void => {
    if (p.conn === conn) return;
    if (p.conn >= 0) {
      const list = byConn.get(p.conn);
      if (list) list.splice(list.indexOf(p), 1);
      if (list?.length === 0) byConn.delete(p.conn);
    }
    p.conn = conn;
    if (conn >= 0) byConn.set(conn, [...(byConn.get(conn) ?? []), p]);
  };
  const forgetNode = (node: string): void => {
    for (const [key, p] of peers) {
      if (p.node !== node) continue;
      useConn(p, -1);
      peers.delete(key);
    }
  };
  sim.trace.subscribe(
    ({ kind, node, timeUs, fields: e }) => {
      switch (kind) {
        case 'peer_state_changed': {
          const p = follow(node, e.peerAddr);
          if (e.toState === 'connected') p.connectedAtUs = timeUs;
          const resetAfterUs = configOf(node).backoffResetAfterUs;
          if (e.fromState === 'connected' && e.toState === 'backoff')
            p.lostStableConnection = resetAfterUs > 0 && timeUs - p.connectedAtUs >= resetAfterUs;
          return useConn(p, e.toState === 'connected' ? e.conn : -1);
        }
        case 'packet_delivered': {
          const list = byConn.get(e.conn);
          if (list) for (const p of list) if (p.node === node) p.frameSinceBackoff = true;
          return;
        }
        case 'backoff_scheduled': {
          const p = follow(node, e.peerAddr);
          const config = configOf(node);
          const resets =
            config.backoffResetAfterUs === 0 ? p.frameSinceBackoff : p.lostStableConnection;
          const expected = resets ? 1 : p.lastAttempt + 1;
          const attempt = e.attempt;
          const why =
            config.backoffResetAfterUs === 0
              ? 'a frame arrived since its last backoff, so 1'
              : `it lost a connection that lasted at least ${config.backoffResetAfterUs} µs, so 1`;
          reset(
            attempt === expected,
            node,
            attempt === expected
              ? ''
              : `peer ${e.peerAddr}: backoff attempt ${attempt}, but ${resets ? why : `its last was ${p.lastAttempt}, so ${expected}`}`,
          );
          p.lastAttempt = attempt;
          p.frameSinceBackoff = false;
          p.lostStableConnection = false;
          const baseUs = unjitteredUs(config, attempt);
          const spreadUs = (baseUs * config.backoffJitterPpm) / 1_000_000;
          const windowUs =
            Math.min(baseUs + spreadUs, config.maxBackoffUs) -
            Math.min(baseUs - spreadUs, config.maxBackoffUs);
          if (windowUs < JITTER_WINDOW_MIN_US) return;
          exactHits = e.delayUs === unjitteredUs(config, attempt) ? exactHits + 1 : 0;
          const jittered = exactHits !== EXACT_HITS_MAX;
          jitter(
            jittered,
            node,
            jittered
              ? ''
              : `${EXACT_HITS_MAX} backoff delays in a row fell exactly on the un-jittered delay (last: peer ${e.peerAddr}, attempt ${attempt}, ${e.delayUs} µs)`,
          );
          return;
        }
        case 'node_killed':
        case 'node_restarted':
          return forgetNode(node);
      }
    },
    [
      'peer_state_changed',
      'packet_delivered',
      'backoff_scheduled',
      'node_killed',
      'node_restarted',
    ],
  );
}
