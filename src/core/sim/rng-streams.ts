/*
 * The registry of named rng streams of one run. A stream is created the first
 * time it is named and is fully determined by (seed, name), never by the order
 * in which streams were created. Knows nothing about what draws from it.
 */
import { Rng } from './rng';

const MASK64 = (1n << 64n) - 1n;

/**
 * The seed streams draw from after the k-th reseed to `seed`: not `seed`
 * itself, or a seed-1 run reseeded to 1 would hand out its t = 0 draws again —
 * the same endpoint tokens (ids:*) twice in one run — and two reseeds to one
 * seed would repeat each other. k is the same for every branch of one parent,
 * so branches from different moments still share their random numbers.
 */
export function reseedKey(seed: bigint, k: number): bigint {
  return (seed ^ ((BigInt(k) * 0x9e3779b97f4a7c15n + 0x5eed_0f_b4a9c4n) & MASK64)) & MASK64;
}

export class RngStreams {
  private readonly streams = new Map<string, Rng>();

  private reseeds = 0;

  constructor(private seedNow: bigint) {}

  /** The seed streams are drawn from now (the run's, until a reseed). */
  get seed(): bigint {
    return this.seedNow;
  }

  /**
   * From now on every stream — existing ones, in place, and ones named later —
   * draws from `seed`: a deterministic "what else could have happened from here".
   */
  reseed(seed: bigint): void {
    this.seedNow = reseedKey(seed, ++this.reseeds);
    for (const rng of this.streams.values()) rng.reseed(this.seedNow);
  }

  /** The stream with this name, e.g. `network`, `faults`, `workload`, `ids`, `buggify`. */
  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      rng = new Rng(this.seedNow, name);
      this.streams.set(name, rng);
    }
    return rng;
  }
}
