import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../core/engine';
import { makeSession } from '../../../core/session';
import { parseScript } from '../../../core/intervention';
import { PeerStateSpans } from './peer-state-spans';
import { TimelineIndex } from './timeline-index';

describe('PeerStateSpans', () => {
  it('a lane shows the worst state of its peers, and nothing once its node is killed', () => {
    const spans = new PeerStateSpans();
    spans.changed(0, 'a', 'connecting', 0);
    spans.changed(0, 'a', 'connected', 10);
    spans.changed(0, 'b', 'connected', 12); // no change: still connected at worst
    spans.changed(0, 'b', 'backoff', 20);
    spans.changed(0, 'b', 'connected', 30);
    spans.killed(0, 40);
    const states = spans.spansIn(0, 0, 100).map((s) => [s.state, s.startUs, s.endUs]);
    expect(states).toEqual([
      ['connecting', 0, 10],
      ['connected', 10, 20],
      ['backoff', 20, 30],
      ['connected', 30, 40],
    ]);
    // Only what overlaps the window, found from the span that covers its start.
    expect(spans.spansIn(0, 25, 26).map((s) => s.state)).toEqual(['backoff']);
    expect(spans.spansIn(1, 0, 100)).toEqual([]);
  });
});

describe('the timeline index follows a real cut and heal', () => {
  it("ping-pong's client lane goes connected → backoff/connecting → connected around a cut", () => {
    const script = parseScript('1s_partition_n1_n2~4s_heal');
    if ('error' in script) throw new Error(script.error);
    const made = makeSession({ scenario: 'ping-pong', seed: 1n, script });
    if (!made.ok) throw new Error(made.errors.join());
    const engine = createEngine(made.session, { viewer: true });
    engine.runUntil({ timeUs: 12_000_000 });
    const index = new TimelineIndex(engine.view().nodes.map((n) => ({ name: n.name, ip: n.ip })));
    index.ingest(engine.traceSince(0).events);
    const client = index.lanes.indexOf('n2');
    const spans = index.peerStates.spansIn(client, 0, 12_000_000);
    const states = spans.map((s) => s.state);
    expect(states[0]).toBe('connecting');
    expect(states).toContain('backoff');
    expect(states[states.length - 1]).toBe('connected');
    const firstTrouble = spans.find((s) => s.state === 'backoff')!;
    expect(firstTrouble.startUs).toBeGreaterThan(1_000_000); // noticed after the cut…
    // …and up again only after the heal, once the connect it began during the cut has timed out.
    const healed = spans[spans.length - 1]!;
    expect(healed.startUs).toBeGreaterThan(4_000_000);
    expect(Number.isNaN(healed.endUs)).toBe(true);
  });
});
