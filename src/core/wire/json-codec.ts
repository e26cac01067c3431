/*
 * The message codec interface and the default codec: UTF-8 JSON, so packets
 * stay readable in the inspector. Messages are plain JSON values: no bigint
 * (JSON.stringify throws on it), no undefined, functions or class instances;
 * non-finite numbers encode as null and -0 as 0, as JSON.stringify does. Knows
 * nothing about frames or tokens.
 */
import { utf8Decode, utf8Encode } from './utf8';

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A class, not a `kind` object like WireError: decoded JSON may itself carry a
 * `kind` field, so only `instanceof` tells an error from a message.
 */
export class CodecError {
  constructor(
    readonly reason: 'InvalidUtf8' | 'InvalidJson',
    readonly detail: string,
  ) {}

  toString(): string {
    return `cannot decode message: ${this.reason} (${this.detail})`;
  }
}

export type Codec<T> = {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T | CodecError;
};

export const jsonCodec: Codec<JsonValue> = {
  encode(value) {
    return utf8Encode(JSON.stringify(value));
  },
  decode(bytes) {
    const text = utf8Decode(bytes);
    if (typeof text !== 'string')
      return new CodecError('InvalidUtf8', `at byte ${text.offsetBytes}`);
    try {
      return JSON.parse(text) as JsonValue;
    } catch (e) {
      return new CodecError('InvalidJson', e instanceof Error ? e.message : String(e));
    }
  },
};
