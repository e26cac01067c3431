import { describe, expect, it } from 'vitest';
import type { EngineView, LinkView, PacketView } from '../../../core/view';
import { computeLayout, isServerRole } from './layout';
import {
  faultsOn,
  keyedBy,
  laidOutKey,
  laidOutNodes,
  linkCommand,
  sameLinkFaults,
  sameRecord,
  structureKey,
  structureOf,
} from './model';
import {
  createPacketMemory,
  finishedWindowUs,
  packetsToDraw,
  packetTitle,
  progressAt,
  type DrawnPacket,
} from './packets';

const node = (name: string, role: string) => ({
  name,
  ip: `10.0.0.${name.slice(1)}`,
  role,
  alive: true,
  incarnation: 0,
});
const link = (a: string, b: string, extra: Partial<LinkView> = {}): LinkView => ({
  a,
  b,
  state: 'connected',
  connections: 1,
  partition: null,
  clogged: false,
  latencySpike: false,
  ...extra,
});
const packet = (extra: Partial<PacketView>): PacketView => ({
  id: '1:10.0.0.1:4500:0',
  conn: 1,
  fromNode: 'n1',
  toNode: 'n2',
  kind: 'request',
  bytes: 100,
  sentUs: 1000,
  deliverUs: 3000,
  endUs: null,
  status: 'in-flight',
  msg: 1,
  seq: 0,
  endSeq: -1,
  ...extra,
});
function view(
  timeUs: number,
  packets: PacketView[],
  links: LinkView[] = [link('n1', 'n2')],
): EngineView {
  return {
    scenario: 'ping-pong',
    seed: '1',
    chaos: 'calm',
    timeUs,
    events: 0,
    midInstant: false,
    traceHash: '',
    nodes: [node('n1', 'server'), node('n2', 'client')],
    links,
    peers: [],
    packets,
    rpcs: [],
    recentRpcs: [],
    faults: [],
    assertions: [],
    violations: [],
    liveness: { status: 'not judged', reason: 'test', judgedFromUs: null },
    mutant: null,
    environment: [],
  };
}

describe('layout', () => {
  it('puts a lone server in the middle of its clients, and is deterministic', () => {
    const nodes = [node('n1', 'server'), ...['n2', 'n3', 'n4', 'n5'].map((n) => node(n, 'client'))];
    const a = computeLayout(nodes, 1000, 500);
    expect(a.kind).toBe('star');
    expect(a.nodes.get('n1')).toMatchObject({ x: 500, hub: true });
    expect(computeLayout(nodes, 1000, 500)).toEqual(a);
    for (const p of a.nodes.values()) {
      expect(p.x - p.r).toBeGreaterThan(0);
      expect(p.y - p.r).toBeGreaterThan(0);
      expect(p.x + p.r).toBeLessThan(1000);
      expect(p.y + p.r).toBeLessThan(500);
    }
  });
  it('rings a mesh starting at the top, and sets pairs side by side', () => {
    const mesh = computeLayout(
      ['n1', 'n2', 'n3'].map((n) => node(n, 'peer')),
      800,
      400,
    );
    expect(mesh.kind).toBe('ring');
    const top = mesh.nodes.get('n1');
    expect(top?.x).toBeCloseTo(400);
    expect([...mesh.nodes.values()].every((p) => (top?.y ?? 0) <= p.y)).toBe(true);
    const pair = computeLayout([node('n1', 'server'), node('n2', 'client')], 800, 400);
    expect(pair.kind).toBe('pair');
    expect(pair.nodes.get('n1')?.y).toBe(pair.nodes.get('n2')?.y);
    expect(isServerRole('log server')).toBe(true);
    expect(isServerRole('observer')).toBe(false);
  });
});

describe('layout at scale', () => {
  // The drawing areas of a phone, a 1280×720 screen (short and wide), a 1024×768 projector and a desktop.
  const boxes: [number, number][] = [
    [360, 400],
    [360, 300],
    [870, 150],
    [870, 110],
    [1000, 290],
    [980, 270],
    [1400, 600],
  ];
  for (const count of [12, 20, 32])
    for (const [w, h] of boxes)
      it(`${count} nodes in ${w}×${h}: no two circles touch, all inside`, () => {
        const nodes = Array.from({ length: count }, (_, i) => node(`n${i + 1}`, 'peer'));
        const places = [...computeLayout(nodes, w, h).nodes.values()];
        for (const [i, p] of places.entries()) {
          expect(p.x - p.r).toBeGreaterThanOrEqual(0);
          expect(p.x + p.r).toBeLessThanOrEqual(w);
          for (const q of places.slice(i + 1))
            expect(Math.hypot(p.x - q.x, p.y - q.y), `${p.name}–${q.name}`).toBeGreaterThan(
              p.r + q.r,
            );
        }
      });
});

