/*
 * CRC32C (Castagnoli), the frame checksum, as an unsigned 32-bit number. A thin
 * wrapper so the rest of the wire layer never sees the `crc-32` package's signed
 * int32 results or its seed convention. Knows nothing about frames.
 */
import CRC32C from 'crc-32/crc32c';

/** CRC32C of `bytes` in 0..2^32-1. Works on subarray views without copying. */
export function crc32c(bytes: Uint8Array): number {
  return crc32cContinue(0, bytes);
}

/** CRC32C of `crcSoFar`'s bytes followed by `bytes`: a checksum over two arrays without joining them. */
export function crc32cContinue(crcSoFar: number, bytes: Uint8Array): number {
  // The package takes and returns signed int32s; `>>> 0` reinterprets the result as unsigned.
  return CRC32C.buf(bytes, crcSoFar | 0) >>> 0;
}
