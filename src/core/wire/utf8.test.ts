/*
 * UTF-8 encode/decode checked against Node's TextEncoder and a fatal TextDecoder
 * (what the browser's must also do), and the offset our own scan reports for
 * bad bytes checked against where a lossy decoder puts its first U+FFFD.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8Encode } from './utf8';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Node's verdict: the decoded string, or null when a fatal decoder rejects the bytes. */
function nodeDecode(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

function ours(bytes: Uint8Array): string | null {
  const r = utf8Decode(bytes);
  return typeof r === 'string' ? r : null;
}

// Arbitrary UTF-16, lone surrogates included.
const anyUtf16 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
  .map((u) => String.fromCharCode(...u));
const anyString = fc.oneof(fc.string({ unit: 'binary' }), anyUtf16);
// Byte soups that are often nearly valid: encoded characters mixed with random bytes.
const nearlyValidBytes = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 1 }).map((s) => Array.from(encoder.encode(s))),
      fc.nat(255).map((b) => [b]),
    ),
  )
  .map((parts) => new Uint8Array(parts.flat()));

describe('utf8Encode', () => {
  it('matches TextEncoder for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(Array.from(utf8Encode(s))).toEqual(Array.from(encoder.encode(s)));
      }),
      { numRuns: 1000 },
    );
  });

  it('encodes the boundary code points exactly', () => {
    expect(Array.from(utf8Encode('\u007f\u0080\u07ff\u0800\uffff'))).toEqual([
      0x7f, 0xc2, 0x80, 0xdf, 0xbf, 0xe0, 0xa0, 0x80, 0xef, 0xbf, 0xbf,
    ]);
    expect(Array.from(utf8Encode('\u{10000}\u{10ffff}'))).toEqual([
      0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf,
    ]);
    expect(Array.from(utf8Encode('\ud800x'))).toEqual([0xef, 0xbf, 0xbd, 0x78]);
  });
});

describe('utf8Decode', () => {
  it('keeps a leading byte-order mark (a payload must round-trip exactly)', () => {
    expect(utf8Decode(utf8Encode('\uFEFFhello'))).toBe('\uFEFFhello');
  });

  it('inverts utf8Encode (as TextDecoder does)', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        // ignoreBOM: a message codec must give back a leading U+FEFF too (TextDecoder strips it by default)
        expect(utf8Decode(utf8Encode(s))).toBe(
          new TextDecoder('utf-8', { ignoreBOM: true }).decode(encoder.encode(s)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts and rejects exactly what a fatal TextDecoder does', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyValidBytes, fc.uint8Array({ maxLength: 20 })), (bytes) => {
        expect(ours(bytes)).toBe(nodeDecode(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('reports the offset where the first bad sequence starts, on every 1-, 2- and 3-byte input', () => {
    const bytes = new Uint8Array(3);
    const check = (input: Uint8Array) => {
      const r = utf8Decode(input);
      if (typeof r === 'string') return;
      // A lossy decoder turns the first bad sequence into U+FFFD: what comes before it is the valid prefix.
      const lossy = lossyDecoder.decode(input);
      const before = lossy.slice(0, lossy.indexOf('\ufffd'));
      if (nodeDecode(input.subarray(0, r.offsetBytes)) !== before)
        expect([...input, r.offsetBytes]).toEqual([...input, 'offset of the first bad sequence']);
    };
    for (let a = 0; a < 256; a++) {
      bytes[0] = a;
      check(bytes.subarray(0, 1));
      for (let b = 0; b < 256; b++) {
        bytes[1] = b;
        check(bytes.subarray(0, 2));
        if (a < 0xe0 || a > 0xf4 || b < 0x70 || b > 0xcf) continue;
        for (let c = 0; c < 256; c++) {
          bytes[2] = c;
          check(bytes);
        }
      }
    }
  });

  it('reports the first bad offset in longer byte soups too', () => {
    fc.assert(
      fc.property(nearlyValidBytes, (bytes) => {
        const r = utf8Decode(bytes);
        if (typeof r === 'string') return;
        const lossy = lossyDecoder.decode(bytes);
        const firstBad = lossy.indexOf('\ufffd');
        // A literal U+FFFD in the input would be mistaken for the first bad sequence.
        fc.pre(nodeDecode(bytes.subarray(0, r.offsetBytes))?.includes('\ufffd') === false);
        expect(nodeDecode(bytes.subarray(0, r.offsetBytes))).toBe(lossy.slice(0, firstBad));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects overlongs, surrogates, out-of-range and truncated sequences with the offset', () => {
    const bad: [number[], number][] = [
      [[0x41, 0xc0, 0x80], 1], // overlong NUL
      [[0xe0, 0x80, 0x80], 0], // overlong 3-byte
      [[0xf0, 0x80, 0x80, 0x80], 0], // overlong 4-byte
      [[0xed, 0xa0, 0x80], 0], // encoded surrogate U+D800
      [[0xf4, 0x90, 0x80, 0x80], 0], // U+110000
      [[0x41, 0x42, 0xe2, 0x82], 2], // truncated €
      [[0x80], 0], // stray continuation
      [[0xc3, 0x41], 0], // missing continuation
    ];
    for (const [bytes, offsetBytes] of bad) {
      expect(utf8Decode(new Uint8Array(bytes))).toEqual({ kind: 'InvalidUtf8', offsetBytes });
    }
  });

  it('keeps a leading BOM and decodes long text across flush boundaries', () => {
    expect(utf8Decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
    const long = 'a€😀'.repeat(5000);
    expect(utf8Decode(utf8Encode(long))).toBe(long);
  });
});
