/*
 * Seeded pseudo-random numbers for the simulation: xoshiro128** (32-bit state
 * words, fast in JavaScript) seeded through splitmix64 from a u64 seed and a
 * stream name. Every consumer draws from its own *named stream* so that, for
 * example, a user cutting a link does not shift the latency draws of unrelated
 * links. This file knows nothing of what the numbers are used for; it must
 * never call Math.random.
 */
import { quoteInput } from './quote-input';

const MASK64 = (1n << 64n) - 1n;
export const U64_MAX = MASK64;

/** splitmix64: the standard way to expand one 64-bit seed into good state words. */
function splitmix64(state: bigint): { next: bigint; out: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return { next, out: z ^ (z >> 31n) };
}

/** FNV-1a over a stream name, so streams are independent of creation order. */
function nameHash64(name: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < name.length; i++) {
    h = ((h ^ BigInt(name.charCodeAt(i))) * 0x100000001b3n) & MASK64;
  }
  return h;
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** `seed` is any u64; `stream` names an independent sequence derived from it. */
  constructor(
    seed: bigint,
    readonly stream = '',
  ) {
    this.reseed(seed);
  }

  /**
   * Restarts this stream as if made from `seed` (same name): a reseed entry of
   * a session (docs/explorer.md) does this to every stream at one moment, in
   * place, because consumers hold their Rng for the whole run.
   */
  reseed(seed: bigint): void {
    let state = (seed ^ nameHash64(this.stream)) & MASK64;
    const words: number[] = [];
    while (words.length < 4) {
      const r = splitmix64(state);
      state = r.next;
      words.push(Number(r.out & 0xffffffffn), Number((r.out >> 32n) & 0xffffffffn));
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // all-zero state is a fixed point
  }

  /** Next uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform integer in [0, n) without modulo bias; n ≤ 2^32. */
  below(n: number): number {
    if (!(n >= 1 && n <= 0x1_0000_0000 && Number.isInteger(n))) {
      throw new RangeError(`Rng.below: n must be an integer in [1, 2^32], got ${n}`);
    }
    if (n === 1) return 0;
    if (n === 0x1_0000_0000) return this.nextU32();
    // Unsigned 32-bit operands throughout, so the engine can use integer
    // division: 2^32 mod n is (2^32 − n) mod n, and 2^32 − n is (−n >>> 0).
    const m = n >>> 0;
    const limit = 0x1_0000_0000 - ((-m >>> 0) % m); // largest multiple of n
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return (x % m) >>> 0;
    }
  }

  /** Uniform integer in [lo, hi], both inclusive. Works for spans up to 2^53. */
  intBetween(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`Rng.intBetween: empty range [${lo}, ${hi}]`);
    const span = hi - lo + 1;
    if (span <= 0x1_0000_0000) return lo + this.below(span);
    const highWords = Math.ceil(span / 0x1_0000_0000);
    for (;;) {
      const x = this.below(highWords) * 0x1_0000_0000 + this.nextU32();
      if (x < span) return lo + x;
    }
  }

  /** True with probability ppm / 1,000,000 (parts per million, an integer). */
  chancePpm(ppm: number): boolean {
    if (ppm <= 0) return false;
    if (ppm >= 1_000_000) return true;
    return this.below(1_000_000) < ppm;
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty array');
    return items[this.below(items.length)] as T;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Parses a decimal u64 seed; returns an error message for anything else. */
export function parseSeed(text: string): bigint | { error: string } {
  const trimmed = text.trim();
  if (!/^\d{1,20}$/.test(trimmed)) {
    return {
      error: `seed must be a decimal integer from 0 to ${MASK64}, got ${quoteInput(trimmed)}`,
    };
  }
  const value = BigInt(trimmed);
  if (value > MASK64) return { error: `seed ${trimmed} is larger than 2^64 - 1 (${MASK64})` };
  return value;
}
