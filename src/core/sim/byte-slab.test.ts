/* Slab-carved byte arrays must behave like fresh ones: zeroed, private, the right size. */
import { describe, expect, it } from 'vitest';
import { allocBytes, copyBytes, fillBytes } from './byte-slab';

describe('byte slab', () => {
  it('hands out zeroed arrays that never overlap, across slab boundaries and for large sizes', () => {
    const arrays = Array.from({ length: 400 }, (_, i) => allocBytes(1 + ((i * 37) % 1500)));
    arrays.forEach((a, i) => {
      expect(a.length).toBe(1 + ((i * 37) % 1500));
      expect(a.every((b) => b === 0)).toBe(true);
      a.fill((i % 255) + 1);
    });
    arrays.forEach((a, i) => expect(a.every((b) => b === (i % 255) + 1)).toBe(true)); // nobody wrote into another's bytes
  });

  it('copies are independent of their source', () => {
    const source = new Uint8Array([1, 2, 3, 4]);
    const copy = copyBytes(source);
    source[0] = 9;
    expect([...copy]).toEqual([1, 2, 3, 4]);
  });

  it('fillBytes keeps exactly what the writer wrote, and the room it did not use stays free and zeroed', () => {
    const writeRun = (into: Uint8Array, n: number) => {
      into.fill(7, 0, n);
      return n;
    };
    const kept: Uint8Array[] = [];
    for (let i = 0; i < 300; i++) {
      const n = (i * 53) % 1200;
      const filled = fillBytes(n * 3 + 1, writeRun, n);
      expect(filled.length).toBe(n);
      expect(filled.every((b) => b === 7)).toBe(true);
      const after = allocBytes(16);
      expect(after.every((b) => b === 0)).toBe(true);
      after.fill(1);
      kept.push(filled);
    }
    expect(kept.every((a) => a.every((b) => b === 7))).toBe(true); // later arrays never overlapped earlier ones
  });
});
