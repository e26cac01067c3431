/*
 * Untrusted input as it may be echoed in an error message: control characters
 * (C0, DEL, C1) and the invisible line/paragraph separators and bidi controls
 * become visible escapes (`\x1b`, `\u202e`), so a message can neither drive a
 * terminal nor hide or reorder text; and it is clipped to 40 characters with
 * `…`, so a megabyte of input gives a short line. In sim so every layer of core
 * (time and seed parsing included) can use it. Knows nothing of where the
 * message goes.
 */

export const QUOTE_MAX_CHARS = 40;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` clipped to 40 characters (…) with control characters shown as escapes; no quotes. */
export function showInput(text: string, maxChars: number = QUOTE_MAX_CHARS): string {
  const chars = Array.from(text); // code points: a clip never splits a surrogate pair
  const kept = chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : text;
  return kept.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `showInput(text)` in double quotes: `"\x1b[31mRED"`. */
export function quoteInput(text: string, maxChars: number = QUOTE_MAX_CHARS): string {
  return `"${showInput(text, maxChars)}"`;
}
