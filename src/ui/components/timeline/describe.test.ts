import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../core/sim';
import { describeFault, describeMark, describePacket, describeRpc } from './describe';
import { TimelineIndex } from './timeline-index';

const NODES = [
  { name: 'n1', ip: '10.0.0.1' },
  { name: 'n2', ip: '10.0.0.2' },
];

describe('hover texts', () => {
  const index = new TimelineIndex(NODES);
  index.ingest([
    { seq: 0, timeUs: 105_757, node: 'n2', kind: 'packet_sent', conn: 1, from: '10.0.0.2:49152', to: '10.0.0.1:4500', offset: 65, bytes: 149, packet: 'request', msg: 1 },
    { seq: 1, timeUs: 105_800, node: 'n2', kind: 'rpc_sent', rpc: 'n2#1', to: '10.0.0.1:4500/ff:03', reliable: true, deadlineUs: 700_000 },
    { seq: 2, timeUs: 106_321, node: 'n1', kind: 'packet_delivered', conn: 1, from: '10.0.0.2:49152', to: '10.0.0.1:4500', offset: 65, bytes: 149, packet: 'request' },
    { seq: 3, timeUs: 110_000, node: 'n2', kind: 'packet_sent', conn: 1, from: '10.0.0.2:49152', to: '10.0.0.1:4500', offset: 214, bytes: 149, packet: 'request', msg: 2 },
    { seq: 4, timeUs: 200_000, node: '', kind: 'partition_created', fault: 7, a: 'n1', b: 'n2', mode: 'one_way', durationUs: null, cause: 'explicit' },
    { seq: 5, timeUs: 805_800, node: 'n2', kind: 'rpc_failed', rpc: 'n2#1', error: 'Timeout', latencyUs: 700_000 },
    { seq: 6, timeUs: 900_000, node: 'n2', kind: 'node_killed', incarnation: 1, cause: 'chaos' },
    { seq: 7, timeUs: 900_000, node: 'n2', kind: 'connection_reset', conn: 1, peer: 'n1', step: 'rst_sent', reason: 'killed' },
    { seq: 8, timeUs: 950_000, node: '', kind: 'invariant_violated', name: 'no-loss', message: 'reply lost' },
  ] as TraceEvent[]);

  it('says who sent what to whom and when', () => {
    expect(describePacket(index, 0, 0)).toBe('n2 → n1 request 149 B, sent 105.757 ms, arrived 106.321 ms');
    expect(describePacket(index, 1, 0)).toBe('n2 → n1 request 149 B, sent 110.000 ms, lost 900.000 ms (connection reset: killed)');
  });

  it('describes RPCs, faults and marks', () => {
    expect(describeRpc(index, 0, 0)).toBe('n2 call n2#1 → n1, sent 105.800 ms, failed after 700.000 ms: Timeout');
    expect(describeFault(index, index.faults[0]!)).toBe('partition n1 → n2 (n1 to n2 cut, explicit): 200.000 ms → still on');
    expect(index.marks.map(describeMark)).toEqual(['n2 killed at 900.000 ms (chaos)', 'invariant no-loss violated at 950.000 ms: reply lost']);
  });
});
