/*
 * The run's trace: typed events `{ seq, timeUs, node, kind, ...fields }`, a
 * running 64-bit hash over a canonical encoding of every event, counts per
 * kind, and a bounded ring buffer of recent events for viewers. Memory stays
 * bounded on long runs; the hash always covers everything. Knows nothing of
 * networks or protocols: callers hand it plain field values.
 */
import { TRACE_KINDS, type TraceKind } from './trace-kinds';
import { KindDigests, TraceHasher } from './trace-hash';

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
  readonly digests: KindDigests;
}

export class Trace {
  private readonly ring: (TraceEvent | undefined)[];
  private nextSeq = 0;
  private readonly hasher = new TraceHasher();
  private readonly kinds = new Map<string, KindState>(TRACE_KINDS.map((kind) => [kind, { count: 0, listeners: [], digests: new KindDigests(kind) }]));

  /** `capacity` 0 keeps no events (headless runs): only the hash, the counts and the listeners see them. */
  constructor(readonly capacity = DEFAULT_TRACE_CAPACITY) {
    this.ring = new Array<TraceEvent | undefined>(capacity);
  }

  /** Appends an event and folds it into the hash. */
  emit(timeUs: number, node: string, kind: TraceKind, fields?: TraceFields): void {
    const seq = this.nextSeq++;
    const state = this.kinds.get(kind) as KindState;
    state.count++;
    this.hasher.fold(timeUs, node, state.digests, fields);
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
    return this.hasher.hex();
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
}

/** The flat event a record stands for (what the ring keeps and viewers read). */
export function toTraceEvent(record: TraceRecord): TraceEvent {
  return { seq: record.seq, timeUs: record.timeUs, node: record.node, kind: record.kind, ...record.fields };
}

/**
 * A readable rendering of an event (JSON, keys in emission order) for logs and
 * exports. The hash (trace-hash.ts) folds the same fields in the same order,
 * typed; the seq is the event's position, so it is not folded.
 */
export function canonicalEncoding(event: TraceEvent): string {
  return JSON.stringify(event);
}