describe('link commands', () => {
  it('cuts both ways, one way a→b with shift, and heals a cut link', () => {
    const none = faultsOn({ a: 'n1', b: 'n2' }, []);
    expect(linkCommand(link('n1', 'n2'), false, none).action).toEqual({
      kind: 'partition',
      a: 'n1',
      b: 'n2',
      oneWay: false,
    });
    expect(linkCommand(link('n1', 'n2'), true, none).action).toEqual({
      kind: 'partition',
      a: 'n1',
      b: 'n2',
      oneWay: true,
    });
    const cut = faultsOn({ a: 'n1', b: 'n2' }, [
      {
        kind: 'partition',
        id: 1,
        cause: 'explicit',
        sinceUs: 0,
        a: 'n2',
        b: 'n1',
        oneWay: true,
        untilUs: null,
      },
    ]);
    expect(linkCommand(link('n1', 'n2', { partition: 'b>a' }), true, cut).action).toEqual({
      kind: 'heal',
      a: 'n1',
      b: 'n2',
    });
  });
  it('does not pretend to heal a link cut only by an isolation', () => {
    const iso = faultsOn({ a: 'n1', b: 'n2' }, [
      { kind: 'isolate', id: 1, cause: 'explicit', sinceUs: 0, host: 'n2', untilUs: null },
    ]);
    const cmd = linkCommand(link('n1', 'n2', { partition: 'both' }), false, iso);
    expect(cmd.action).toBeNull();
    expect(cmd.message).toMatch(/n2 is isolated/);
  });
  it('keys the structure, not the moment', () => {
    expect(structureKey(view(10, []))).toBe(structureKey(view(20, [packet({})])));
    expect(structureKey(view(10, []))).not.toBe(
      structureKey(view(10, [], [link('n1', 'n2', { partition: 'both' })])),
    );
  });
  it('hands back the same structure and laid-out nodes until their key changes', () => {
    const structure = keyedBy(structureKey, structureOf);
    const first = structure(view(10, []));
    expect(structure(view(20, [packet({})]))).toBe(first);
    const cut = view(30, [], [link('n1', 'n2', { partition: 'both' })]);
    expect(structure(cut)).not.toBe(first);
    expect(structure(cut).links).toBe(cut.links);
    const laidOut = keyedBy(laidOutKey, laidOutNodes);
    const nodes = laidOut(view(10, []));
    expect(laidOut(cut)).toBe(nodes);
    const down = view(40, []);
    expect(laidOut({ ...down, nodes: down.nodes.map((n) => ({ ...n, alive: false })) })).toBe(
      nodes,
    );
    expect(laidOut({ ...down, nodes: [node('n1', 'server')] })).toEqual([node('n1', 'server')]);
    expect(laidOut(null)).toEqual([]);
  });
});

