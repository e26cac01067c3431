/*
 * How one write is cut into chunks on the wire: TCP gives no guarantee that a
 * write arrives in one read, so the network splits writes at random points
 * (partial delivery) and caps chunk size like a segment size. Sizes come from
 * a per-direction rng stream. Knows nothing of delivery times or faults.
 */
import type { Rng } from '../sim';

export interface ChunkingModel {
  /** Chance (ppm) that a chunk is cut short at a random point before the cap. */
  readonly splitPpm: number;
  /** No chunk is larger than this, in bytes. */
  readonly maxChunkBytes: number;
}

export const DEFAULT_CHUNKING: ChunkingModel = { splitPpm: 250_000, maxChunkBytes: 16_384 };

/** Chunk sizes (each ≥ 1) summing to `totalBytes`, in stream order. */
export function chunkSizes(rng: Rng, totalBytes: number, model: ChunkingModel): number[] {
  const sizes: number[] = [];
  let remaining = totalBytes;
  while (remaining > 0) {
    const capBytes = Math.min(remaining, Math.max(1, model.maxChunkBytes));
    const size =
      capBytes > 1 && rng.chancePpm(model.splitPpm) ? rng.intBetween(1, capBytes - 1) : capBytes;
    sizes.push(size);
    remaining -= size;
  }
  return sizes;
}
