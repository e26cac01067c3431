/*
 * Corruption of a delivered chunk: k distinct bits flipped at random positions
 * (k geometric in 1..32 unless given), in a copy of the bytes. The positions
 * are returned so the trace can record them and tests can undo them. Knows
 * nothing of checksums: catching the damage is the wire layer's job.
 */
import { geometricCount, type Rng } from '../sim';

export const MAX_FLIPPED_BITS = 32;

export interface FlipResult {
  readonly bytes: Uint8Array;
  /** Bit indexes relative to the chunk start (bit i is byte i>>3, mask 1<<(i&7)), ascending. */
  readonly positions: number[];
}

/** Flips `bits` (or a geometric count of) distinct bits of a copy of `chunk`. */
export function flipBits(rng: Rng, chunk: Uint8Array, bits?: number): FlipResult {
  const totalBits = chunk.length * 8;
  const wanted = bits ?? geometricCount(rng, MAX_FLIPPED_BITS);
  const count = Math.max(0, Math.min(wanted, totalBits));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.below(totalBits));
  const positions = [...chosen].sort((x, y) => x - y);
  const bytes = chunk.slice();
  for (const bit of positions) bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
  return { bytes, positions };
}

/**
 * Flips the lowest bit of byte `atByte` of a copy of `chunk` (the caller makes
 * sure the chunk has it): a chosen flip, so a lesson or a bug report can aim at
 * the checksummed part of a frame instead of a random header bit.
 */
export function flipBitAtByte(chunk: Uint8Array, atByte: number): FlipResult {
  const bytes = chunk.slice();
  bytes[atByte] = (bytes[atByte] as number) ^ 1;
  return { bytes, positions: [atByte * 8] };
}

/** Compact trace text for positions: "3,17,250". */
export function formatPositions(positions: readonly number[]): string {
  return positions.join(',');
}
