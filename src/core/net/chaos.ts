/*
 * Chaos presets and the settings they expand to. A preset names a kind of
 * environment (calm, flaky, storm, corrupt, partitions); `deriveChaos` turns it
 * into a plain-data ChaosSettings object — every knob the network and the
 * chaos driver read — drawing some knobs from the seed within the preset's
 * ranges so different seeds explore different environments. The settings
 * travel with a session and are listed in the UI (describeChaos) so a seed is
 * explainable. Knows nothing of hosts or connections.
 */
import { formatUs, type Rng } from '../sim';
import type { ChunkingModel } from './chunking';
import { describeLatency, type LatencyModel } from './latency';

export const CHAOS_PRESETS = ['calm', 'flaky', 'storm', 'corrupt', 'partitions'] as const;
export type ChaosPreset = (typeof CHAOS_PRESETS)[number];

/** The faults the chaos driver schedules over time (bit flips and connect failures are per-event chances). */
export const CHAOS_FAULT_KINDS = [
  'partition',
  'one_way_partition',
  'isolate',
  'clog',
  'random_close',
  'kill',
  'latency_spike',
] as const;
export type ChaosFaultKind = (typeof CHAOS_FAULT_KINDS)[number];

export interface UsRange {
  readonly minUs: number;
  readonly maxUs: number;
}

export interface ChaosSettings {
  readonly preset: ChaosPreset;
  readonly latency: LatencyModel;
  readonly connectLatency: LatencyModel;
  readonly chunking: ChunkingModel;
  /** Chance that a delivered chunk gets bits flipped. */
  readonly bitFlipPpm: number;
  /** Chances that a connect's SYN is refused / lost (hangs). */
  readonly connectRefusePpm: number;
  readonly connectHangPpm: number;
  /** Mean time between random faults (exponential); 0 = no random faults. */
  readonly faultMeanIntervalUs: number;
  readonly faultWeights: Readonly<Record<ChaosFaultKind, number>>;
  readonly partitionUs: UsRange;
  readonly clogUs: UsRange;
  readonly spikeUs: UsRange;
  readonly spikeLatency: LatencyModel;
  /** A host killed by chaos is restarted after this long. */
  readonly restartDelayUs: UsRange;
  /** Share of random closes that are RST (else FIN), and that hit both sides (else one). */
  readonly closeAbortPpm: number;
  readonly closeBothSidesPpm: number;
  /** Chaos never has more hosts dead at once than this. */
  readonly maxDeadHosts: number;
  /** From this time on no new random fault starts (running ones end): a calm end for liveness checks. */
  readonly quietAfterUs: number | null;
}

const NO_FAULTS: Record<ChaosFaultKind, number> = {
  partition: 0,
  one_way_partition: 0,
  isolate: 0,
  clog: 0,
  random_close: 0,
  kill: 0,
  latency_spike: 0,
};

const MS = 1_000;
const SEGMENT_SIZES = [536, 1_460, 4_096, 16_384, 65_536];

export function isChaosPreset(text: string): text is ChaosPreset {
  return (CHAOS_PRESETS as readonly string[]).includes(text);
}

