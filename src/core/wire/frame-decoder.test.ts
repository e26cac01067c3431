/* Streaming decoder: any chunking, corruption, garbage, early length checks, poisoning, no copies. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_PAYLOAD_SIZE,
  FrameDecoder,
  TOKEN_SIZE,
  isWireError,
  serializeFrame,
} from './index';
import type { DecodedFrame, Token, WireError } from './index';

const U64_MAX = 2n ** 64n - 1n;
const tokenArb = fc.record({ first: fc.bigInt(0n, U64_MAX), second: fc.bigInt(0n, U64_MAX) });
const messageArb = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
);
const framesArb = fc.array(fc.record({ token: tokenArb, message: messageArb }), {
  minLength: 1,
  maxLength: 6,
});
const TOKEN: Token = { first: 1n, second: 2n };
const WIRE_ERROR_KINDS = [
  'InsufficientData',
  'ChecksumMismatch',
  'InvalidLength',
  'PacketTooLarge',
];

function frameOf(token: Token, message: Uint8Array): Uint8Array {
  return serializeFrame(token, message) as Uint8Array;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** Splits `bytes` at the given cut points (any integers; reduced into range). */
function chunk(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, p)); // empty chunks included on purpose
    start = p;
  }
  return chunks;
}

/** Pushes each chunk and pulls every available frame after it; stops at the first hard error. */
function decodeAll(
  decoder: FrameDecoder,
  chunks: readonly Uint8Array[],
): (DecodedFrame | WireError)[] {
  const out: (DecodedFrame | WireError)[] = [];
  for (const c of chunks) {
    decoder.push(c);
    for (;;) {
      const r = decoder.nextFrame();
      if (isWireError(r) && r.kind === 'InsufficientData') break;
      out.push(r);
      if (isWireError(r)) return out;
    }
  }
  return out;
}

function header(lengthBytes: number): Uint8Array {
  const h = new Uint8Array(8);
  new DataView(h.buffer).setUint32(0, lengthBytes, true);
  return h;
}

