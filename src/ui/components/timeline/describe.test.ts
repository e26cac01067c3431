import { describe, expect, it } from 'vitest';
import { Trace } from '../../../core/sim';
import { describeFault, describeMark, describePacket, describeRpc } from './describe';
import { TimelineIndex } from './timeline-index';

const NODES = [
  { name: 'n1', ip: '10.0.0.1' },
  { name: 'n2', ip: '10.0.0.2' },
];

describe('hover texts', () => {
  const index = new TimelineIndex(NODES);
  const trace = new Trace();
  const frame = {
    conn: 1,
    fromAddr: '10.0.0.2:49152',
    toAddr: '10.0.0.1:4500',
    bytes: 149,
    packet: 'request',
    crc: 0x1234,
  };
  trace.emit(105_757, 'n2', 'packet_sent', { ...frame, offset: 65, msg: 1 }, -1);
  trace.emit(
    105_800,
    'n2',
    'rpc_sent',
    {
      rpc: 'n2#1',
      toEndpoint: '10.0.0.1:4500/ff:03',
      reliable: true,
      deadlineUs: 700_000,
      replyTo: 11,
      digest: 22,
    },
    -1,
  );
  trace.emit(106_321, 'n1', 'packet_delivered', { ...frame, offset: 65 }, 0);
  trace.emit(110_000, 'n2', 'packet_sent', { ...frame, offset: 214, msg: 2 }, -1);
  trace.emit(
    200_000,
    '',
    'partition_created',
    { fault: 7, a: 'n1', b: 'n2', mode: 'one_way', durationUs: null, origin: 'explicit' },
    -1,
  );
  trace.emit(805_800, 'n2', 'rpc_failed', { rpc: 'n2#1', error: 'Timeout', latencyUs: 700_000 }, 1);
  trace.emit(
    900_000,
    'n2',
    'node_killed',
    { incarnation: 1, origin: 'chaos', connections: 1, listeners: 1 },
    -1,
  );
  trace.emit(
    900_000,
    'n2',
    'connection_reset',
    { conn: 1, peerNode: 'n1', step: 'rst_sent', reason: 'killed', origin: 'kill', dropped: 0 },
    6,
  );
  trace.emit(950_000, '', 'invariant_violated', { name: 'no-loss', message: 'reply lost' }, -1);
  index.ingest(trace.since(0).events);

  it('says who sent what to whom and when', () => {
    expect(describePacket(index, 0, 0)).toBe(
      'n2 → n1 request 149 B, sent 0.105\u2009757 s, arrived 0.106\u2009321 s',
    );
    expect(describePacket(index, 1, 0)).toBe(
      'n2 → n1 request 149 B, sent 0.110\u2009000 s, lost 0.900\u2009000 s (connection reset: killed)',
    );
  });

  it('describes RPCs, faults and marks', () => {
    expect(describeRpc(index, 0, 0)).toBe(
      'n2 call n2#1 → n1, sent 0.105\u2009800 s, failed after 700.0ms: Timeout',
    );
    expect(describeFault(index, index.faults[0]!)).toBe(
      'partition n1 → n2 (n1 to n2 cut, explicit): 0.200\u2009000 s → still on',
    );
    expect(index.marks.map(describeMark)).toEqual([
      'n2 killed at 0.900\u2009000 s (chaos)',
      'invariant no-loss violated at 0.950\u2009000 s: reply lost',
    ]);
  });
});
