/*
 * The run's trace: typed events `{ seq, timeUs, node, kind, ...fields }`, a
 * running 64-bit hash over a canonical encoding of every event, counts per
 * kind, and a bounded ring buffer of recent events for viewers. Memory stays
 * bounded on long runs; the hash always covers everything. Knows nothing of
 * networks or protocols: callers hand it plain field values.
 */
import { TRACE_KINDS, type TraceKind } from './trace-kinds';

export type TraceValue = string | number | boolean | null;
/** Extra fields of an event; the envelope's own keys are reserved (a compile error). */
export type TraceFields = Readonly<Record<string, TraceValue>> & {
  readonly seq?: never;
  readonly timeUs?: never;
  readonly node?: never;
  readonly kind?: never;
};

export interface TraceEvent {
  readonly seq: number;
  readonly timeUs: number;
  /** The node the event happened on, or '' for the world (faults, the sim). */
  readonly node: string;
  readonly kind: TraceKind;
  readonly [field: string]: TraceValue;
}

/**
 * What listeners get: the envelope and the fields as the emitter passed them.
 * Not the flat TraceEvent — spreading the fields into a new object for every
 * event a checker looks at would be the trace's largest cost.
 */
export interface TraceRecord {
  readonly seq: number;
  readonly timeUs: number;
  readonly node: string;
  readonly kind: TraceKind;
  readonly fields: Readonly<Record<string, TraceValue>>;
}

export type TraceListener = (record: TraceRecord) => void;

const NO_FIELDS: Readonly<Record<string, TraceValue>> = Object.freeze({});

export const DEFAULT_TRACE_CAPACITY = 100_000;

/** What the trace keeps per kind: how many events, and who listens. */
interface KindState {
  count: number;
  /** In subscription order: an event only wakes the listeners that asked for its kind. */
  readonly listeners: TraceListener[];
}

export class Trace {
  private readonly ring: (TraceEvent | undefined)[];
  private nextSeq = 0;
  private hashA = 0x811c9dc5; // two independent 32-bit lanes make the 64-bit hash
  private hashB = 0x9747b28c;
  private readonly kinds = new Map<string, KindState>(TRACE_KINDS.map((kind) => [kind, { count: 0, listeners: [] }]));

  /** `capacity` 0 keeps no events (headless runs): only the hash, the counts and the listeners see them. */
  constructor(readonly capacity = DEFAULT_TRACE_CAPACITY) {
    this.ring = new Array<TraceEvent | undefined>(capacity);
  }

  /** Appends an event and folds it into the hash. */
  emit(timeUs: number, node: string, kind: TraceKind, fields?: TraceFields): void {
    const seq = this.nextSeq++;
    const state = this.kinds.get(kind) as KindState;
    state.count++;
    this.foldEvent(seq, timeUs, node, kind, fields);
    if (this.capacity > 0) this.ring[seq % this.capacity] = fields === undefined ? { seq, timeUs, node, kind } : { seq, timeUs, node, kind, ...fields };
    const listeners = state.listeners;
    if (listeners.length === 0) return;
    const record: TraceRecord = { seq, timeUs, node, kind, fields: fields ?? NO_FIELDS };
    for (let i = 0; i < listeners.length; i++) (listeners[i] as TraceListener)(record);
  }

  /**
   * Calls `listener` for every event emitted from now on (invariant checkers,
   * recorders), or only for events of `kinds` — most checkers care about a few
   * kinds, and waking them for every event is a cost on the hot path.
   */
  subscribe(listener: TraceListener, kinds: readonly TraceKind[] = TRACE_KINDS): void {
    for (const kind of new Set(kinds)) {
      const state = this.kinds.get(kind);
      if (!state) throw new Error(`cannot subscribe to unknown trace kind "${kind}"`);
      state.listeners.push(listener);
    }
  }

  /** Number of events emitted so far (also the seq the next event will get). */
  get length(): number {
    return this.nextSeq;
  }

  /** The trace hash: 16 lowercase hex digits. */
  hash(): string {
    return hex8(this.hashA) + hex8(this.hashB);
  }

  /** Events with seq ≥ cursor still held in the ring, and how many older ones were evicted. */
  since(cursor: number): { events: TraceEvent[]; evicted: number; next: number } {
    const oldest = Math.max(0, this.nextSeq - this.capacity);
    const from = Math.max(cursor, oldest);
    const events: TraceEvent[] = [];
    for (let seq = from; seq < this.nextSeq; seq++) events.push(this.ring[seq % this.capacity] as TraceEvent);
    return { events, evicted: from - cursor, next: this.nextSeq };
  }

