/*
 * Builds the engine's read-only view from the network's snapshots, each live
 * node's peer registry and the trackers fed by the trace. Called when a viewer
 * wants a frame, never on the simulation's hot path. Knows nothing of drawing.
 */
import type { Sim } from '../sim';
import { describeChaos, type ConnectionInfo, type Network } from '../net';
import type { Peer } from '../peer';
import { PEER_REGISTRY_SLOT } from '../transport';
import type { LifecycleTracker, TrackedPacket } from './packet-tracker';
import { ipOf } from '../peer/packet-id';
import type { EngineView, LinkView, MessageChip, PacketView, PeerView } from './view-types';
import { buildLinks, type LinkHistory } from './links';
import type { LivenessVerdict } from '../run-summary';
import type { MutantInfo } from '../mutants/catalogue';

export interface ViewSources {
  readonly scenario: string;
  readonly chaos: string;
  readonly roles: ReadonlyMap<string, string>;
  readonly sim: Sim;
  readonly net: Network;
  readonly lifecycles: LifecycleTracker;
  readonly linkHistory: LinkHistory;
  readonly liveness: () => LivenessVerdict;
  readonly mutant: MutantInfo | null;
}

export function buildView(src: ViewSources): EngineView {
  const { sim, net } = src;
  const connections = net.connectionInfos();
  const links: LinkView[] = buildLinks(net, connections, src.linkHistory);
  return {
    scenario: src.scenario,
    seed: sim.seed.toString(),
    chaos: src.chaos,
    timeUs: sim.now(),
    events: sim.events,
    midInstant: sim.nextEventUs() === sim.now(),
    traceHash: sim.trace.hash(),
    nodes: net.hosts().map((h) => ({
      name: h.name,
      ip: h.ip,
      role: src.roles.get(h.name) ?? '',
      alive: h.alive,
      incarnation: h.incarnation,
    })),
    links,
    peers: net
      .hosts()
      .flatMap((h) =>
        (PEER_REGISTRY_SLOT.get(h)?.all() ?? []).map((p) => peerView(p, net, sim.now())),
      ),
    packets: packetViews(src.lifecycles, connections, net),
    rpcs: src.lifecycles.pendingRpcs(),
    recentRpcs: src.lifecycles.recentRpcs(),
    faults: net.faultInfos(),
    assertions: sim.assertions.report(),
    violations: [...sim.assertions.violations],
    liveness: src.liveness(),
    mutant: src.mutant ? { id: src.mutant.id, breaks: src.mutant.breaks } : null,
    environment: net.chaos ? describeChaos(net.chaos) : [],
  };
}

function peerView(peer: Peer, net: Network, nowUs: number): PeerView {
  const chip = (m: Peer['queued']['reliable'][number]): MessageChip => ({
    id: m.id,
    label: m.label,
    bytes: m.frame.length,
    ageUs: nowUs - m.enqueuedAtUs,
    reliable: m.reliable,
    sent: m.sends > 0,
  });
  return {
    node: peer.node,
    remote: peer.label,
    remoteNode: net.hostByIp(peer.remote.ip)?.name ?? null,
    state: peer.state,
    stateSeq: peer.stateSeq,
    metrics: peer.metrics(),
    reliable: peer.queued.reliable.map(chip),
    unreliable: peer.queued.unsent.filter((m) => !m.reliable).map(chip),
  };
}

function packetViews(
  tracker: LifecycleTracker,
  connections: readonly ConnectionInfo[],
  net: Network,
): PacketView[] {
  const byId = new Map(connections.map((c) => [c.id, c]));
  const toNode = (p: TrackedPacket) => net.hostByIp(ipOf(p.toAddr))?.name ?? '?';
  const view = (
    p: TrackedPacket,
    status: PacketView['status'],
    deliverUs: number | null,
  ): PacketView => ({
    id: p.key,
    conn: p.conn,
    fromNode: p.fromNode,
    toNode: toNode(p),
    kind: p.packet,
    bytes: p.bytes,
    sentUs: p.sentUs,
    deliverUs,
    endUs: p.endUs,
    status,
    msg: p.msg,
    seq: p.seq,
    endSeq: p.endSeq,
  });
  const live = tracker.inFlight().map((p) => {
    const due = dueOf(p, byId.get(p.conn));
    return view(p, due === null ? 'stalled' : 'in-flight', due);
  });
  const recent = tracker
    .recent()
    .map((p) => view(p, p.end ?? 'lost', p.end === 'lost' ? null : p.endUs));
  return [...recent, ...live];
}

/** A packet on the wire now: when it was sent and when it is due (null: stalled at a cut). */
export interface PacketFlight {
  readonly sentUs: number;
  readonly deliverUs: number | null;
}

/**
 * The packets on the wire now, with their send and due times: what
 * event-paced playback slows down for. The same due times as the view's
 * in-flight packets, without building the rest of the view.
 */
export function packetFlights(tracker: LifecycleTracker, net: Network): PacketFlight[] {
  const live = tracker.inFlight();
  if (live.length === 0) return [];
  const byId = new Map(net.connectionInfos().map((c) => [c.id, c]));
  return live.map((p) => ({ sentUs: p.sentUs, deliverUs: dueOf(p, byId.get(p.conn)) }));
}

/** When the last byte of the frame is due, or null when its direction is stalled. */
function dueOf(p: TrackedPacket, conn: ConnectionInfo | undefined): number | null {
  if (!conn) return null;
  const dir = conn.a.address === p.fromAddr ? conn.aToB : conn.bToA;
  if (dir.stalled) return null;
  const lastByte = p.offset + p.bytes - 1;
  const segment = dir.segments.find((s) => s.offset <= lastByte && lastByte < s.offset + s.bytes);
  return segment ? segment.dueUs : null;
}
