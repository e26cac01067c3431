/*
 * Where a step points and what it asks: its moment, the data-testid of what it
 * highlights, the node and packet to show, whether the target exists in a
 * view, and whether an intervention is the one a "try it" asks for. Types
 * only from core, so Node-side browser tests can import it as it is.
 */
import { nodesOf, type Intervention } from '../core/intervention';
import type { EngineView, PacketStatus, PacketView } from '../core/view';
import type { ActionMatcher, Highlight, Step } from './lesson';

export function stepAtUs(step: Step): number {
  return step.atMs * 1000;
}

/** The data-testid of the highlighted element. */
export function highlightTestId(h: Highlight): string {
  switch (h.kind) {
    case 'node':
      return `node-${h.node}`;
    case 'link':
      return `link-${h.a}-${h.b}`;
    case 'peer':
      return `peer-${h.node}-${h.remote}`;
    case 'call':
      return `call-${h.rpc}`;
    case 'packet':
      return 'packet-inspector';
    case 'panel':
      return h.panel;
  }
}

/** The tag beside the ring: the step's own words, else what the target is. */
export function highlightLabel(h: Highlight): string {
  if (h.label !== undefined) return h.label;
  switch (h.kind) {
    case 'node':
      return h.node;
    case 'link':
      return `link ${h.a}–${h.b}`;
    case 'peer':
      return `${h.node}’s peer for ${h.remote}`;
    case 'call':
      return `${h.rpc}`;
    case 'packet':
      return `${h.packetKind}${h.status ? ` (${h.status})` : ''}`;
    case 'panel':
      return h.panel.replace('-', ' ');
  }
}

/** The node the inspectors should show for this highlight, if any. */
export function highlightNode(h: Highlight): string | null {
  if (h.kind === 'peer' || h.kind === 'call') return h.node;
  if (h.kind === 'panel') return h.node ?? null;
  return null;
}

/** Which packets a highlight, a fact or a task means: a kind, and maybe a status and a sender. */
export interface PacketWanted {
  readonly packetKind: string;
  readonly status?: PacketStatus;
  readonly from?: string;
}

export function packetMatches(p: PacketView, wanted: PacketWanted): boolean {
  return (
    p.kind === wanted.packetKind &&
    (wanted.status === undefined || p.status === wanted.status) &&
    (wanted.from === undefined || p.fromNode === wanted.from)
  );
}

/** The packet a 'packet' highlight selects: the latest one of that kind (and status). */
export function highlightPacket(h: Highlight, view: EngineView): string | null {
  if (h.kind !== 'packet') return null;
  const matching = view.packets.filter((p) => packetMatches(p, h));
  return matching[matching.length - 1]?.id ?? null;
}

/** Does the highlight's target exist in this view (headless check of the same thing the page shows)? */
export function highlightExists(h: Highlight, view: EngineView): boolean {
  switch (h.kind) {
    case 'node':
      return view.nodes.some((n) => n.name === h.node);
    case 'link':
      return view.links.some((l) => l.a === h.a && l.b === h.b);
    case 'peer':
      return view.peers.some((p) => p.node === h.node && p.remoteNode === h.remote);
    case 'call':
      return view.recentRpcs.some((r) => r.rpc === h.rpc && r.node === h.node);
    case 'packet':
      return highlightPacket(h, view) !== null;
    case 'panel':
      return h.node === undefined || view.nodes.some((n) => n.name === h.node);
  }
}

export function matchesAction(matcher: ActionMatcher, action: Intervention): boolean {
  if (action.kind !== matcher.kind) return false;
  const named = nodesOf(action);
  return (matcher.nodes ?? []).every((n) => named.includes(n));
}
