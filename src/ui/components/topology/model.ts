/*
 * What the topology shows and does, as plain data and words: which faults sit
 * on a link, the hover/aria text of links and nodes, what a click on a link
 * means (cut both ways, cut one way, heal) and the message to show for it, and
 * a cheap key that changes only when the drawn structure (nodes, links,
 * faults) does, so React re-renders nodes and links only then — packets are
 * drawn separately every frame. No DOM, no store.
 */
import type { EngineView, LinkView, NodeView } from '../../../core/view';
import type { Intervention } from '../../../core/intervention';
import { formatMoment } from '../../../core/sim/time';

type FaultInfo = EngineView['faults'][number];

export interface Structure {
  readonly nodes: readonly NodeView[];
  readonly links: readonly LinkView[];
  readonly faults: readonly FaultInfo[];
}

const EMPTY: Structure = { nodes: [], links: [], faults: [] };

/** Changes exactly when nodes, links or faults change (not on every frame). */
export function structureKey(view: EngineView | null): string {
  if (!view) return '';
  let key = `${view.scenario}|${view.seed}|`;
  for (const n of view.nodes) key += `${n.name},${n.role},${n.alive ? 1 : 0},${n.incarnation};`;
  key += '|';
  for (const l of view.links)
    key += `${l.a},${l.b},${l.state},${l.connections},${l.partition ?? '-'},${l.clogged ? 1 : 0},${l.latencySpike ? 1 : 0};`;
  key += '|';
  for (const f of view.faults)
    key +=
      'id' in f
        ? `${f.id};`
        : `${f.kind},${'from' in f ? `${f.from},${f.to}` : `${f.a},${f.b},${f.model}`};`;
  return key;
}

export function structureOf(view: EngineView | null): Structure {
  return view ? { nodes: view.nodes, links: view.links, faults: view.faults } : EMPTY;
}

/** Changes exactly when the names or roles of the nodes do: all that the layout places them by. */
export function laidOutKey(view: EngineView | null): string {
  return view ? view.nodes.map((n) => `${n.name}:${n.role}`).join(';') : '';
}

export function laidOutNodes(view: EngineView | null): readonly NodeView[] {
  return view?.nodes ?? EMPTY.nodes;
}

/**
 * `pick` of the view, returning the same value until `keyOf(view)` changes: the view is rebuilt
 * every frame, while what the topology draws from it (and so what React re-renders) changes rarely.
 */
export function keyedBy<T>(
  keyOf: (view: EngineView | null) => string,
  pick: (view: EngineView | null) => T,
): (view: EngineView | null) => T {
  let last: { key: string; value: T } | null = null;
  return (view) => {
    const key = keyOf(view);
    if (last?.key !== key) last = { key, value: pick(view) };
    return last.value;
  };
}

export const linkKey = (a: string, b: string): string => `${a}|${b}`;

/** The faults drawn on the link a–b (either order). */
export interface LinkFaults {
  readonly partitions: readonly Extract<FaultInfo, { kind: 'partition' }>[];
  readonly isolations: readonly Extract<FaultInfo, { kind: 'isolate' }>[];
  readonly clogs: readonly Extract<FaultInfo, { kind: 'clog' }>[];
  readonly spikes: readonly Extract<FaultInfo, { kind: 'latency_spike' }>[];
  /** Armed "corrupt the next chunk" faults on this pair. */
  readonly corruptNext: readonly Extract<FaultInfo, { kind: 'corrupt_next' | 'connect_fault' }>[];
}

export function faultsOn(link: { a: string; b: string }, faults: readonly FaultInfo[]): LinkFaults {
  const pair = (x: string, y: string) =>
    (x === link.a && y === link.b) || (x === link.b && y === link.a);
  const out = { partitions: [], isolations: [], clogs: [], spikes: [], corruptNext: [] } as {
    [K in keyof LinkFaults]: LinkFaults[K][number][];
  };
  for (const f of faults) {
    if (f.kind === 'partition' && pair(f.a, f.b)) out.partitions.push(f);
    else if (f.kind === 'isolate' && (f.host === link.a || f.host === link.b))
      out.isolations.push(f);
    else if (f.kind === 'clog' && pair(f.a, f.b)) out.clogs.push(f);
    else if (f.kind === 'latency_spike' && pair(f.a, f.b)) out.spikes.push(f);
    else if (f.kind === 'corrupt_next' && pair(f.from, f.to)) out.corruptNext.push(f);
  }
  return out;
}

/** Field-by-field equality of two flat records (a link, a node, a fault), as every view builds new ones. */
export function sameRecord<T extends object>(x: T, y: T): boolean {
  if (x === y) return true;
  const keys = Object.keys(x) as (keyof T)[];
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}

function sameList<T extends object>(x: readonly T[], y: readonly T[]): boolean {
  return x.length === y.length && x.every((f, i) => sameRecord(f, y[i] as T));
}

