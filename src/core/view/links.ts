/*
 * The links of the topology view: one per pair of nodes that have ever had a
 * connection or have a fault between them, with the state of their live
 * connections (connecting, connected, stalled) and the faults drawn on them.
 * Knows the network's snapshots, nothing of drawing.
 */
import type { ConnectionInfo, FaultInfo, Network } from '../net';
import type { Trace } from '../sim';
import type { LinkState, LinkView } from './view-types';

interface Draft {
  a: string;
  b: string;
  states: LinkState[];
  partition: LinkView['partition'];
  clogged: boolean;
  latencySpike: boolean;
}

/**
 * Every pair of nodes that has ever tried to connect, from the trace (so a
 * link that came and went while the viewer jumped ahead still shows).
 */
export class LinkHistory {
  readonly pairs = new Set<string>();

  constructor(trace: Trace | null) {
    trace?.subscribe(
      ({ node, fields: e }) => {
        if (e.toNode !== '') this.pairs.add([node, e.toNode].sort().join('|'));
      },
      ['connect_started'],
    );
  }
}

export function buildLinks(
  net: Network,
  connections: readonly ConnectionInfo[],
  history: LinkHistory,
): LinkView[] {
  const order = new Map(net.hosts().map((h, i) => [h.name, i]));
  const drafts = new Map<string, Draft>();
  const draft = (x: string, y: string): Draft => {
    const [a, b] = (order.get(x) ?? 0) <= (order.get(y) ?? 0) ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    let d = drafts.get(key);
    if (!d)
      drafts.set(
        key,
        (d = { a, b, states: [], partition: null, clogged: false, latencySpike: false }),
      );
    return d;
  };
  for (const key of history.pairs) {
    const [a, b] = key.split('|') as [string, string];
    draft(a, b);
  }
  for (const c of connections) {
    if (c.a.host === c.b.host) continue;
    draft(c.a.host, c.b.host).states.push(connectionState(c));
  }
  for (const f of net.faultInfos()) applyFault(f, draft, [...drafts.values()]);
  return [...drafts.values()].map((d) => ({
    a: d.a,
    b: d.b,
    state: summarize(d.states),
    connections: d.states.length,
    partition: d.partition,
    clogged: d.clogged,
    latencySpike: d.latencySpike,
  }));
}

function connectionState(c: ConnectionInfo): LinkState {
  if (c.aToB.stalled || c.bToA.stalled) return 'stalled';
  if (!c.a.established || !c.b.established) return 'connecting';
  return c.a.state === 'open' || c.b.state === 'open' ? 'connected' : 'idle';
}

function summarize(states: readonly LinkState[]): LinkState {
  for (const s of ['stalled', 'connected', 'connecting'] as const) if (states.includes(s)) return s;
  return 'idle';
}

function applyFault(
  f: FaultInfo,
  draft: (x: string, y: string) => Draft,
  existing: readonly Draft[],
): void {
  switch (f.kind) {
    case 'partition': {
      const d = draft(f.a, f.b);
      const forward = d.a === f.a ? 'a>b' : 'b>a';
      d.partition =
        !f.oneWay || (d.partition !== null && d.partition !== forward) ? 'both' : forward;
      return;
    }
    case 'isolate': // cuts the node's links that exist; it does not invent links to nodes it never talks to
      for (const d of existing) if (d.a === f.host || d.b === f.host) d.partition = 'both';
      return;
    case 'clog':
      draft(f.a, f.b).clogged = true;
      return;
    case 'latency_spike':
      draft(f.a, f.b).latencySpike = true;
      return;
  }
}
