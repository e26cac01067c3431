/*
 * The registry of named rng streams of one run. A stream is created the first
 * time it is named and is fully determined by (seed, name), never by the order
 * in which streams were created. Knows nothing about what draws from it.
 */
import { Rng } from './rng';

export class RngStreams {
  private readonly streams = new Map<string, Rng>();

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
    this.seedNow = seed;
    for (const rng of this.streams.values()) rng.reseed(seed);
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
