/*
 * The trace hash: a running 64-bit hash (two independent 32-bit lanes) over
 * the canonical encoding of every event — the envelope (seq, timeUs, kind,
 * node), then each field in emission order as (key, type tag, value): 32-bit
 * integers as one word, other safe integers as two, strings by a 64-bit digest
 * of their UTF-16 code units, other numbers by the digest of their exact
 * decimal form. This is the engine's hottest path, so it builds no strings and
 * allocates nothing per event: each kind remembers the digests of the keys and
 * string values it saw last at each position (a pure cache — the hash is the
 * same whether a digest was remembered or computed). Knows nothing of what
 * events mean.
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

// Scratch words for the event being folded: [laneA, laneB, digestA, digestB].
// A typed array, because storing 32-bit words in module variables or object
// fields boxes them (one heap number per mix on the hottest path).
const W = new Int32Array(4);

function mix(word: number): void {
  W[0] = Math.imul((W[0] as number) ^ word, FNV_PRIME); // FNV-1a over words
  const b = Math.imul((W[1] as number) ^ word, MURMUR_M); // multiply-xorshift
  W[1] = b ^ (b >>> 15);
}

/** The 64-bit digest of `s` into W[2], W[3]. */
function digest(s: string): void {
  let a = Math.imul(0x811c9dc5 ^ s.length, FNV_PRIME);
  let b = s.length ^ MURMUR_M;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, FNV_PRIME);
    b = Math.imul(b ^ c, MURMUR_M);
    b ^= b >>> 15;
  }
  W[2] = a;
  W[3] = b;
}

// Longer string values alternate at a position (addresses of different
// connections, packet labels): a shared memo catches them. Pure cache, cleared
// when full (one-off strings such as request ids fill it).
const MEMO_MIN_LENGTH = 8;
const MEMO_MAX_ENTRIES = 8192;
const memo = new Map<string, number>(); // string → index into memoWords
const memoWords: number[] = [];

/** digest(s), remembered for strings long enough to be worth a lookup. */
function memoDigest(s: string): void {
  if (s.length < MEMO_MIN_LENGTH) return digest(s);
  const at = memo.get(s);
  if (at !== undefined) {
    W[2] = memoWords[at] as number;
    W[3] = memoWords[at + 1] as number;
    return;
  }
  digest(s);
  if (memo.size >= MEMO_MAX_ENTRIES) {
    memo.clear();
    memoWords.length = 0;
  }
  memo.set(s, memoWords.length);
  memoWords.push(W[2] as number, W[3] as number);
}

function mixString(s: string): void {
  digest(s);
  mix(W[2] as number);
  mix(W[3] as number);
}

/** What one kind remembers: its own digest, and per field position the last key and string value with their digests. */
export class KindDigests {
  readonly kindWord: number;
  private readonly keys: string[] = [];
  private readonly keyWords: number[] = [];
  private readonly values: (string | undefined)[] = [];
  private readonly valueWords: number[] = [];

  constructor(kind: string) {
    digest(kind);
    this.kindWord = W[2] as number;
  }

  keyWord(at: number, key: string): number {
    if (this.keys[at] !== key) {
      digest(key);
      this.keys[at] = key;
      this.keyWords[at] = W[2] as number;
    }
    return this.keyWords[at] as number;
  }

  mixStringValue(at: number, value: string): void {
    if (this.values[at] !== value) {
      memoDigest(value);
      this.values[at] = value;
      this.valueWords[2 * at] = W[2] as number;
      this.valueWords[2 * at + 1] = W[3] as number;
    }
    mix(this.valueWords[2 * at] as number);
    mix(this.valueWords[2 * at + 1] as number);
  }
}

export class TraceHasher {
  private readonly lanes = new Int32Array([0x811c9dc5 | 0, 0x9747b28c | 0]);

  fold(seq: number, timeUs: number, node: string, kind: KindDigests, fields: Readonly<Record<string, TraceValue>> | undefined): void {
    W[0] = this.lanes[0] as number;
    W[1] = this.lanes[1] as number;
    mixInteger(seq);
    mixInteger(timeUs);
    mix(kind.kindWord);
    mixString(node);
    if (fields !== undefined) {
      let at = 0;
      for (const key in fields) {
        mixField(kind, at, kind.keyWord(at, key), fields[key] as TraceValue);
        at++;
      }
      mix(at);
    }
    mix(EVENT_END);
    this.lanes[0] = W[0] as number;
    this.lanes[1] = W[1] as number;
  }

  /** 16 lowercase hex digits. */
  hex(): string {
    return hex8(this.lanes[0] as number) + hex8(this.lanes[1] as number);
  }
}

function mixInteger(value: number): void {
  if ((value | 0) === value) {
    mix(TAG_INT32);
    mix(value);
  } else {
    mix(TAG_INT53);
    mix(value | 0);
    mix(Math.floor(value / 0x1_0000_0000) | 0);
  }
}

function mixField(kind: KindDigests, at: number, keyWord: number, value: TraceValue): void {
  if (typeof value === 'number') {
    if ((value | 0) === value) {
      mix(keyWord ^ TAG_INT32);
      mix(value);
    } else if (Number.isSafeInteger(value)) {
      mix(keyWord ^ TAG_INT53);
      mix(value | 0);
      mix(Math.floor(value / 0x1_0000_0000) | 0);
    } else {
      mix(keyWord ^ TAG_NUMBER);
      mixString(String(value));
    }
  } else if (typeof value === 'string') {
    mix(keyWord ^ TAG_STRING);
    kind.mixStringValue(at, value);
  } else if (value === true) mix(keyWord ^ TAG_TRUE);
  else if (value === false) mix(keyWord ^ TAG_FALSE);
  else if (value === null) mix(keyWord ^ TAG_NULL);
  else mix(keyWord ^ TAG_OTHER); // not a TraceValue (a type hole at an emit site): still deterministic
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
