/*
 * Coverage marks for the transport's interesting paths, from the trace:
 * `sometimes` assertions that a sweep reports as gaps when no seed reached
 * them (a reconnect, a checksum failure, a ping teardown, a full queue, a
 * retransmission). Knows only trace event shapes.
 */
import type { Sim } from '../../sim';

export const COVER = {
  reconnect: 'coverage: a peer reconnected after losing its connection',
  checksum: 'coverage: a checksum failure tore a connection down',
  pingTimeout: 'coverage: the ping monitor declared a connection dead',
  queueFull: 'coverage: a peer queue was full',
  retransmit: 'coverage: a reliable message was retransmitted',
} as const;

export function watchTransportCoverage(sim: Sim): void {
  const a = sim.assertions;
  for (const name of Object.values(COVER)) a.register(name, 'sometimes');
  const everConnected = new Set<string>();
  sim.trace.subscribe(
    ({ kind, node, fields: e }) => {
      switch (kind) {
        case 'peer_state_changed':
          if (e.toState === 'connected') {
            const key = `${node}>${e.peerAddr}`;
            if (everConnected.has(key)) a.sometimes(true, COVER.reconnect);
            everConnected.add(key);
          }
          return;
        case 'checksum_failed':
          return void a.sometimes(true, COVER.checksum);
        case 'ping_timeout':
          return void a.sometimes(true, COVER.pingTimeout);
        case 'queue_full':
          return void a.sometimes(true, COVER.queueFull);
        case 'message_retransmitted':
          return void a.sometimes(true, COVER.retransmit);
      }
    },
    [
      'peer_state_changed',
      'checksum_failed',
      'ping_timeout',
      'queue_full',
      'message_retransmitted',
    ],
  );
}