/** Every knob of `preset`, some drawn from `rng` (pass a dedicated stream, e.g. sim.rng('chaos-settings')). */
export function deriveChaos(
  preset: ChaosPreset,
  rng: Rng,
  options: { quietAfterUs?: number | null } = {},
): ChaosSettings {
  const r = (lo: number, hi: number): number => rng.intBetween(lo, hi);
  const range = (lo: number, hi: number, spanLo: number, spanHi: number): UsRange => {
    const minUs = r(lo, hi);
    return { minUs, maxUs: minUs + r(spanLo, spanHi) };
  };
  const lanMin = r(200, 1_000);
  const base: ChaosSettings = {
    preset,
    latency: { kind: 'uniform', minUs: lanMin, maxUs: lanMin + r(300, 3_000) },
    connectLatency: { kind: 'uniform', minUs: lanMin, maxUs: lanMin + r(300, 3_000) },
    chunking: { splitPpm: r(100_000, 500_000), maxChunkBytes: rng.pick(SEGMENT_SIZES) },
    bitFlipPpm: 0,
    connectRefusePpm: 0,
    connectHangPpm: 0,
    faultMeanIntervalUs: 0,
    faultWeights: NO_FAULTS,
    partitionUs: range(300 * MS, 1_000 * MS, 500 * MS, 3_000 * MS),
    clogUs: range(20 * MS, 100 * MS, 50 * MS, 400 * MS),
    spikeUs: range(200 * MS, 800 * MS, 300 * MS, 2_000 * MS),
    spikeLatency: { kind: 'exponential', minUs: r(10, 30) * MS, meanUs: r(30, 200) * MS },
    restartDelayUs: range(300 * MS, 1_000 * MS, 200 * MS, 2_000 * MS),
    closeAbortPpm: r(300_000, 700_000),
    closeBothSidesPpm: r(100_000, 400_000),
    maxDeadHosts: 1,
    quietAfterUs: options.quietAfterUs ?? null,
  };
  switch (preset) {
    case 'calm':
      return base;
    case 'flaky':
      return {
        ...base,
        latency: { kind: 'exponential', minUs: lanMin, meanUs: r(500, 3_000) },
        connectRefusePpm: r(50_000, 150_000),
        connectHangPpm: r(20_000, 80_000),
        faultMeanIntervalUs: r(400, 1_500) * MS,
        faultWeights: { ...NO_FAULTS, random_close: 1 },
      };
    case 'storm':
      return {
        ...base,
        latency: {
          kind: 'bimodal',
          fast: { minUs: lanMin, maxUs: lanMin + r(500, 3_000) },
          slow: { minUs: r(20, 50) * MS, maxUs: r(60, 250) * MS },
          slowPpm: r(10_000, 60_000),
        },
        bitFlipPpm: r(1_000, 8_000),
        connectRefusePpm: r(30_000, 100_000),
        connectHangPpm: r(20_000, 60_000),
        faultMeanIntervalUs: r(600, 1_500) * MS,
        faultWeights: {
          partition: r(2, 4),
          one_way_partition: r(1, 3),
          isolate: r(1, 2),
          clog: r(2, 4),
          random_close: r(2, 4),
          kill: r(1, 2),
          latency_spike: r(1, 3),
        },
      };
    case 'corrupt':
      return { ...base, bitFlipPpm: r(10_000, 60_000) };
    case 'partitions':
      return {
        ...base,
        faultMeanIntervalUs: r(400, 1_500) * MS,
        faultWeights: { ...NO_FAULTS, partition: r(2, 4), one_way_partition: r(1, 3), isolate: 1 },
      };
  }
}

/** The knobs as label/value rows for the environment panel; durations of unused fault kinds are left out. */
export function describeChaos(s: ChaosSettings): { knob: string; value: string }[] {
  const w = s.faultWeights;
  const rows: [string, string][] = [
    ['preset', s.preset],
    ['latency', describeLatency(s.latency)],
    ['connect latency (each way)', describeLatency(s.connectLatency)],
    [
      'chunking',
      `${percent(s.chunking.splitPpm)} of chunks cut short, max ${s.chunking.maxChunkBytes} bytes`,
    ],
    ['bit flips', s.bitFlipPpm > 0 ? `${percent(s.bitFlipPpm)} of delivered chunks` : 'off'],
    [
      'connect refused',
      s.connectRefusePpm > 0 ? `${percent(s.connectRefusePpm)} of connects` : 'off',
    ],
    ['connect hangs', s.connectHangPpm > 0 ? `${percent(s.connectHangPpm)} of connects` : 'off'],
    [
      'random faults',
      s.faultMeanIntervalUs > 0 ? `every ${formatUs(s.faultMeanIntervalUs)} on average` : 'off',
    ],
  ];
  const mix = CHAOS_FAULT_KINDS.filter((k) => w[k] > 0).map(
    (k) => `${k.replace(/_/g, ' ')} ×${w[k]}`,
  );
  if (s.faultMeanIntervalUs > 0 && mix.length > 0) rows.push(['fault mix', mix.join(', ')]);
  if (w.partition + w.one_way_partition + w.isolate > 0)
    rows.push(['partition length', formatRange(s.partitionUs)]);
  if (w.clog > 0) rows.push(['clog length', formatRange(s.clogUs)]);
  if (w.latency_spike > 0)
    rows.push([
      'latency spike',
      `${describeLatency(s.spikeLatency)} for ${formatRange(s.spikeUs)}`,
    ]);
  if (w.kill > 0)
    rows.push([
      'restart after kill',
      `${formatRange(s.restartDelayUs)}, at most ${s.maxDeadHosts} dead`,
    ]);
  if (w.random_close > 0) {
    rows.push([
      'random close',
      `${percent(s.closeAbortPpm)} abort (RST), ${percent(s.closeBothSidesPpm)} both sides`,
    ]);
  }
  rows.push(['quiet after', s.quietAfterUs === null ? 'never' : formatUs(s.quietAfterUs)]);
  return rows.map(([knob, value]) => ({ knob, value }));
}

function percent(ppm: number): string {
  return `${ppm / 10_000}%`;
}

function formatRange(r: UsRange): string {
  return `${formatUs(r.minUs)}–${formatUs(r.maxUs)}`;
}
