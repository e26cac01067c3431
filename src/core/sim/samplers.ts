/*
 * Integer samplers built on an Rng: the distributions the virtual network and
 * the workloads draw from. Results are integers (microseconds, counts); the
 * only floating point is correctly rounded arithmetic (see det-math.ts), so a
 * seed gives the same draws in every JavaScript engine. Knows nothing of
 * networks or time beyond "a number of microseconds".
 */
import { detLn } from './det-math';
import type { Rng } from './rng';

/** Uniform integer in [minUs, maxUs]. */
export function uniformUs(rng: Rng, minUs: number, maxUs: number): number {
  return rng.intBetween(minUs, maxUs);
}

/**
 * Exponentially distributed integer with the given mean, plus `minUs`, capped at
 * `minUs + capFactor * meanUs` so one unlucky draw cannot stall a run for hours.
 */
export function exponentialUs(rng: Rng, minUs: number, meanUs: number, capFactor = 20): number {
  // u in (0, 1]: 32 random bits, shifted away from zero.
  const u = (rng.nextU32() + 1) / 0x1_0000_0000;
  const draw = Math.round(-detLn(u) * meanUs);
  return minUs + Math.min(draw, capFactor * meanUs);
}

/** Mostly fast, rarely very slow: with probability slowPpm draw from the slow range. */
export function bimodalUs(
  rng: Rng,
  fast: { minUs: number; maxUs: number },
  slow: { minUs: number; maxUs: number },
  slowPpm: number,
): number {
  const range = rng.chancePpm(slowPpm) ? slow : fast;
  return rng.intBetween(range.minUs, range.maxUs);
}

/** Geometric count in [1, max]: each further unit with probability 1/2 (k bit flips). */
export function geometricCount(rng: Rng, max: number): number {
  let k = 1;
  while (k < max && (rng.nextU32() & 1) === 1) k++;
  return k;
}
