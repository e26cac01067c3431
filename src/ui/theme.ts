/*
 * The playground's colours and labels in one place, so every panel speaks the
 * same visual language: link and peer states, packet kinds, faults. One
 * colour, one meaning: teal is healthy, red is trouble (a cut, a stall, a
 * backoff, a corrupted or lost packet), amber is on the way (connecting, a
 * clog), and the chrome (focus, selection, playhead) is near-white.
 */
import type { LinkState, PacketStatus } from '../core/view';
import type { PeerState } from '../core/view';

export const COLOURS = {
  bg: '#08131f',
  panel: '#0d1b2a',
  panelRaised: '#12263a',
  border: '#1d3650',
  text: '#d6e4f0',
  muted: '#7f98ad',
  /** Chrome only (focus, selection, the playhead): never a state of the run. */
  accent: '#eaf2fb',
  /** Healthy: a connected link or peer, a delivered packet, a call replied, a check that holds. */
  ok: '#2dd4bf',
  danger: '#fb5573',
  warn: '#f5a524',
  info: '#60a5fa',
} as const;

export const LINK_STATE_COLOUR: Record<LinkState, string> = {
  idle: '#3b5268',
  connecting: '#f5a524',
  connected: '#2dd4bf',
  stalled: '#fb5573',
};

export const PEER_STATE_COLOUR: Record<PeerState, string> = {
  disconnected: '#64748b',
  connecting: '#f5a524',
  connected: '#2dd4bf',
  backoff: '#fb5573',
};

export const PEER_STATE_LABEL: Record<PeerState, string> = {
  disconnected: 'Disconnected',
  connecting: 'Connecting',
  connected: 'Connected',
  backoff: 'Backoff',
};

/** Packet kinds as labelled by the peer and transport layers. */
export function packetColour(kind: string): string {
  switch (kind) {
    case 'request':
    case 'data':
    case 'record':
      return '#60a5fa';
    case 'reply':
    case 'ack':
      return '#34d399';
    case 'ping':
    case 'pong':
      return '#94a3b8';
    case 'hello':
      return '#fbbf24';
    case 'broken-promise':
    case 'not-found':
      return '#f472b6';
    case 'datagram':
    case 'message':
      return '#a78bfa';
    default:
      return '#cbd5e1';
  }
}

export const PACKET_STATUS_COLOUR: Record<PacketStatus, string> = {
  'in-flight': '#cbd5e1',
  stalled: '#fb5573',
  delivered: '#2dd4bf',
  corrupted: '#fb5573',
  lost: '#fb5573',
};