/** Whether two links carry the same faults, so a link need not be drawn again. */
export function sameLinkFaults(x: LinkFaults, y: LinkFaults): boolean {
  return (
    sameList(x.partitions, y.partitions) &&
    sameList(x.isolations, y.isolations) &&
    sameList(x.clogs, y.clogs) &&
    sameList(x.spikes, y.spikes) &&
    sameList(x.corruptNext, y.corruptNext)
  );
}

export function isIsolated(node: string, faults: readonly FaultInfo[]): boolean {
  return faults.some((f) => f.kind === 'isolate' && f.host === node);
}

/** Whether bytes from `from` to `to` are cut on this link. */
export function directionCut(link: LinkView, from: string): boolean {
  if (link.partition === 'both') return true;
  if (link.partition === 'a>b') return from === link.a;
  if (link.partition === 'b>a') return from === link.b;
  return false;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function until(f: { cause: string; untilUs: number | null }): string {
  const by = f.cause === 'chaos' ? 'by chaos' : 'by hand';
  return f.untilUs === null ? by : `${by}, until ${formatMoment(f.untilUs)}`;
}

export function partitionText(link: LinkView): string {
  switch (link.partition) {
    case 'both':
      return 'cut both ways';
    case 'a>b':
      return `cut one way (${link.a} → ${link.b} blocked)`;
    case 'b>a':
      return `cut one way (${link.b} → ${link.a} blocked)`;
    default:
      return '';
  }
}

/** Hover text for a link: its state, its faults and what a click does. */
export function linkTitle(link: LinkView, faults: LinkFaults): string {
  const lines = [`${link.a} ↔ ${link.b}: ${link.state}, ${plural(link.connections, 'connection')}`];
  if (link.partition) {
    const why = faults.partitions[0] ?? faults.isolations[0];
    const iso = faults.isolations.map((f) => `${f.host} is isolated`).join(', ');
    lines.push(`✂ ${partitionText(link)}${why ? ` (${until(why)})` : ''}${iso ? ` — ${iso}` : ''}`);
  }
  for (const c of faults.clogs)
    lines.push(`▮ clogged ${c.a} → ${c.b}: deliveries held (${until(c)})`);
  for (const s of faults.spikes) lines.push(`∿ latency spike: ${s.model} (${until(s)})`);
  for (const c of faults.corruptNext)
    lines.push(`⚡ next chunk ${c.from} → ${c.to} will be corrupted`);
  lines.push(
    link.partition
      ? 'Click to heal.'
      : `Click to cut, shift+click to cut one way (${link.a} → ${link.b}).`,
  );
  return lines.join('\n');
}

export function linkAriaLabel(link: LinkView): string {
  const cut = link.partition ? `, ${partitionText(link)}` : '';
  const extra = `${link.clogged ? ', clogged' : ''}${link.latencySpike ? ', latency spike' : ''}`;
  const act = link.partition ? 'Enter heals' : 'Enter cuts it, Shift+Enter cuts one way';
  return `Link ${link.a} to ${link.b}: ${link.state}, ${plural(link.connections, 'connection')}${cut}${extra}. ${act}.`;
}

export function nodeTitle(node: NodeView, isolated: boolean): string {
  const life = node.alive ? 'alive' : 'down (killed)';
  const inc = node.incarnation > 0 ? `, incarnation ${node.incarnation}` : '';
  return `${node.name} — ${node.role} (${node.ip}), ${life}${inc}${isolated ? ', isolated' : ''}\nClick for kill / restart / isolate.`;
}

export type LinkCommand =
  | { readonly action: Intervention; readonly message: string }
  | { readonly action: null; readonly message: string };

/** What a click (or Enter) on a link does: heal a cut link, else cut it (one way a → b with shift). */
export function linkCommand(link: LinkView, oneWay: boolean, faults: LinkFaults): LinkCommand {
  if (link.partition) {
    if (faults.partitions.length === 0 && faults.isolations.length > 0) {
      const who = faults.isolations.map((f) => f.host).join(' and ');
      return {
        action: null,
        message: `${link.a} ↔ ${link.b} is cut because ${who} is isolated — use "Heal all cuts" in ${who}'s menu.`,
      };
    }
    const still =
      faults.isolations.length > 0
        ? ` (still cut: ${faults.isolations.map((f) => f.host).join(' and ')} isolated)`
        : '';
    return {
      action: { kind: 'heal', a: link.a, b: link.b },
      message: `Healed ${link.a} ↔ ${link.b}${still}.`,
    };
  }
  if (oneWay) {
    return {
      action: { kind: 'partition', a: link.a, b: link.b, oneWay: true },
      message: `Cut ${link.a} → ${link.b} one way: ${link.a}'s bytes to ${link.b} are held; ${link.b} → ${link.a} still flows.`,
    };
  }
  return {
    action: { kind: 'partition', a: link.a, b: link.b, oneWay: false },
    message: `Cut ${link.a} ↔ ${link.b} both ways. Click it again to heal.`,
  };
}
