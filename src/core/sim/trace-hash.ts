/*
 * The trace hash: a running 64-bit hash (two independent 32-bit lanes) over
 * the canonical encoding of every event, in order — the envelope (time since
 * the previous event, kind, node, cause; the seq is the position itself, so
 * folding it would add nothing), then each field in emission order as (key, type tag, value): 32-bit
 * integers as one word, other safe integers as two, strings by a 64-bit digest
 * of their UTF-16 code units, other numbers by the digest of their exact
 * decimal form. This is the engine's hottest path, so it builds no strings and
 * allocates nothing per event: an event is first written out as 32-bit words
 * into a scratch buffer, then mixed in one tight loop; each kind remembers the
 * digests of the keys and string values it saw last at each position (a pure
 * cache — the hash is the same whether a digest was remembered or computed).
 * Knows nothing of what events mean.
 */
import type { TraceValue } from './trace';

const FNV_PRIME = 0x01000193;
const MURMUR_M = 0x5bd1e995;
const TAG_INT32 = 1;
const TAG_INT53 = 2;
const TAG_NUMBER = 3;
const TAG_STRING = 4;
const TAG_TRUE = 5;
const TAG_FALSE = 6;
const TAG_NULL = 7;
const TAG_OTHER = 8;
const EVENT_END = 0x1e;

/** The event being folded, as words. Typed arrays: 32-bit words in variables or fields would be boxed. */
const WORDS = new Int32Array(256);
/** Mixed early when this full, so any number of fields fits (a field is at most 4 words). */
const WORDS_FLUSH_AT = WORDS.length - 8;
/** The last digest computed: two words. */
const DIGEST = new Int32Array(2);

/** The 64-bit digest of `s` into DIGEST. */
function digest(s: string): void {
  let a = Math.imul(0x811c9dc5 ^ s.length, FNV_PRIME);
  let b = s.length ^ MURMUR_M;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, MURMUR_M);
    b ^= b >>> 15;
  }
  DIGEST[0] = a;
  DIGEST[1] = b;
}

// Longer string values alternate at a position (addresses of different
// connections, packet labels): a shared memo catches them. Pure cache, cleared
// when full (one-off strings such as request ids fill it).
const MEMO_MIN_LENGTH = 12; // addresses and endpoints; request ids ("n1#12345") are shorter and never recur
const MEMO_MAX_ENTRIES = 8192;
const memo = new Map<string, number>(); // string → index into memoWords
const memoWords: number[] = [];

/** digest(s), remembered for strings long enough to be worth a lookup. */
function memoDigest(s: string): void {
  if (s.length < MEMO_MIN_LENGTH) return digest(s);
  const at = memo.get(s);
  if (at !== undefined) {
    DIGEST[0] = memoWords[at] as number;
    DIGEST[1] = memoWords[at + 1] as number;
    return;
  }
  digest(s);
  if (memo.size >= MEMO_MAX_ENTRIES) {
    memo.clear();
    memoWords.length = 0;
  }
  memo.set(s, memoWords.length);
  memoWords.push(DIGEST[0] as number, DIGEST[1] as number);
}

/** Writes the digest of `s` at WORDS[n]; returns the next free index. */
function putString(n: number, s: string): number {
  digest(s);
  WORDS[n] = DIGEST[0] as number;
  WORDS[n + 1] = DIGEST[1] as number;
  return n + 2;
}

/** What one kind remembers: its own digest, and per field position the last key and string value with their digests. */
export class KindDigests {
  readonly kindWord: number;
  /** The key last seen at each field position, and its digest (read by the fold loop directly). */
  readonly keys: string[] = [];
  readonly keyWords: number[] = [];
  private readonly values: (string | undefined)[] = [];
  private readonly valueWords: number[] = [];

  constructor(kind: string) {
    digest(kind);
    this.kindWord = DIGEST[0] as number;
  }

  /** Remembers `key` at field position `at`: the first time, or when an event of this kind has other fields there. */
  learnKey(at: number, key: string): void {
    digest(key);
    this.keys[at] = key;
    this.keyWords[at] = DIGEST[0] as number;
  }

  /** Writes the digest of the string value at field position `at`; returns the next free index. */
  putStringValue(n: number, at: number, value: string): number {
    if (this.values[at] !== value) {
      memoDigest(value);
      this.values[at] = value;
      this.valueWords[2 * at] = DIGEST[0] as number;
      this.valueWords[2 * at + 1] = DIGEST[1] as number;
    }
    WORDS[n] = this.valueWords[2 * at] as number;
    WORDS[n + 1] = this.valueWords[2 * at + 1] as number;
    return n + 2;
  }
}

