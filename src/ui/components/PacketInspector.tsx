/*
 * Packet inspector: one frame (picked in the topology, the timeline, a queue
 * chip or the list here) as annotated hex with its checksum verdict, flipped
 * bits, token and decoded message. With nothing picked it lists the recent
 * packets of the inspected node so it is useful on its own.
 */
import { WhyButton } from './why/WhyButton';
import { useMemo } from 'react';
import { useUi } from '../app-context';
import { useCalmView } from '../calm-view';
import { PacketDetailView } from './inspectors/PacketDetailView';
import {
  KindTag,
  PacketNavigator,
  RecentList,
  StatusTag,
  recentPackets,
} from './inspectors/RecentPackets';
import { focusNode, formatBytes } from './inspectors/format';
import './inspectors/inspectors.css';

export function PacketInspector() {
  const view = useCalmView();
  const selectedNode = useUi((s) => s.selectedNode);
  const selected = useUi((s) => s.selectedPacket);
  // The bytes and flips come with every frame while a packet is selected (a flip is traced after the send).
  const detail = useUi((s) => s.packetDetail);
  const selectPacket = useUi((s) => s.actions.selectPacket);

  const packet = selected ? view?.packets.find((p) => p.id === selected) : undefined;
  const focus = focusNode(view, selectedNode).node;
  const listNode =
    packet && focus !== packet.fromNode && focus !== packet.toNode ? packet.fromNode : focus;
  const recent = useMemo(
    () => recentPackets(view?.packets ?? [], listNode),
    [view?.packets, listNode],
  );
  const corruptCount = recent.filter((p) => p.status === 'corrupted').length;

  return (
    <div data-testid="packet-inspector" className="insp-root">
      <div className="panel-title">
        <h2>Packet</h2>
        {selected && packet ? (
          <span className="insp-title-summary">
            <KindTag kind={packet.kind} />
            <span className="insp-title-route">
              {packet.fromNode} → {packet.toNode}
            </span>
            <span className="mono insp-title-bytes">{formatBytes(packet.bytes)}</span>
            <StatusTag status={packet.status} />
            <WhyButton
              seq={packet.endSeq >= 0 ? packet.endSeq : packet.seq}
              what={`packet ${packet.fromNode} → ${packet.toNode} (${packet.status})`}
            />
          </span>
        ) : null}
      </div>
      <div className="panel-body insp-body">
        {!selected ? (
          <>
            <div className="insp-note">
              Click a packet in the topology or the timeline
              {listNode ? `, or one of ${listNode}'s recent packets below` : ''}.
              {corruptCount > 0 ? ' Corrupted ones are marked ✗.' : ''}
            </div>
            <RecentList packets={recent} selected={null} onSelect={selectPacket} />
          </>
        ) : (
          <>
            <PacketNavigator
              packets={recent}
              selected={selected}
              node={listNode}
              onSelect={selectPacket}
            />
            {detail ? (
              <PacketDetailView detail={detail} packet={packet} />
            ) : packet?.kind === 'record' ? (
              <div className="empty-hint">
                An echo record on a raw byte stream: the application's own format (length, sequence
                number, checksum, payload), not the transport's frames, so there is no frame to
                decode. It is {packet.bytes} B, record #{packet.msg} of its connection.
              </div>
            ) : (
              <div className="empty-hint">
                The bytes of this packet are no longer kept (only recent frames are). Pick a newer
                one.
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
