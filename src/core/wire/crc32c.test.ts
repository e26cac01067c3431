/* CRC32C wrapper: the standard check value, unsigned results, and views hashing like copies. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32c, crc32cContinue } from './crc32c';

const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('crc32c', () => {
  it('matches the CRC32C check value for "123456789"', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
  });

  it('is 0 for no bytes and unsigned for bytes whose CRC has the top bit set', () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
    // 0xE3069283 >= 2^31: the raw package result is negative, ours must not be.
    expect(crc32c(ascii('123456789'))).toBeGreaterThan(0x7fffffff);
  });

  it('hashes a subarray view exactly like a copy of it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = a % (bytes.length + 1);
        const end = start + (b % (bytes.length - start + 1));
        const view = bytes.subarray(start, end);
        expect(crc32c(view)).toBe(crc32c(view.slice()));
      }),
    );
  });

  it('continues a checksum over a second array exactly as over the two joined', () => {
    expect(crc32cContinue(crc32c(ascii('1234')), ascii('56789'))).toBe(0xe3069283);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), (a, b) => {
        const joined = new Uint8Array(a.length + b.length);
        joined.set(a);
        joined.set(b, a.length);
        expect(crc32cContinue(crc32c(a), b)).toBe(crc32c(joined));
      }),
    );
  });
});
