/*
 * The view's "Why?" handles point at the right trace events: a peer's
 * stateSeq at the transition that put it in its state, a packet's seq and
 * endSeq at its packet_sent and at the event that ended it, a call's seq and
 * endSeq at its rpc_sent and its outcome, a violation's seq at its
 * invariant_violated — and the same for the timeline's calls and marks. With
 * all of them at -1 every Why? button would hide; these tests would fail.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine';
import { makeSession, type Session } from '../core/session';
import type { TraceEvent } from '../core/sim';
import { packetKey } from '../core/peer/packet-id';
import { TimelineIndex } from './components/timeline/timeline-index';

function session(input: Parameters<typeof makeSession>[0]): Session {
  const made = makeSession(input);
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

function run(s: Session, untilUs: number) {
  const engine = createEngine(s, { viewer: true, traceCapacity: 2_000_000 });
  engine.runUntil({ timeUs: untilUs });
  const { events, evicted } = engine.traceSince(0);
  expect(evicted).toBe(0);
  return { engine, events, view: engine.view() };
}

describe('the view points Why? at the right events', () => {
  const { events, view } = run(
    session({ scenario: 'mesh', seed: 1n, chaos: 'corrupt' }),
    3_000_000,
  );
  const at = (seq: number) => events[seq] as TraceEvent;

  it('a peer’s stateSeq is the transition into its state', () => {
    const moved = view.peers.filter((p) => p.stateSeq >= 0);
    expect(moved.length).toBeGreaterThan(0);
    for (const p of moved) {
      const e = at(p.stateSeq);
      expect(
        e.kind === 'peer_state_changed' &&
          e.node === p.node &&
          e.peerAddr === p.remote &&
          e.toState === p.state,
        `peer ${p.node}>${p.remote}`,
      ).toBe(true);
    }
  });

  it('a packet’s seq is its packet_sent, and its endSeq the event that ended it', () => {
    expect(view.packets.length).toBeGreaterThan(0);
    for (const p of view.packets) {
      const sent = at(p.seq);
      expect(sent.kind === 'packet_sent' && packetKey(sent) === p.id, p.id).toBe(true);
      if (p.endSeq < 0) {
        expect(p.endUs).toBeNull();
        continue;
      }
      const end = at(p.endSeq);
      if (p.status === 'delivered')
        expect(end.kind === 'packet_delivered' && packetKey(end) === p.id).toBe(true);
      else if (p.status === 'corrupted')
        expect(end.kind === 'checksum_failed' || end.kind === 'wire_error').toBe(true);
      else expect(end.kind === 'connection_reset' && end.conn === p.conn).toBe(true);
      expect(end.timeUs).toBe(p.endUs);
    }
  });

  it('a call’s seq is its rpc_sent, and an ended call’s endSeq its outcome', () => {
    expect(view.recentRpcs.length).toBeGreaterThan(0);
    for (const r of [...view.rpcs, ...view.recentRpcs]) {
      const sent = at(r.seq);
      expect(sent.kind === 'rpc_sent' && sent.rpc === r.rpc).toBe(true);
    }
    for (const r of view.recentRpcs) {
      const end = at(r.endSeq);
      if (r.end === 'replied') expect(end.kind === 'rpc_replied' && end.rpc === r.rpc).toBe(true);
      else if (r.end === 'failed')
        expect(end.kind === 'rpc_failed' && end.rpc === r.rpc && end.error === r.error).toBe(true);
      else expect(end.kind === 'node_killed' && end.node === r.node).toBe(true);
    }
  });

  it('the timeline’s ended calls carry the same endSeq as the view', () => {
    const index = new TimelineIndex(view.nodes);
    index.ingest(events);
    const endSeqById = new Map(view.recentRpcs.map((r) => [r.rpc, r.endSeq]));
    let checked = 0;
    for (let i = 0; i < index.rpcs.count; i++) {
      const want = endSeqById.get(index.rpcs.ids[i] as string);
      if (want === undefined) continue;
      expect(index.rpcs.endSeq.data[i]).toBe(want);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('violations point at their invariant_violated', () => {
  it('in the view and in the timeline’s marks', () => {
    const { events, view } = run(
      session({ scenario: 'mesh', seed: 1n, chaos: 'calm', mutant: 'misroute-replies' }),
      1_000_000,
    );
    expect(view.violations.length).toBeGreaterThan(0);
    for (const v of view.violations) {
      const e = events[v.seq] as TraceEvent;
      expect(e.kind === 'invariant_violated' && e.name === v.name && e.node === v.node).toBe(true);
    }
    const index = new TimelineIndex(view.nodes);
    index.ingest(events);
    const marks = index.marksIn(0, Infinity).filter((m) => m.kind === 'violation');
    expect(marks.map((m) => m.seq)).toEqual(view.violations.map((v) => v.seq));
  });
});
