/*
 * The run's trace: typed events `{ seq, timeUs, node, kind, ...fields }`, a
 * running 64-bit hash over a canonical encoding of every event, counts per
 * kind, and a bounded ring buffer of recent events for viewers. Memory stays
 * bounded on long runs; the hash always covers everything. Knows nothing of
 * networks or protocols: callers hand it plain field values.
 */
import type { TraceKind } from './trace-kinds';

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

export const DEFAULT_TRACE_CAPACITY = 100_000;

export class Trace {
  private readonly ring: (TraceEvent | undefined)[];
  private nextSeq = 0;
  private hashA = 0x811c9dc5; // two independent 32-bit lanes make the 64-bit hash
  private hashB = 0x9747b28c;
  private readonly counts = new Map<TraceKind, number>();
  private readonly listeners: ((event: TraceEvent) => void)[] = [];

  constructor(readonly capacity = DEFAULT_TRACE_CAPACITY) {
    this.ring = new Array<TraceEvent | undefined>(capacity);
  }

  /** Appends an event, folds it into the hash and returns it. */
  emit(timeUs: number, node: string, kind: TraceKind, fields: TraceFields = {}): TraceEvent {
    const event: TraceEvent = { seq: this.nextSeq++, timeUs, node, kind, ...fields };
    this.ring[event.seq % this.capacity] = event;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.foldEvent(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Calls `listener` for every event emitted from now on (invariant checkers, recorders). */
  subscribe(listener: (event: TraceEvent) => void): void {
    this.listeners.push(listener);
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
    for (const kind of [...this.counts.keys()].sort()) out[kind] = this.counts.get(kind) as number;
    return out;
  }

  count(kind: TraceKind): number {
    return this.counts.get(kind) ?? 0;
  }

  /**
   * Folds one event into the hash from its canonical encoding: each field in
   * emission order as (key, type tag, value) — integers as two 32-bit words,
   * strings by UTF-16 code unit, other numbers by their exact decimal form —
   * without building an intermediate string (this is the engine's hot path).
   */
  private foldEvent(event: TraceEvent): void {
    hashA = this.hashA;
    hashB = this.hashB;
    for (const key in event) {
      const value = event[key];
      foldText(key);
      if (typeof value === 'number') {
        if (Number.isSafeInteger(value)) {
          mix(1);
          mix(value | 0);
          mix(Math.floor(value / 0x1_0000_0000) | 0);
        } else {
          mix(2);
          foldText(String(value));
        }
      } else if (typeof value === 'string') {
        mix(3);
        foldText(value);
      } else if (typeof value === 'boolean') mix(value ? 4 : 5);
      else mix(6); // null
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

function foldText(s: string): void {
  mix(s.length);
  for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
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
