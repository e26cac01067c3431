/*
 * UTF-8 encode and strict decode of JS strings. Core is compiled without the
 * DOM lib, so TextEncoder/TextDecoder are not available here. Encoding matches
 * TextEncoder (lone surrogates become U+FFFD); decoding matches a fatal
 * TextDecoder with BOM kept (overlong forms, surrogates, code points above
 * U+10FFFF, stray or missing continuation bytes are rejected). Knows nothing
 * about JSON or frames.
 */

import { allocBytes } from '../sim';

export type Utf8Error = { readonly kind: 'InvalidUtf8'; readonly offsetBytes: number };

const REPLACEMENT = 0xfffd;
/** Smallest code point allowed for a sequence with this many continuation bytes (rejects overlongs). */
const MIN_CODE_POINT = [0, 0x80, 0x800, 0x10000] as const;
/** Code units per String.fromCharCode call: well below engines' argument limits. */
const FLUSH_UNITS = 4096;

export function utf8Encode(text: string): Uint8Array {
  const ascii = asciiEncode(text);
  if (ascii !== null) return ascii;
  const bytes = allocBytes(utf8ByteLength(text));
  let at = 0;
  for (let i = 0; i < text.length;) {
    const cp = scalarAt(text, i);
    i += cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      bytes[at++] = cp;
    } else if (cp < 0x800) {
      bytes[at++] = 0xc0 | (cp >> 6);
      bytes[at++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      bytes[at++] = 0xe0 | (cp >> 12);
      bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[at++] = 0x80 | (cp & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (cp >> 18);
      bytes[at++] = 0x80 | ((cp >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
      bytes[at++] = 0x80 | (cp & 0x3f);
    }
  }
  return bytes;
}

/**
 * Messages are mostly ASCII JSON: one pass that copies code units straight to
 * bytes, giving up (null) at the first unit that needs more than one byte.
 */
function asciiEncode(text: string): Uint8Array | null {
  const bytes = allocBytes(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) return null;
    bytes[i] = unit;
  }
  return bytes;
}

function utf8ByteLength(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length;) {
    const cp = scalarAt(text, i);
    i += cp > 0xffff ? 2 : 1;
    total += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return total;
}

/** The Unicode scalar value at code unit `i`; a lone surrogate reads as U+FFFD. */
function scalarAt(text: string, i: number): number {
  const cp = text.codePointAt(i) as number;
  return cp >= 0xd800 && cp <= 0xdfff ? REPLACEMENT : cp;
}

export function utf8Decode(bytes: Uint8Array): string | Utf8Error {
  if (bytes.length <= FLUSH_UNITS && isAscii(bytes)) {
    // ASCII bytes are their own code units; a typed array is a valid argument list.
    return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  const parts: string[] = [];
  const units: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const cp = decodeScalarAt(bytes, i);
    if (cp < 0) return { kind: 'InvalidUtf8', offsetBytes: i };
    i += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (cp > 0xffff) units.push(0xd800 | ((cp - 0x10000) >> 10), 0xdc00 | (cp & 0x3ff));
    else units.push(cp);
    if (units.length >= FLUSH_UNITS) parts.push(String.fromCharCode(...units.splice(0)));
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
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
