/* Chaos presets, settings derivation, and the driver: every fault kind shows up; chaos ends calm. */
import { describe, expect, it } from 'vitest';
import { Rng, Sim, toTraceEvent, type TraceEvent } from '../sim';
import {
  CHAOS_PRESETS,
  deriveChaos,
  describeChaos,
  type ChaosPreset,
  type ChaosSettings,
} from './chaos';
import { Network } from './network';
import { startTraffic } from './test-kit';

function run(
  seed: bigint,
  preset: ChaosPreset,
  untilUs: number,
  tweak: (s: ChaosSettings) => ChaosSettings = (s) => s,
) {
  const sim = new Sim({ seed });
  const net = new Network(sim, { chaos: tweak(deriveChaos(preset, sim.rng('chaos-settings'))) });
  for (let i = 1; i <= 4; i++) net.addHost(`n${i}`, `10.0.0.${i}`);
  const log = startTraffic(sim, net, { maxWriteBytes: 200 });
  const seen: TraceEvent[] = [];
  sim.trace.subscribe(
    (e) =>
      void (e.kind !== 'bytes_sent' && e.kind !== 'bytes_delivered' && seen.push(toTraceEvent(e))),
  );
  sim.runUntil({ timeUs: untilUs });
  return { sim, net, log, seen };
}

/** The fault kinds of docs/network.md as they appear in the trace when chaos causes them. */
function faultKindsSeen(events: readonly TraceEvent[]): Set<string> {
  const kinds = new Set<string>();
  for (const e of events) {
    if (e.kind === 'partition_created' && e.origin === 'chaos') kinds.add(`partition:${e.mode}`);
    if (e.kind === 'clog_started' && e.origin === 'chaos') kinds.add('clog');
    if (e.kind === 'bits_flipped' && e.origin === 'chaos') kinds.add('bit_flip');
    if (e.kind === 'connection_closed' && e.step === 'fin_sent' && e.origin === 'chaos')
      kinds.add('random_close:graceful');
    if (e.kind === 'connection_reset' && e.step === 'rst_sent' && e.origin === 'chaos')
      kinds.add('random_close:abort');
    if (e.kind === 'connect_refused' && e.reason === 'chaos') kinds.add('connect_refused');
    if (e.kind === 'connect_hung' && e.reason === 'chaos') kinds.add('connect_hang');
    if (e.kind === 'node_killed' && e.origin === 'chaos') kinds.add('kill');
    if (e.kind === 'node_restarted' && e.origin === 'chaos') kinds.add('restart');
    if (e.kind === 'latency_spike_started' && e.origin === 'chaos') kinds.add('latency_spike');
  }
  return kinds;
}

const ALL_FAULT_KINDS = [
  'partition:both',
  'partition:one_way',
  'partition:isolate',
  'clog',
  'bit_flip',
  'random_close:graceful',
  'random_close:abort',
  'connect_refused',
  'connect_hang',
  'kill',
  'restart',
  'latency_spike',
];

describe('deriveChaos', () => {
  it('is a function of the rng: same seed same settings, other seeds explore other values', () => {
    for (const preset of CHAOS_PRESETS) {
      expect(deriveChaos(preset, new Rng(5n, 'c'))).toEqual(deriveChaos(preset, new Rng(5n, 'c')));
      const variants = new Set(
        [1n, 2n, 3n, 4n].map((s) => JSON.stringify(deriveChaos(preset, new Rng(s, 'c')))),
      );
      expect(variants.size).toBe(4);
    }
  });

  it('gives each preset its character', () => {
    const rng = new Rng(9n, 'c');
    const calm = deriveChaos('calm', rng);
    expect([
      calm.faultMeanIntervalUs,
      calm.bitFlipPpm,
      calm.connectRefusePpm,
      calm.connectHangPpm,
    ]).toEqual([0, 0, 0, 0]);
    const flaky = deriveChaos('flaky', rng);
    expect(flaky.faultWeights).toMatchObject({ random_close: 1, partition: 0, kill: 0 });
    expect(flaky.connectRefusePpm).toBeGreaterThan(0);
    expect(flaky.bitFlipPpm).toBe(0);
    const corrupt = deriveChaos('corrupt', rng);
    expect([corrupt.bitFlipPpm > 0, corrupt.faultMeanIntervalUs]).toEqual([true, 0]);
    const partitions = deriveChaos('partitions', rng);
    expect(partitions.faultWeights).toMatchObject({
      clog: 0,
      kill: 0,
      random_close: 0,
      latency_spike: 0,
    });
    expect(partitions.faultWeights.partition).toBeGreaterThan(0);
    const storm = deriveChaos('storm', rng, { quietAfterUs: 5_000_000 });
    expect(Object.values(storm.faultWeights).every((w) => w > 0)).toBe(true);
    expect(storm.quietAfterUs).toBe(5_000_000);
  });

  it('describes every knob for the environment panel', () => {
    const rows = describeChaos(deriveChaos('storm', new Rng(1n, 'c')));
    const knobs = rows.map((r) => r.knob);
    for (const k of [
      'preset',
      'latency',
      'bit flips',
      'connect refused',
      'fault mix',
      'partition length',
      'clog length',
      'restart after kill',
      'quiet after',
    ]) {
      expect(knobs).toContain(k);
    }
    expect(
      describeChaos(deriveChaos('calm', new Rng(1n, 'c'))).find((r) => r.knob === 'random faults')
        ?.value,
    ).toBe('off');
  });
});

describe('chaos driver', () => {
  it('storm over 20 seeds produces every fault kind', () => {
    const seen = new Set<string>();
    for (let seed = 1n; seed <= 20n; seed++)
      for (const k of faultKindsSeen(run(seed, 'storm', 10_000_000).seen)) seen.add(k);
    expect([...seen].sort()).toEqual([...ALL_FAULT_KINDS].sort());
  });

  it('calm injects nothing; corrupt only flips bits; partitions only partitions', () => {
    expect([...faultKindsSeen(run(3n, 'calm', 5_000_000).seen)]).toEqual([]);
    expect([...faultKindsSeen(run(3n, 'corrupt', 5_000_000).seen)]).toEqual(['bit_flip']);
    const kinds = faultKindsSeen(run(3n, 'partitions', 20_000_000).seen);
    expect([...kinds].every((k) => k.startsWith('partition:'))).toBe(true);
    expect(kinds.size).toBeGreaterThan(0);
  });

  it('leaves the network able to progress: after quietAfterUs nothing new starts, faults end, hosts come back', () => {
    const quietAfterUs = 5_000_000;
    const { sim, net, seen } = run(11n, 'storm', 20_000_000, (s) => ({ ...s, quietAfterUs }));
    const late = seen.filter((e) => e.timeUs >= quietAfterUs);
    expect(
      late.filter((e) =>
        [
          'partition_created',
          'clog_started',
          'latency_spike_started',
          'node_killed',
          'bits_flipped',
        ].includes(e.kind),
      ),
    ).toEqual([]);
    expect(
      late.filter(
        (e) =>
          'origin' in e &&
          e.origin === 'chaos' &&
          e.kind !== 'partition_healed' &&
          e.kind !== 'node_restarted',
      ),
    ).toEqual([]);
    expect(net.faultInfos()).toEqual([]);
    expect(net.hosts().every((h) => h.alive)).toBe(true);
    const before = sim.trace.count('bytes_delivered');
    sim.runUntil({ timeUs: 21_000_000 });
    expect(sim.trace.count('bytes_delivered')).toBeGreaterThan(before);
  });
});
