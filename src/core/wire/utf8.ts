/*
 * UTF-8 encode and strict decode of JS strings, through the host's WHATWG
 * TextEncoder and a fatal TextDecoder that keeps a leading BOM. Every host the
 * core runs on (Node, browsers, Web Workers) has both, and the Encoding
 * standard fixes their output to the byte, so they are as deterministic as our
 * own code would be — and several times faster on the hot path, where every
 * message is encoded once and decoded once. Encoding turns lone surrogates into
 * U+FFFD; decoding rejects overlong forms, surrogates, code points above
 * U+10FFFF and stray or missing continuation bytes, and our own scan finds the
 * offset of the first bad sequence for the error. Knows nothing about JSON or
 * frames.
 */

import { fillBytes } from '../sim';

// Declared here, not through a lib: the core is checked without DOM or Node
// types, so that nothing else from a host can slip in.
interface HostTextEncoder {
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
}
interface HostTextDecoder {
  decode(bytes: Uint8Array): string;
}
declare const TextEncoder: new () => HostTextEncoder;
declare const TextDecoder: new (
  label: string,
  options: { fatal: boolean; ignoreBOM: boolean },
) => HostTextDecoder;

export type Utf8Error = { readonly kind: 'InvalidUtf8'; readonly offsetBytes: number };

const encoder = new TextEncoder();
// ignoreBOM: a message must round-trip exactly, leading U+FEFF included.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Smallest code point allowed for a sequence with this many continuation bytes (rejects overlongs). */
const MIN_CODE_POINT = [0, 0x80, 0x800, 0x10000] as const;
/** A UTF-16 code unit never takes more than 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 units). */
const MAX_BYTES_PER_UNIT = 3;

function encodeInto(into: Uint8Array, text: string): number {
  return encoder.encodeInto(text, into).written;
}

export function utf8Encode(text: string): Uint8Array {
  return fillBytes(text.length * MAX_BYTES_PER_UNIT, encodeInto, text);
}

export function utf8Decode(bytes: Uint8Array): string | Utf8Error {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return { kind: 'InvalidUtf8', offsetBytes: firstInvalidOffset(bytes) };
  }
}

/** Where the first sequence that is not well-formed UTF-8 starts (bytes.length if there is none). */
function firstInvalidOffset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const cp = decodeScalarAt(bytes, i);
    if (cp < 0) return i;
    i += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes.length;
}

/** The scalar value of the sequence starting at `i`, or -1 if it is not well-formed UTF-8. */
function decodeScalarAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  if (lead < 0x80) return lead;
  // 0x80..0xC1: stray continuation or a 2-byte overlong lead; above 0xF4: beyond U+10FFFF.
  const continuations = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc2 ? 1 : -1;
  if (continuations < 0 || lead > 0xf4 || i + continuations >= bytes.length) return -1;
  let cp = lead & (0x3f >> continuations);
  for (let k = 1; k <= continuations; k++) {
    const next = bytes[i + k] as number;
    if ((next & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (next & 0x3f);
  }
  const valid =
    cp >= MIN_CODE_POINT[continuations as 1 | 2 | 3] &&
    cp <= 0x10ffff &&
    (cp < 0xd800 || cp > 0xdfff);
  return valid ? cp : -1;
}
