/*
 * Small byte arrays carved from shared slabs. Every message makes a few small
 * Uint8Arrays (its encoding, its frame, the network's copy) and a typed array
 * above V8's on-heap limit (64 bytes) gets its own malloc'd, GC-tracked
 * backing store — a large cost on the hot path. Views into a 16 KiB slab cost
 * only the view. A slab stays alive while any view into it does; a view never
 * overlaps another, and every view starts zeroed like `new Uint8Array(n)`.
 * Deterministic (no reuse of live memory, no host APIs); knows nothing of
 * what the bytes are.
 */

const SLAB_BYTES = 16 * 1024;
/** Larger arrays are allocated on their own: they would waste a slab. */
const POOLED_MAX_BYTES = 1024;

let slab = new Uint8Array(SLAB_BYTES);
let usedBytes = 0;

/** A zeroed array of `length` bytes (a view into a slab when small). */
export function allocBytes(length: number): Uint8Array {
  if (length > POOLED_MAX_BYTES) return new Uint8Array(length);
  if (usedBytes + length > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    usedBytes = 0;
  }
  const bytes = slab.subarray(usedBytes, usedBytes + length);
  usedBytes += (length + 7) & ~7; // 8-byte aligned starts
  return bytes;
}

/**
 * Bytes written by `fill` into room for at most `maxLength` (it returns how
 * many it wrote), as one array that holds exactly those: for writers that learn
 * the length only by writing, such as a text encoder.
 */
export function fillBytes<A>(
  maxLength: number,
  fill: (into: Uint8Array, arg: A) => number,
  arg: A,
): Uint8Array {
  if (maxLength > POOLED_MAX_BYTES) {
    const own = new Uint8Array(maxLength);
    return own.slice(0, fill(own, arg));
  }
  if (usedBytes + maxLength > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    usedBytes = 0;
  }
  const length = fill(slab.subarray(usedBytes, usedBytes + maxLength), arg);
  const bytes = slab.subarray(usedBytes, usedBytes + length);
  usedBytes += (length + 7) & ~7;
  return bytes;
}

/** A private copy of `bytes`. */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  const copy = allocBytes(bytes.length);
  copy.set(bytes);
  return copy;
}
