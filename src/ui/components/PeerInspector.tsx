/*
 * Peer inspector: the peers of the selected node (or, until something is
 * selected, of the first node that has any), each as a card with its state
 * machine, queues and metrics. Node tabs switch the selection.
 */
import { useMemo, useState } from 'react';
import { useUi } from '../app-context';
import { useCalmView } from '../calm-view';
import type { MessageChip, PacketView, PeerView } from '../../core/view';
import { PEER_STATE_COLOUR, PEER_STATE_LABEL } from '../theme';
import { PeerCard } from './inspectors/PeerCard';
import { CallList } from './inspectors/CallList';
import { focusNode } from './inspectors/format';
import './inspectors/inspectors.css';

export function PeerInspector() {
  const view = useCalmView();
  const selectedNode = useUi((s) => s.selectedNode);
  const actions = useUi((s) => s.actions);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const { node, isDefault } = focusNode(view, selectedNode);
  const peers = useMemo(() => {
    if (!view || !node) return [];
    const order = new Map(view.nodes.map((n, i) => [n.name, i]));
    const rank = (p: PeerView) => (p.remoteNode !== null ? (order.get(p.remoteNode) ?? 1e6) : 1e6);
    return view.peers
      .filter((p) => p.node === node)
      .sort((a, b) => rank(a) - rank(b) || (a.remote < b.remote ? -1 : 1));
  }, [view, node]);
  const packets = view?.packets;
  const packetOf = useMemo(() => chipPacketLookup(packets ?? [], node), [packets, node]);
  const nodeInfo = view?.nodes.find((n) => n.name === node);

  // With many peers only the first starts open; the pills above the cards open the others.
  const isExpanded = (key: string, index: number) => {
    const byDefault = peers.length <= 2 || index === 0;
    return toggled.has(key) ? !byDefault : byDefault;
  };
  const toggle = (key: string) =>
    setToggled((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div data-testid="peer-inspector" className="insp-root">
      <div className="panel-title">
        <h2>Peers{node ? <span className="insp-title-node"> · {node}</span> : null}</h2>
        {view && view.nodes.length > 0 && view.nodes.length <= 6 ? (
          <div className="insp-tabs" role="group" aria-label="Inspect node">
            {view.nodes.map((n) => (
              <button
                key={n.name}
                type="button"
                className={`insp-tab${n.name === node ? ' is-active' : ''}${n.alive ? '' : ' is-dead'}`}
                aria-pressed={n.name === node}
                title={`${n.name} · ${n.ip}${n.role ? ` · ${n.role}` : ''}${n.alive ? '' : ' · down'}`}
                onClick={() => actions.selectNode(n.name)}
              >
                {n.name}
              </button>
            ))}
          </div>
        ) : view && view.nodes.length > 6 ? (
          <select
            className="insp-node-select"
            aria-label="Inspect node"
            value={node ?? ''}
            onChange={(e) => actions.selectNode(e.target.value || null)}
          >
            {view.nodes.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
                {n.role ? ` · ${n.role}` : ''}
                {n.alive ? '' : ' (down)'}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <div className="panel-body insp-body">
        {!view ? (
          <div className="empty-hint">Loading…</div>
        ) : !node ? (
          <div className="empty-hint">
            {view.links.length > 0
              ? 'These nodes talk over raw byte streams, with no peers to inspect: the links are their connections, and each echoed record crosses them as a packet (see the packet list, the timeline and the console).'
              : 'Select a node in the topology to see its peers. No node has opened a connection yet.'}
          </div>
        ) : (
          <>
            {nodeInfo ? (
              <div className="insp-node-line">
                <span className="insp-node-name">{nodeInfo.name}</span>
                <span className="mono insp-muted">{nodeInfo.ip}</span>
                {nodeInfo.role ? <span className="insp-role">{nodeInfo.role}</span> : null}
                {!nodeInfo.alive ? <span className="insp-badge is-bad">down</span> : null}
                <span className="insp-node-count">
                  {peers.length} peer{peers.length === 1 ? '' : 's'}
                </span>
              </div>
            ) : null}
            {isDefault ? (
              <div className="insp-note">
                Showing {node} · select a node in the topology to switch.
              </div>
            ) : null}
            {peers.length > 2 ? (
              <div className="insp-peer-strip" role="group" aria-label="Show or hide peers">
                {peers.map((peer, i) => {
                  const key = peerKey(peer);
                  const open = isExpanded(key, i);
                  return (
                    <button
                      key={key}
                      type="button"
                      className={`insp-peer-pill${open ? ' is-open' : ''}`}
                      aria-pressed={open}
                      title={`${peer.remoteNode ?? peer.remote}: ${PEER_STATE_LABEL[peer.state]}${peer.metrics.queuedMessages ? `, ${peer.metrics.queuedMessages} queued` : ''} — click to ${open ? 'hide' : 'show'}`}
                      onClick={() => {
                        toggle(key);
                        if (!open) revealSoon(cardId(peer));
                      }}
                    >
                      <span
                        className="insp-dot"
                        style={{ background: PEER_STATE_COLOUR[peer.state] }}
                      />
                      →{peer.remoteNode ?? peer.remote}
                    </button>
                  );
                })}
              </div>
            ) : null}
            <CallList
              key={node}
              node={node}
              nodes={view.nodes}
              pending={view.rpcs}
              ended={view.recentRpcs}
              nowUs={view.timeUs}
            />
            {peers.length === 0 ? (
              <div className="empty-hint">
                {node} has no peers yet — a peer appears when the node first sends to, or is
                connected to by, another address.
              </div>
            ) : (
              peers.map((peer, i) => {
                const key = peerKey(peer);
                return (
                  <PeerCard
                    key={key}
                    id={cardId(peer)}
                    peer={peer}
                    nowUs={view.timeUs}
                    expanded={isExpanded(key, i)}
                    onToggle={() => toggle(key)}
                    packetOf={(chip) => packetOf(peer.remoteNode, chip)}
                    onOpenPacket={(id) => actions.selectPacket(id)}
                  />
                );
              })
            )}
          </>
        )}
      </div>
    </div>
  );
}

function peerKey(peer: PeerView): string {
  return `${peer.node}>${peer.remote}`;
}

function cardId(peer: PeerView): string {
  return `insp-peer-${peer.node}-${peer.remote}`.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** Scrolls a card into view once React has drawn it open. */
function revealSoon(id: string): void {
  const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  requestAnimationFrame(() =>
    document
      .getElementById(id)
      ?.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' }),
  );
}

/** Maps a queued message (by its id on this node) to the latest frame that carried it, if still known. */
function chipPacketLookup(
  packets: readonly PacketView[],
  node: string | null,
): (remoteNode: string | null, chip: MessageChip) => string | null {
  const latest = new Map<string, PacketView>();
  if (node)
    for (const p of packets) {
      if (p.fromNode !== node) continue;
      const key = `${p.toNode}|${p.msg}`;
      const prev = latest.get(key);
      if (!prev || p.sentUs >= prev.sentUs) latest.set(key, p);
    }
  return (remoteNode, chip) =>
    remoteNode ? (latest.get(`${remoteNode}|${chip.id}`)?.id ?? null) : null;
}
