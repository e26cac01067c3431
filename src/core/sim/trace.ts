/*
 * The run's trace: typed events `{ seq, timeUs, node, kind, cause, ...fields }`
 * (kinds and fields declared in trace-schema.ts), a running 64-bit hash over a
 * canonical encoding of every event, counts per kind, and a bounded ring
 * buffer of recent events for viewers. Memory stays bounded on long runs; the
 * hash always covers everything. Knows nothing of networks or protocols, nor
 * where causes come from: the sim hands each event its cause.
 */
import { TRACE_KINDS, type TraceKind } from './trace-kinds';
import type { TraceSchema } from './trace-schema';
import { KindDigests, TraceHasher } from './trace-hash';

export type TraceValue = string | number | boolean | null;
/** The fields of an event of kind `K`, as the schema declares them. */
export type TraceFieldsOf<K extends TraceKind> = TraceSchema[K];
/** Any kind's fields, as display code that is not specific to a kind reads them. */
export type TraceFields = Readonly<Record<string, TraceValue>>;

/** What every event has, whatever its kind (see trace-schema.ts for each field). */
export interface TraceEnvelope<K extends TraceKind = TraceKind> {
  readonly seq: number;
  /** Virtual time, µs since the run started. */
  readonly timeUs: number;
  /** The node the event happened on, or '' for the world (faults, the sim). */
  readonly node: string;
  readonly kind: K;
  /** Seq of the event that caused this one, -1 for none. */
  readonly cause: number;
}

/** An event of kind `K`: the envelope and its fields, flat (distributes over a union of kinds). */
export type TraceEventOf<K extends TraceKind> = K extends TraceKind
  ? TraceEnvelope<K> & Readonly<TraceSchema[K]>
  : never;
/** Any event: a union discriminated by `kind`. */
export type TraceEvent = TraceEventOf<TraceKind>;

/**
 * What listeners get: the envelope and the fields as the emitter passed them.
 * Not the flat TraceEvent — spreading the fields into a new object for every
 * event a checker looks at would be the trace's largest cost.
 */
export type TraceRecordOf<K extends TraceKind> = K extends TraceKind
  ? TraceEnvelope<K> & { readonly fields: Readonly<TraceSchema[K]> }
  : never;
export type TraceRecord = TraceRecordOf<TraceKind>;

export type TraceListener<K extends TraceKind = TraceKind> = (record: TraceRecordOf<K>) => void;

/** An event's fields without its envelope, for code that shows any kind the same way (the console, exports). */
export function fieldsOf(event: TraceEvent): TraceFields {
  const {
    seq: _seq,
    timeUs: _timeUs,
    node: _node,
    kind: _kind,
    cause: _cause,
    ...fields
  } = event as unknown as TraceEnvelope & TraceFields;
  return fields;
}

export const DEFAULT_TRACE_CAPACITY = 100_000;

/** What the trace keeps per kind: how many events, and who listens. */
interface KindState {
  count: number;
  /** In subscription order: an event only wakes the listeners that asked for its kind. */
  readonly listeners: TraceListener<never>[];
  readonly digests: KindDigests;
}

export class Trace {
  private ring: (TraceEvent | undefined)[];
  private ringCapacity: number;
  /** The first seq the ring was asked to keep (0, or when `keep` turned it on mid-run). */
  private keptFromSeq = 0;
  private nextSeq = 0;
  private readonly hasher = new TraceHasher();
  private readonly kinds = new Map<string, KindState>(
    TRACE_KINDS.map((kind) => [kind, { count: 0, listeners: [], digests: new KindDigests(kind) }]),
  );

  /** `capacity` 0 keeps no events (headless runs): only the hash, the counts and the listeners see them. */
  constructor(capacity = DEFAULT_TRACE_CAPACITY) {
    this.ringCapacity = capacity;
    this.ring = new Array<TraceEvent | undefined>(capacity);
  }

  /** How many events the ring keeps (0: none). */
  get capacity(): number {
    return this.ringCapacity;
  }

  /**
   * Keeps the last `capacity` events from now on, dropping what the ring held:
   * a run that went headless to a far moment starts keeping events where a
   * viewer needs them. Earlier events count as evicted in `since`.
   */
  keep(capacity: number): void {
    this.ringCapacity = capacity;
    this.ring = new Array<TraceEvent | undefined>(capacity);
    this.keptFromSeq = this.nextSeq;
  }

  /** Appends an event caused by event `cause` (-1: none), folds it into the hash; returns its seq. */
  emit<K extends TraceKind>(
    timeUs: number,
    node: string,
    kind: K,
    fields: TraceSchema[K],
    cause: number,
  ): number {
    const seq = this.nextSeq++;
    const state = this.kinds.get(kind) as KindState;
    state.count++;
    const flat = fields as TraceFields;
    this.hasher.fold(timeUs, node, state.digests, cause, flat);
    if (this.ringCapacity > 0)
      this.ring[seq % this.ringCapacity] = {
        seq,
        timeUs,
        node,
        kind,
        cause,
        ...flat,
      } as TraceEvent;
    const listeners = state.listeners as unknown as TraceListener<K>[];
    if (listeners.length === 0) return seq;
    const record = { seq, timeUs, node, kind, cause, fields } as unknown as TraceRecordOf<K>;
    for (let i = 0; i < listeners.length; i++) (listeners[i] as TraceListener<K>)(record);
    return seq;
  }

  /**
   * Calls `listener` for every event emitted from now on (invariant checkers,
   * recorders), or only for events of `kinds` — most checkers care about a few
   * kinds, and waking them for every event is a cost on the hot path.
   */
  subscribe<K extends TraceKind = TraceKind>(
    listener: TraceListener<K>,
    kinds: readonly K[] = TRACE_KINDS as readonly TraceKind[] as readonly K[],
  ): void {
    for (const kind of new Set(kinds)) {
      const state = this.kinds.get(kind);
      if (!state) throw new Error(`cannot subscribe to unknown trace kind "${kind}"`);
      state.listeners.push(listener as TraceListener<never>);
    }
  }

  /** Number of events emitted so far (also the seq the next event will get). */
  get length(): number {
    return this.nextSeq;
  }

  /** The seq of the oldest event the ring still holds (`length` when it holds none). */
  get firstKeptSeq(): number {
    return Math.max(this.keptFromSeq, this.nextSeq - this.capacity);
  }

  /** The trace hash: 16 lowercase hex digits. */
  hash(): string {
    return this.hasher.hex();
  }

  /**
   * Events with seq ≥ cursor still held in the ring (at most `max`, oldest
   * first), and how many older ones were evicted.
   */
  since(cursor: number, max = Infinity): { events: TraceEvent[]; evicted: number; next: number } {
    const oldest = this.firstKeptSeq;
    const from = Math.max(cursor, oldest);
    const events: TraceEvent[] = [];
    const end = Math.min(this.nextSeq, from + max);
    for (let seq = from; seq < end; seq++)
      events.push(this.ring[seq % this.capacity] as TraceEvent);
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
export function toTraceEvent<K extends TraceKind>(record: TraceRecordOf<K>): TraceEventOf<K> {
  const { fields, ...envelope } = record as TraceEnvelope & { fields: TraceFields };
  return { ...envelope, ...fields } as unknown as TraceEventOf<K>;
}

/**
 * A readable rendering of an event (JSON, keys in emission order) for logs and
 * exports. The hash (trace-hash.ts) folds the same fields in the same order,
 * typed; the seq is the event's position, so it is not folded.
 */
export function canonicalEncoding(event: TraceEvent): string {
  return JSON.stringify(event);
}