  /** Count of events per kind, sorted by kind name for stable output. */
  countsByKind(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const kind of [...this.kinds.keys()].sort()) {
      const count = (this.kinds.get(kind) as KindState).count;
      if (count > 0) out[kind] = count;
    }
    return out;
  }

  count(kind: TraceKind): number {
    return this.kinds.get(kind)?.count ?? 0;
  }

  /**
   * Folds one event into the hash from its canonical encoding: the envelope
   * (seq, timeUs, node, kind), then each field in emission order as (key, type
   * tag, value) — integers as two 32-bit words, strings by a 64-bit digest of
   * their UTF-16 code units, other numbers by the digest of their exact decimal
   * form — without building an intermediate string (the engine's hot path).
   */
  private foldEvent(seq: number, timeUs: number, node: string, kind: string, fields: TraceFields | undefined): void {
    hashA = this.hashA;
    hashB = this.hashB;
    foldInteger(seq);
    foldInteger(timeUs);
    foldString(node);
    foldString(kind);
    if (fields !== undefined) {
      for (const key in fields) {
        foldString(key);
        foldValue(fields[key] as TraceValue);
      }
    }
    this.hashA = Math.imul(hashA ^ 0x1e, 0x01000193) >>> 0; // event separator
    this.hashB = (hashB ^ (hashB >>> 16)) >>> 0;
  }
}

// Scratch lanes for foldEvent: module-level so the hot path allocates no closures
// (the fold is synchronous, so one Trace at a time uses them).
let hashA = 0;
let hashB = 0;

function mix(c: number): void {
  hashA = Math.imul(hashA ^ c, 0x01000193); // FNV-1a
  let k = Math.imul(c, 0xcc9e2d51); // murmur3 round
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  hashB ^= k;
  hashB = (Math.imul((hashB << 13) | (hashB >>> 19), 5) + 0xe6546b64) | 0;
}

function foldValue(value: TraceValue): void {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) foldInteger(value);
    else {
      mix(2);
      foldString(String(value));
    }
  } else if (typeof value === 'string') {
    mix(3);
    foldString(value);
  } else if (typeof value === 'boolean') mix(value ? 4 : 5);
  else mix(6); // null
}

function foldInteger(value: number): void {
  mix(1);
  mix(value | 0);
  mix(Math.floor(value / 0x1_0000_0000) | 0);
}

/**
 * Strings fold as a 64-bit digest (two independent 32-bit lanes over length
 * and code units). Short strings (keys, kinds, node names) are digested on the
 * spot — cheaper than a map lookup; longer ones that recur (addresses,
 * endpoints) are memoised. The memo is a pure cache: the fold is the same
 * whether a digest was cached or not.
 */
const DIGEST_MEMO_MAX = 16_384;
const DIGEST_MEMO_LENGTH_MIN = 24;
const DIGEST_MEMO_LENGTH_MAX = 96;
const digestMemo = new Map<string, number>(); // string → index into digestLanes
const digestLanes: number[] = [];

function foldString(s: string): void {
  if (s.length < DIGEST_MEMO_LENGTH_MIN) return foldDigest(s);
  const at = digestMemo.get(s);
  if (at !== undefined) {
    mix(digestLanes[at] as number);
    mix(digestLanes[at + 1] as number);
    return;
  }
  foldDigest(s);
  if (s.length <= DIGEST_MEMO_LENGTH_MAX) {
    if (digestMemo.size >= DIGEST_MEMO_MAX) {
      // One-off strings (request ids) fill the memo; start afresh so recurring ones get back in.
      digestMemo.clear();
      digestLanes.length = 0;
    }
    digestMemo.set(s, digestLanes.length);
    digestLanes.push(digestA, digestB);
  }
}

let digestA = 0;
let digestB = 0;

/** Computes the digest of `s` into digestA/digestB and folds it. */
function foldDigest(s: string): void {
  let a = Math.imul(0x811c9dc5 ^ s.length, 0x01000193);
  let b = s.length ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  digestA = a;
  digestB = b;
  mix(a);
  mix(b);
}

/** The flat event a record stands for (what the ring keeps and viewers read). */
export function toTraceEvent(record: TraceRecord): TraceEvent {
  return { seq: record.seq, timeUs: record.timeUs, node: record.node, kind: record.kind, ...record.fields };
}

/**
 * A readable rendering of an event (JSON, keys in emission order) for logs and
 * exports. The hash folds the same fields in the same order, typed.
 */
export function canonicalEncoding(event: TraceEvent): string {
  return JSON.stringify(event);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
