import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, parseSeed, U64_MAX } from './rng';
import { RngStreams } from './rng-streams';
import { detLn } from './det-math';
import { exponentialUs, geometricCount } from './samplers';

describe('Rng', () => {
  it('is a pure function of (seed, stream)', () => {
    const a = new Rng(42n, 'network');
    const b = new Rng(42n, 'network');
    const drawsA = Array.from({ length: 100 }, () => a.nextU32());
    const drawsB = Array.from({ length: 100 }, () => b.nextU32());
    expect(drawsA).toEqual(drawsB);
    expect(new Set(drawsA).size).toBeGreaterThan(95);
  });

  it('gives different sequences for different seeds and streams', () => {
    const first = (seed: bigint, stream: string) => new Rng(seed, stream).nextU32();
    expect(first(42n, 'network')).not.toBe(first(43n, 'network'));
    expect(first(42n, 'network')).not.toBe(first(42n, 'faults'));
    expect(first(0n, '')).not.toBe(first(U64_MAX, ''));
  });

  it('keeps named streams independent: draws on one do not move another', () => {
    const streams1 = new RngStreams(7n);
    const streams2 = new RngStreams(7n);
    for (let i = 0; i < 1000; i++) streams1.stream('faults').nextU32(); // only run 1 draws faults
    const workload1 = Array.from({ length: 20 }, () => streams1.stream('workload').nextU32());
    const workload2 = Array.from({ length: 20 }, () => streams2.stream('workload').nextU32());
    expect(workload1).toEqual(workload2);
  });

  it('does not depend on stream creation order', () => {
    const s1 = new RngStreams(9n);
    s1.stream('a');
    const b1 = s1.stream('b').nextU32();
    const b2 = new RngStreams(9n).stream('b').nextU32();
    expect(b1).toBe(b2);
  });

  it('below(n) draws exactly what the plain rejection formula draws, for any n up to 2^32', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: U64_MAX }),
        fc.array(
          fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 0x1_0000_0000 })),
          { maxLength: 50 },
        ),
        (seed, ns) => {
          const fast = new Rng(seed, 's');
          const plain = new Rng(seed, 's');
          for (const n of ns) {
            if (n === 1) {
              expect(fast.below(1)).toBe(0); // no draw: there is only one answer
              continue;
            }
            const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
            let x = plain.nextU32();
            while (x >= limit) x = plain.nextU32();
            expect(fast.below(n)).toBe(x % n);
          }
        },
      ),
    );
  });

  it('below(n) stays in range and is roughly uniform', () => {
    const rng = new Rng(1n, 'u');
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.below(6)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
  });

  it('intBetween covers inclusive bounds, also for spans above 2^32', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: U64_MAX }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (seed, x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const v = new Rng(seed, 'p').intBetween(lo, hi);
          return Number.isInteger(v) && v >= lo && v <= hi;
        },
      ),
    );
    const rng = new Rng(3n, 'edge');
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(rng.intBetween(5, 7));
    expect([...seen].sort()).toEqual([5, 6, 7]);
  });

  it('chancePpm honours 0, 1e6 and the rate in between', () => {
    const rng = new Rng(5n, 'c');
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (rng.chancePpm(250_000)) hits++;
    expect(Math.abs(hits - 25_000)).toBeLessThan(800);
    expect(rng.chancePpm(0)).toBe(false);
    expect(rng.chancePpm(1_000_000)).toBe(true);
  });
});

describe('parseSeed', () => {
  it('accepts decimal u64 and rejects the rest with a message', () => {
    expect(parseSeed('42')).toBe(42n);
    expect(parseSeed('18446744073709551615')).toBe(U64_MAX);
    for (const bad of ['18446744073709551616', '-1', '0x10', '4.2', '', 'abc', '1e3']) {
      const r = parseSeed(bad);
      expect(typeof r).toBe('object');
      expect((r as { error: string }).error).toMatch(/seed/);
    }
  });
});

describe('deterministic samplers', () => {
  it('detLn matches Math.log closely (but never calls it)', () => {
    for (const x of [1e-9, 0.001, 0.5, 0.75, 1, 1.5, 2, 10, 12345.678]) {
      expect(detLn(x)).toBeCloseTo(Math.log(x), 12);
    }
    expect(() => detLn(0)).toThrow(RangeError);
  });

  it('exponentialUs has the requested mean and respects min and cap', () => {
    const rng = new Rng(11n, 'exp');
    let sum = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const v = exponentialUs(rng, 100, 1000, 20);
      expect(v).toBeGreaterThanOrEqual(100);
      expect(v).toBeLessThanOrEqual(100 + 20_000);
      sum += v - 100;
    }
    expect(Math.abs(sum / n - 1000)).toBeLessThan(30);
  });

  it('geometricCount is in [1, max] and halves per step', () => {
    const rng = new Rng(12n, 'g');
    const counts = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      const k = geometricCount(rng, 32);
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(32);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(Math.abs(counts.get(1)! - 20_000)).toBeLessThan(600);
    expect(Math.abs(counts.get(2)! - 10_000)).toBeLessThan(500);
  });
});