export class TraceHasher {
  private readonly lanes = new Int32Array([0x811c9dc5 | 0, 0x9747b28c | 0]);
  private lastTimeUs = 0;
  // Consecutive events often come from the same node: its digest is kept.
  private lastNode = '';
  private readonly nodeWords = new Int32Array(2);

  constructor() {
    this.rememberNode('');
  }

  fold(
    timeUs: number,
    node: string,
    kind: KindDigests,
    cause: number,
    fields: Readonly<Record<string, TraceValue>>,
  ): void {
    let n = putInteger(0, 0, timeUs - this.lastTimeUs);
    this.lastTimeUs = timeUs;
    WORDS[n++] = kind.kindWord;
    if (node !== this.lastNode) this.rememberNode(node);
    WORDS[n++] = this.nodeWords[0] as number;
    WORDS[n++] = this.nodeWords[1] as number;
    n = putInteger(n, 0, cause);
    n = this.putFields(n, kind, fields);
    WORDS[n++] = EVENT_END;
    this.mix(n);
  }

  /** Writes each field as (key, type tag, value), then the field count; returns the next free index. Written out inline: it runs for every field of every event. */
  private putFields(
    n: number,
    kind: KindDigests,
    fields: Readonly<Record<string, TraceValue>>,
  ): number {
    let at = 0;
    const keys = kind.keys;
    const keyWords = kind.keyWords;
    for (const key in fields) {
      if (keys[at] !== key) kind.learnKey(at, key);
      const keyWord = keyWords[at] as number;
      const value = fields[key];
      if (typeof value === 'number') {
        if ((value | 0) === value) {
          WORDS[n] = keyWord ^ TAG_INT32;
          WORDS[n + 1] = value;
          n += 2;
        } else n = putNumber(n, keyWord, value);
      } else if (typeof value === 'string') {
        WORDS[n] = keyWord ^ TAG_STRING;
        n = kind.putStringValue(n + 1, at, value);
      } else {
        WORDS[n++] =
          keyWord ^
          (value === true
            ? TAG_TRUE
            : value === false
              ? TAG_FALSE
              : value === null
                ? TAG_NULL
                : TAG_OTHER);
      }
      at++;
      if (n >= WORDS_FLUSH_AT) n = this.mix(n);
    }
    WORDS[n++] = at;
    return n;
  }

  /** 16 lowercase hex digits. */
  hex(): string {
    return hex8(this.lanes[0] as number) + hex8(this.lanes[1] as number);
  }

  private rememberNode(node: string): void {
    digest(node);
    this.lastNode = node;
    this.nodeWords[0] = DIGEST[0] as number;
    this.nodeWords[1] = DIGEST[1] as number;
  }

  /** Mixes WORDS[0, n) into the lanes (FNV-1a over words; multiply-xorshift); returns 0, the buffer's new length. */
  private mix(n: number): number {
    let a = this.lanes[0] as number;
    let b = this.lanes[1] as number;
    for (let i = 0; i < n; i++) {
      const word = WORDS[i] as number;
      a = Math.imul(a ^ word, FNV_PRIME);
      b = Math.imul(b ^ word, MURMUR_M);
      b ^= b >>> 15;
    }
    this.lanes[0] = a;
    this.lanes[1] = b;
    return 0;
  }
}

/** A safe integer under `tagBase` (a key's word, or 0 for the envelope): one word when it fits in 32 bits, else two. */
function putInteger(n: number, tagBase: number, value: number): number {
  if ((value | 0) === value) {
    WORDS[n] = tagBase ^ TAG_INT32;
    WORDS[n + 1] = value;
    return n + 2;
  }
  WORDS[n] = tagBase ^ TAG_INT53;
  WORDS[n + 1] = value | 0;
  WORDS[n + 2] = Math.floor(value / 0x1_0000_0000) | 0;
  return n + 3;
}

/** A number that is not a 32-bit integer: a safe integer as two words, anything else by the digest of its decimal form. */
function putNumber(n: number, keyWord: number, value: number): number {
  if (Number.isSafeInteger(value)) return putInteger(n, keyWord, value);
  WORDS[n] = keyWord ^ TAG_NUMBER;
  return putString(n + 1, String(value));
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
