/* The inspector's tolerant frame view: exact fields for valid, corrupted and truncated frames. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFrame, serializeFrame } from './index';

const TOKEN = { first: 0x0102030405060708n, second: 0x1112131415161718n };
const FRAME = serializeFrame(TOKEN, new Uint8Array([0xaa, 0xbb])) as Uint8Array; // CRC32C 0x3EA1AF63

describe('describeFrame', () => {
  it('reads every field of a valid frame', () => {
    const d = describeFrame(FRAME);
    expect(d).toMatchObject({
      length: 26,
      crcHeader: 0x3ea1af63,
      crcComputed: 0x3ea1af63,
      token: TOKEN,
    });
    expect(Array.from(d.message)).toEqual([0xaa, 0xbb]);
  });

  it('shows a corrupted payload with its differing computed CRC', () => {
    const bad = FRAME.slice();
    bad[25] = 0xbc;
    const d = describeFrame(bad);
    expect(d.crcHeader).toBe(0x3ea1af63);
    expect(d.crcComputed).not.toBe(0x3ea1af63);
    expect(Array.from(d.message)).toEqual([0xaa, 0xbc]);
  });

  it('returns what a truncated frame holds', () => {
    expect(describeFrame(FRAME.subarray(0, 3))).toEqual({
      length: null,
      crcHeader: null,
      crcComputed: null,
      token: null,
      message: new Uint8Array(0),
    });
    const headerOnly = describeFrame(FRAME.subarray(0, 10));
    expect(headerOnly).toMatchObject({ length: 26, crcHeader: 0x3ea1af63, token: null });
    expect(headerOnly.message.length).toBe(0);
    const missingLast = describeFrame(FRAME.subarray(0, 25));
    expect(missingLast.token).toEqual(TOKEN);
    expect(Array.from(missingLast.message)).toEqual([0xaa]);
  });

  it('ignores bytes past the length field and a length field pointing outside the bytes', () => {
    expect(Array.from(describeFrame(new Uint8Array([...FRAME, 9, 9])).message)).toEqual([
      0xaa, 0xbb,
    ]);
    const shortLength = FRAME.slice();
    shortLength[0] = 3;
    expect(Array.from(describeFrame(shortLength).message)).toEqual([0xaa, 0xbb]);
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (garbage) => {
        expect(describeFrame(garbage).message.length).toBeLessThanOrEqual(
          Math.max(0, garbage.length - 24),
        );
      }),
    );
  });
});