describe('FrameDecoder', () => {
  it('decodes any chunking of a stream of frames to the same frames', () => {
    fc.assert(
      fc.property(
        framesArb,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.boolean(),
        (frames, cuts, oneByte) => {
          const stream = concat(frames.map((f) => frameOf(f.token, f.message)));
          const chunks = oneByte
            ? Array.from(stream, (_, i) => stream.subarray(i, i + 1))
            : chunk(stream, cuts);
          const decoder = new FrameDecoder();
          const out = decodeAll(decoder, chunks);
          expect(out.map((r) => (r as DecodedFrame).token)).toEqual(frames.map((f) => f.token));
          expect(out.map((r) => Array.from((r as DecodedFrame).message))).toEqual(
            frames.map((f) => Array.from(f.message)),
          );
          expect(decoder.nextFrame()).toEqual({ kind: 'InsufficientData' });
          expect(decoder.buffered).toBe(0);
        },
      ),
    );
  });

  it('decodes a 1 MiB frame fed one byte at a time (linear, not quadratic)', () => {
    const message = new Uint8Array(DEFAULT_MAX_PAYLOAD_SIZE - TOKEN_SIZE).map((_, i) => i * 7);
    const frame = frameOf(TOKEN, message);
    const decoder = new FrameDecoder();
    for (let i = 0; i < frame.length - 1; i++) {
      decoder.push(frame.subarray(i, i + 1));
      if (i % 4096 === 0) expect(decoder.nextFrame()).toEqual({ kind: 'InsufficientData' });
    }
    decoder.push(frame.subarray(frame.length - 1));
    const out = decoder.nextFrame() as DecodedFrame;
    expect(out.token).toEqual(TOKEN);
    expect(Buffer.from(out.message).equals(Buffer.from(message))).toBe(true);
  });

  it('returns a frame inside one chunk as a view into that chunk', () => {
    const stream = concat([
      frameOf(TOKEN, new Uint8Array([1, 2])),
      frameOf(TOKEN, new Uint8Array([3])),
    ]);
    const decoder = new FrameDecoder();
    decoder.push(stream);
    const second = [decoder.nextFrame(), decoder.nextFrame()][1] as DecodedFrame;
    expect(second.message.buffer).toBe(stream.buffer);
    expect(second.message.byteOffset).toBe(26 + 24);
    expect(Array.from(second.message)).toEqual([3]);
  });

  it('never yields a different payload after any single-bit flip, and stays poisoned', () => {
    fc.assert(
      fc.property(
        framesArb,
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 10 }),
        (frames, bitSeed, cuts) => {
          const first = frameOf(frames[0]!.token, frames[0]!.message);
          const bit = bitSeed % (first.length * 8);
          first[bit >> 3]! ^= 1 << (bit & 7);
          const rest = frames.slice(1).map((f) => frameOf(f.token, f.message));
          const decoder = new FrameDecoder();
          const out = decodeAll(decoder, chunk(concat([first, ...rest]), cuts));
          // The corrupted frame comes first, so nothing may be yielded before an error.
          if (out.length === 0) {
            // Only a flip that enlarged the length field can leave the decoder waiting.
            expect(bit).toBeLessThan(32);
            expect(decoder.nextFrame()).toEqual({ kind: 'InsufficientData' });
            return;
          }
          expect(out).toHaveLength(1);
          const error = out[0] as WireError;
          expect(isWireError(error)).toBe(true);
          if (bit >= 32) expect(error.kind).toBe('ChecksumMismatch');
          decoder.push(frameOf(TOKEN, new Uint8Array(3)));
          expect(decoder.nextFrame()).toBe(error);
          expect(decoder.error).toBe(error);
          expect(decoder.buffered).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on garbage in random chunks and returns only typed errors', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (garbage, cuts) => {
          const decoder = new FrameDecoder({ maxPayloadSize: 256 });
          for (const r of decodeAll(decoder, chunk(garbage, cuts))) {
            if (isWireError(r)) expect(WIRE_ERROR_KINDS).toContain(r.kind);
            else expect(r.message.length).toBeLessThanOrEqual(256 - TOKEN_SIZE);
          }
        },
      ),
    );
  });

  it('rejects a length below the minimum frame as soon as the 8-byte header is in', () => {
    for (let length = 0; length < 24; length++) {
      const decoder = new FrameDecoder();
      const h = header(length);
      decoder.push(h.subarray(0, 7));
      expect(decoder.nextFrame()).toEqual({ kind: 'InsufficientData' });
      decoder.push(h.subarray(7));
      expect(decoder.nextFrame()).toEqual({ kind: 'InvalidLength', length });
    }
  });

  it('accepts the minimum frame: a token and an empty message', () => {
    const decoder = new FrameDecoder();
    decoder.push(frameOf(TOKEN, new Uint8Array(0)));
    const out = decoder.nextFrame() as DecodedFrame;
    expect(out.token).toEqual(TOKEN);
    expect(out.message.length).toBe(0);
  });

  it('rejects a length above the limit right after the 8-byte header, without waiting', () => {
    const cases: [max: number | undefined, length: number, size: number][] = [
      [undefined, 8 + DEFAULT_MAX_PAYLOAD_SIZE + 1, DEFAULT_MAX_PAYLOAD_SIZE + 1],
      [undefined, 0xffffffff, 0xffffffff - 8],
      [100, 109, 101],
    ];
    for (const [max, length, size] of cases) {
      const decoder = new FrameDecoder(max === undefined ? {} : { maxPayloadSize: max });
      decoder.push(header(length));
      expect(decoder.nextFrame()).toEqual({
        kind: 'PacketTooLarge',
        size,
        max: max ?? DEFAULT_MAX_PAYLOAD_SIZE,
      });
    }
    const atLimit = new FrameDecoder({ maxPayloadSize: 100 });
    atLimit.push(header(108));
    expect(atLimit.nextFrame()).toEqual({ kind: 'InsufficientData' });
  });

  it('throws RangeError for an impossible configured limit', () => {
    expect(() => new FrameDecoder({ maxPayloadSize: 15 })).toThrow(RangeError);
    expect(() => new FrameDecoder({ maxPayloadSize: 0xffffffff })).toThrow(RangeError);
  });
});
