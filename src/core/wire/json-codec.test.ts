/* The JSON message codec: byte-exact UTF-8 JSON, round trips, typed decode errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError, jsonCodec } from './json-codec';
import type { JsonValue } from './json-codec';

describe('jsonCodec', () => {
  it('encodes as the UTF-8 bytes of JSON.stringify', () => {
    expect(Array.from(jsonCodec.encode({ a: 'é', n: [1, null] }))).toEqual(
      Array.from(Buffer.from('{"a":"é","n":[1,null]}', 'utf8')),
    );
  });

  it('round-trips any JSON value (as JSON.parse(JSON.stringify(v)))', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (generated) => {
        const value = generated as JsonValue; // fast-check's type allows undefined-valued keys
        const bytes = jsonCodec.encode(value);
        expect(Buffer.from(bytes).equals(Buffer.from(JSON.stringify(value), 'utf8'))).toBe(true);
        expect(jsonCodec.decode(bytes)).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('returns a CodecError for invalid UTF-8 and for invalid JSON', () => {
    const badUtf8 = jsonCodec.decode(new Uint8Array([0x22, 0xc0, 0x80, 0x22]));
    expect(badUtf8).toBeInstanceOf(CodecError);
    expect(badUtf8).toMatchObject({ reason: 'InvalidUtf8', detail: 'at byte 1' });
    const badJson = jsonCodec.decode(Buffer.from('{"a":', 'utf8'));
    expect(badJson).toBeInstanceOf(CodecError);
    expect((badJson as CodecError).reason).toBe('InvalidJson');
    expect(jsonCodec.decode(new Uint8Array(0))).toBeInstanceOf(CodecError);
  });

  it('does not mistake a message that looks like an error for one', () => {
    const decoded = jsonCodec.decode(
      jsonCodec.encode({ reason: 'InvalidJson', detail: 'x', kind: 'x' }),
    );
    expect(decoded).not.toBeInstanceOf(CodecError);
    expect(decoded).toEqual({ reason: 'InvalidJson', detail: 'x', kind: 'x' });
  });

  it('throws on bigint, which is not a JSON value (documented)', () => {
    expect(() => jsonCodec.encode({ n: 1n } as never)).toThrow(TypeError);
  });
});
