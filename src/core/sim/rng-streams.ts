/*
 * The registry of named rng streams of one run. A stream is created the first
 * time it is named and is fully determined by (seed, name), never by the order
 * in which streams were created. Knows nothing about what draws from it.
 */
import { Rng } from './rng';

export class RngStreams {
  private readonly streams = new Map<string, Rng>();

  constructor(readonly seed: bigint) {}

  /** The stream with this name, e.g. `network`, `faults`, `workload`, `ids`, `buggify`. */
  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      rng = new Rng(this.seed, name);
      this.streams.set(name, rng);
    }
    return rng;
  }
}
