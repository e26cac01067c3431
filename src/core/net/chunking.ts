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

/** The size of the next chunk when `remainingBytes` (> 0) of the write are left: each ≥ 1, the sizes of one write summing to its length. */
export function nextChunkSize(rng: Rng, remainingBytes: number, model: ChunkingModel): number {
  const capBytes = Math.min(remainingBytes, Math.max(1, model.maxChunkBytes));
  return capBytes > 1 && rng.chancePpm(model.splitPpm) ? rng.intBetween(1, capBytes - 1) : capBytes;
}