describe('packets', () => {
  const layout = computeLayout([node('n1', 'server'), node('n2', 'client')], 800, 400);
  it('places a packet in flight by its real times', () => {
    expect(progressAt({ sentUs: 1000, deliverUs: 3000 }, 2000)).toBe(0.5);
    expect(progressAt({ sentUs: 1000, deliverUs: 3000 }, 9000)).toBe(1);
    const [a] = packetsToDraw(view(1000, [packet({})]), layout, 1e6, createPacketMemory());
    const [b] = packetsToDraw(view(2000, [packet({})]), layout, 1e6, createPacketMemory());
    const n1 = layout.nodes.get('n1')?.x ?? 0;
    const n2 = layout.nodes.get('n2')?.x ?? 0;
    expect(a?.x).toBeLessThan(n1 + 40);
    expect(b?.x).toBeCloseTo((n1 + n2) / 2, 0);
  });
  it('queues stalled packets on the sender side of the cut', () => {
    const cutView = view(
      5000,
      [
        packet({ status: 'stalled', deliverUs: null }),
        packet({ id: 'x', status: 'stalled', deliverUs: null, sentUs: 900 }),
      ],
      [link('n1', 'n2', { partition: 'a>b' })],
    );
    const drawn = packetsToDraw(cutView, layout, 1e6, createPacketMemory());
    const mid = ((layout.nodes.get('n1')?.x ?? 0) + (layout.nodes.get('n2')?.x ?? 0)) / 2;
    expect(drawn.every((d) => d.x < mid)).toBe(true);
    expect(drawn.find((d) => d.id === 'x')?.x).toBeLessThan(
      drawn.find((d) => d.id !== 'x')?.x ?? 0,
    );
  });
  it('shows a corrupted packet briefly, and a lost one where it was seen (or midway when it was not)', () => {
    const win = finishedWindowUs(2000, 1e3, true);
    const corrupted = packet({ status: 'corrupted' });
    expect(
      packetsToDraw(view(3000 + win / 2, [corrupted]), layout, 1e3, createPacketMemory()),
    ).toHaveLength(1);
    expect(
      packetsToDraw(view(3000 + win * 2, [corrupted]), layout, 1e3, createPacketMemory()),
    ).toHaveLength(0);
    const memory = createPacketMemory();
    // Never seen in flight (we jumped here): drawn midway at the time the engine says it was lost, then gone.
    const lostAt = (t: number) =>
      packetsToDraw(
        view(t, [packet({ status: 'lost', deliverUs: null, endUs: 2000 })]),
        layout,
        1e3,
        createPacketMemory(),
      );
    expect(lostAt(2000)).toHaveLength(1);
    expect(lostAt(2000 + win * 2)).toHaveLength(0);
    const [live] = packetsToDraw(view(2000, [packet({})]), layout, 1e3, memory);
    const [lost] = packetsToDraw(
      view(2100, [packet({ status: 'lost', deliverUs: null, endUs: 2050 })]),
      layout,
      1e3,
      memory,
    );
    expect(lost).toMatchObject({ status: 'lost', x: live?.x, y: live?.y });
  });
  it('lost packets stacked at one place share one "lost" word (stacked words read "lostststst")', () => {
    const lost = (id: string) => packet({ id, status: 'lost', deliverUs: null, endUs: 2000 });
    const drawn = packetsToDraw(
      view(2000, [lost('a'), lost('b'), lost('c')]),
      layout,
      1e3,
      createPacketMemory(),
    );
    expect(drawn).toHaveLength(3);
    expect(drawn.map((d) => d.wordless === true)).toEqual([false, true, true]);
  });
  it('keeps one delivery ripple per direction, keyed by the direction and showing its newest packet', () => {
    const older = packet({ id: 'a', status: 'delivered', deliverUs: 3000 });
    const newer = packet({
      id: 'b',
      status: 'delivered',
      sentUs: 2000,
      deliverUs: 4000,
      kind: 'reply',
      bytes: 40,
    });
    const back = packet({
      id: 'c',
      status: 'delivered',
      fromNode: 'n2',
      toNode: 'n1',
      deliverUs: 3500,
    });
    const drawn = packetsToDraw(
      view(4100, [older, newer, back]),
      layout,
      1e6,
      createPacketMemory(),
    );
    expect(drawn.map((d) => [d.key, d.id])).toEqual([
      ['ripple:n1>n2', 'b'],
      ['ripple:n2>n1', 'c'],
    ]);
    expect(packetTitle(drawn[0] as DrawnPacket)).toContain('reply · 40 B · n1 → n2\ndelivered');
    const [inFlight] = packetsToDraw(view(1500, [packet({})]), layout, 1e6, createPacketMemory());
    expect(inFlight?.key).toBe(inFlight?.id);
    expect(packetTitle(inFlight as DrawnPacket)).toContain(
      'in flight since 0.001\u2009000 s, arrives at 0.003\u2009000 s',
    );
  });
});

describe('redrawing links and nodes', () => {
  it('tells equal links, nodes and faults from changed ones, whatever objects a view brings', () => {
    expect(sameRecord(link('n1', 'n2'), link('n1', 'n2'))).toBe(true);
    expect(sameRecord(link('n1', 'n2'), link('n1', 'n2', { connections: 2 }))).toBe(false);
    expect(sameRecord(node('n1', 'server'), { ...node('n1', 'server'), alive: false })).toBe(false);
    const cut = () => [
      {
        kind: 'partition' as const,
        id: 1,
        cause: 'explicit' as const,
        sinceUs: 0,
        a: 'n1',
        b: 'n2',
        oneWay: false,
        untilUs: null,
      },
    ];
    expect(
      sameLinkFaults(faultsOn({ a: 'n1', b: 'n2' }, cut()), faultsOn({ a: 'n1', b: 'n2' }, cut())),
    ).toBe(true);
    expect(
      sameLinkFaults(
        faultsOn({ a: 'n1', b: 'n2' }, cut()),
        faultsOn({ a: 'n1', b: 'n2' }, [{ ...cut()[0]!, untilUs: 5 }]),
      ),
    ).toBe(false);
    expect(
      sameLinkFaults(faultsOn({ a: 'n1', b: 'n2' }, cut()), faultsOn({ a: 'n1', b: 'n2' }, [])),
    ).toBe(false);
  });
});
