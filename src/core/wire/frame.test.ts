/* Whole-frame encode and strict decode: exact layout, round trips, limits, corruption. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_PAYLOAD_SIZE,
  HEADER_SIZE,
  MIN_FRAME_SIZE,
  TOKEN_SIZE,
  deserializeFrame,
  formatWireError,
  isWireError,
  serializeFrame,
} from './index';
import type { DecodedFrame, Token, WireError } from './index';

const U64_MAX = 2n ** 64n - 1n;
const tokenArb = fc.record({ first: fc.bigInt(0n, U64_MAX), second: fc.bigInt(0n, U64_MAX) });
// Mostly small messages, sometimes a few KiB.
const messageArb = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
);
const TOKEN: Token = { first: 0x0102030405060708n, second: 0x1112131415161718n };

function frameOf(token: Token, message: Uint8Array, max?: number): Uint8Array {
  const frame = serializeFrame(token, message, max);
  if (isWireError(frame)) throw new Error(formatWireError(frame));
  return frame;
}

function expectFrame(result: DecodedFrame | WireError, token: Token, message: Uint8Array): void {
  expect(isWireError(result)).toBe(false);
  const frame = result as DecodedFrame;
  expect(frame.token).toEqual(token);
  expect(Array.from(frame.message)).toEqual(Array.from(message));
}

describe('frame constants', () => {
  it('have the sizes of docs/wire.md', () => {
    expect(HEADER_SIZE).toBe(8);
    expect(TOKEN_SIZE).toBe(16);
    expect(MIN_FRAME_SIZE).toBe(24);
    expect(DEFAULT_MAX_PAYLOAD_SIZE).toBe(1048576);
  });
});

describe('serializeFrame', () => {
  it('lays out length, CRC32C, token and message little-endian', () => {
    const frame = frameOf(TOKEN, new Uint8Array([0xaa, 0xbb]));
    expect(Array.from(frame)).toEqual([
      26,
      0,
      0,
      0, // total length including the header
      0x63,
      0xaf,
      0xa1,
      0x3e, // CRC32C 0x3EA1AF63 over token ++ message
      8,
      7,
      6,
      5,
      4,
      3,
      2,
      1, // first u64 LE
      0x18,
      0x17,
      0x16,
      0x15,
      0x14,
      0x13,
      0x12,
      0x11, // second u64 LE
      0xaa,
      0xbb,
    ]);
  });

  it('accepts a payload of exactly the limit and rejects one byte more', () => {
    const atMax = new Uint8Array(DEFAULT_MAX_PAYLOAD_SIZE - TOKEN_SIZE).fill(7);
    const frame = frameOf(TOKEN, atMax);
    expect(frame.length).toBe(HEADER_SIZE + DEFAULT_MAX_PAYLOAD_SIZE);
    expectFrame(deserializeFrame(frame), TOKEN, atMax);
    const overMax = new Uint8Array(DEFAULT_MAX_PAYLOAD_SIZE - TOKEN_SIZE + 1);
    expect(serializeFrame(TOKEN, overMax)).toEqual({
      kind: 'PacketTooLarge',
      size: DEFAULT_MAX_PAYLOAD_SIZE + 1,
      max: DEFAULT_MAX_PAYLOAD_SIZE,
    });
  });

  it('enforces any configured limit at exactly max and max+1', () => {
    fc.assert(
      fc.property(tokenArb, fc.integer({ min: TOKEN_SIZE, max: 600 }), (token, max) => {
        const atMax = new Uint8Array(max - TOKEN_SIZE).fill(1);
        expectFrame(deserializeFrame(frameOf(token, atMax, max), max), token, atMax);
        const over = new Uint8Array(max - TOKEN_SIZE + 1);
        expect(serializeFrame(token, over, max)).toEqual({
          kind: 'PacketTooLarge',
          size: max + 1,
          max,
        });
      }),
    );
  });

  it('throws RangeError for tokens outside u64 and for impossible limits', () => {
    const empty = new Uint8Array(0);
    expect(() => serializeFrame({ first: -1n, second: 0n }, empty)).toThrow(RangeError);
    expect(() => serializeFrame({ first: 0n, second: 2n ** 64n }, empty)).toThrow(RangeError);
    expect(() => serializeFrame(TOKEN, empty, TOKEN_SIZE - 1)).toThrow(RangeError);
    expect(() => serializeFrame(TOKEN, empty, TOKEN_SIZE + 0.5)).toThrow(RangeError);
  });
});

describe('deserializeFrame', () => {
  it('round-trips any token and message', () => {
    fc.assert(
      fc.property(tokenArb, messageArb, (token, message) => {
        const frame = frameOf(token, message);
        expect(frame.length).toBe(HEADER_SIZE + TOKEN_SIZE + message.length);
        expectFrame(deserializeFrame(frame), token, message);
      }),
    );
  });

  it('returns the message as a view into the input, not a copy', () => {
    const frame = frameOf(TOKEN, new Uint8Array([1, 2, 3]));
    const decoded = deserializeFrame(frame) as DecodedFrame;
    expect(decoded.message.buffer).toBe(frame.buffer);
    expect(decoded.message.byteOffset).toBe(frame.byteOffset + 24);
  });

  it('is strict: truncated input needs data, trailing bytes are an invalid length', () => {
    const frame = frameOf(TOKEN, new Uint8Array([1, 2, 3]));
    expect(deserializeFrame(frame.subarray(0, 7))).toEqual({ kind: 'InsufficientData' });
    expect(deserializeFrame(frame.subarray(0, 26))).toEqual({ kind: 'InsufficientData' });
    const trailing = new Uint8Array([...frame, 0]);
    expect(deserializeFrame(trailing)).toEqual({ kind: 'InvalidLength', length: 27 });
  });

  it('reports the header and computed CRC on a checksum mismatch', () => {
    const frame = frameOf(TOKEN, new Uint8Array([0xaa, 0xbb]));
    frame[25] = 0xbc;
    expect(deserializeFrame(frame)).toEqual({
      kind: 'ChecksumMismatch',
      expected: 0x3ea1af63,
      actual: expect.any(Number),
    });
    expect((deserializeFrame(frame) as { actual: number }).actual).not.toBe(0x3ea1af63);
  });

  it('rejects every single-bit flip anywhere in a valid frame', () => {
    fc.assert(
      fc.property(tokenArb, messageArb, fc.nat(), (token, message, bitSeed) => {
        const frame = frameOf(token, message);
        const bit = bitSeed % (frame.length * 8);
        frame[bit >> 3]! ^= 1 << (bit & 7);
        const result = deserializeFrame(frame);
        // A flip never yields a frame at all, so never a different payload.
        expect(isWireError(result)).toBe(true);
        const expectedKinds =
          bit < 32 ? ['InsufficientData', 'InvalidLength', 'PacketTooLarge'] : ['ChecksumMismatch'];
        expect(expectedKinds).toContain((result as WireError).kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on garbage and only returns typed errors or frames', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (garbage) => {
        const result = deserializeFrame(garbage);
        if (isWireError(result)) expect(formatWireError(result)).toMatch(/\S/);
        else expect(garbage.length).toBeGreaterThanOrEqual(MIN_FRAME_SIZE);
      }),
    );
  });
});

describe('formatWireError', () => {
  it('gives one exact line per kind', () => {
    expect(formatWireError({ kind: 'InsufficientData' })).toBe(
      'insufficient data: the frame is not complete yet',
    );
    expect(formatWireError({ kind: 'ChecksumMismatch', expected: 0x3ea1af63, actual: 0xab })).toBe(
      'checksum mismatch: header says 0x3EA1AF63, payload hashes to 0x000000AB',
    );
    expect(formatWireError({ kind: 'InvalidLength', length: 3 })).toBe(
      'invalid frame length: the length field says 3 bytes',
    );
    expect(formatWireError({ kind: 'PacketTooLarge', size: 1048577, max: 1048576 })).toBe(
      'packet too large: payload of 1048577 bytes exceeds the limit of 1048576 bytes',
    );
  });
});
