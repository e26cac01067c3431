/*
 * The fault state of the network as plain records: partitions (two-way,
 * one-way, isolations), clogs, latency spikes, per-pair latency overrides and
 * "next time" faults armed for a direction (corrupt the next chunk, fail the
 * next connect). Answers the questions delivery asks — is a→b blocked, clogged
 * until when, which latency model applies. Knows nothing of the sim, the
 * trace or connections: the fault controller schedules and records changes.
 */
import type { ConnectFaultMode, FaultOrigin, PartitionMode } from '../sim';
import type { LatencyModel } from './latency';

/** Who decided a fault; the trace's vocabulary (core/sim/trace-schema.ts). */
export type FaultCause = FaultOrigin;
export type { PartitionMode, ConnectFaultMode };

/** Host names; for an isolation `b` is ''. Times in µs; untilUs null = until healed. */
export interface PartitionFault {
  readonly kind: 'partition';
  readonly id: number;
  readonly a: string;
  readonly b: string;
  readonly mode: PartitionMode;
  readonly cause: FaultCause;
  readonly sinceUs: number;
  readonly untilUs: number | null;
}
export interface ClogFault {
  readonly kind: 'clog';
  readonly id: number;
  readonly a: string;
  readonly b: string;
  readonly cause: FaultCause;
  readonly sinceUs: number;
  readonly untilUs: number;
}
export interface SpikeFault {
  readonly kind: 'latency_spike';
  readonly id: number;
  readonly a: string;
  readonly b: string;
  readonly model: LatencyModel;
  readonly cause: FaultCause;
  readonly sinceUs: number;
  readonly untilUs: number;
}
export type Fault = PartitionFault | ClogFault | SpikeFault;

/**
 * How to corrupt the stream from→to: `bits` random bits (default geometric) of
 * the next chunk, or the low bit of byte `atByte` counted from the start of the
 * next chunk (it may lie in a later chunk: the stream is cut where chaos cuts it).
 */
export interface CorruptSpec {
  readonly bits?: number;
  readonly atByte?: number;
}

export interface Armed<T> {
  readonly value: T;
  readonly cause: FaultCause;
}

export class FaultTable {
  private nextId = 1;
  /** Insertion order is sim order, so iteration is deterministic. */
  private readonly active = new Map<number, Fault>();
  private readonly pairLatency = new Map<string, LatencyModel>();
  private readonly corruptions = new Map<string, Armed<CorruptSpec>[]>();
  private readonly connectFaults = new Map<string, Armed<ConnectFaultMode>[]>();

  add<F extends Fault>(fault: Omit<F, 'id'>): F {
    const record = { ...fault, id: this.nextId++ } as F;
    this.active.set(record.id, record);
    return record;
  }

  remove(id: number): Fault | undefined {
    const fault = this.active.get(id);
    this.active.delete(id);
    return fault;
  }

  get(id: number): Fault | undefined {
    return this.active.get(id);
  }

  /** Active faults sorted by id (creation order). */
  list(): Fault[] {
    return [...this.active.values()].sort((x, y) => x.id - y.id);
  }

  partitions(): PartitionFault[] {
    return this.list().filter((f): f is PartitionFault => f.kind === 'partition');
  }

  /** True when bytes from host `from` to host `to` cannot flow right now. */
  // Delivery asks these for every chunk; most of the time nothing is active, so
  // they answer that first instead of iterating and building pair keys.
  blocked(from: string, to: string): boolean {
    if (from === to || this.active.size === 0) return false;
    for (const f of this.active.values()) {
      if (f.kind !== 'partition') continue;
      if (f.mode === 'isolate' && (f.a === from || f.a === to)) return true;
      if (f.mode === 'one_way' && f.a === from && f.b === to) return true;
      if (f.mode === 'both' && ((f.a === from && f.b === to) || (f.a === to && f.b === from)))
        return true;
    }
    return false;
  }

  /** The latest end of an active clog from→to, or 0 when not clogged at `nowUs`. */
  clogUntilUs(from: string, to: string, nowUs: number): number {
    if (this.active.size === 0) return 0;
    let untilUs = 0;
    for (const f of this.active.values()) {
      if (f.kind === 'clog' && f.a === from && f.b === to && f.untilUs > nowUs)
        untilUs = Math.max(untilUs, f.untilUs);
    }
    return untilUs;
  }

  /** Spike (latest wins) > per-pair override > the network default. */
  latencyModel(from: string, to: string, fallback: LatencyModel): LatencyModel {
    if (this.active.size === 0 && this.pairLatency.size === 0) return fallback;
    let spike: SpikeFault | undefined;
    for (const f of this.active.values()) {
      if (f.kind === 'latency_spike' && samePair(f, from, to)) spike = f;
    }
    return spike?.model ?? this.pairLatency.get(pairKey(from, to)) ?? fallback;
  }

  setPairLatency(a: string, b: string, model: LatencyModel | null): void {
    if (model) this.pairLatency.set(pairKey(a, b), model);
    else this.pairLatency.delete(pairKey(a, b));
  }

  pairLatencies(): { a: string; b: string; model: LatencyModel }[] {
    return [...this.pairLatency.entries()]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([key, model]) => {
        const [a, b] = key.split('|') as [string, string];
        return { a, b, model };
      });
  }

  armCorruption(from: string, to: string, spec: CorruptSpec, cause: FaultCause): void {
    push(this.corruptions, `${from}>${to}`, { value: spec, cause });
  }

  /** A chosen-byte corruption that lies past the chunk just delivered waits, first in line, for the next one. */
  deferCorruption(from: string, to: string, armed: Armed<CorruptSpec>): void {
    const key = `${from}>${to}`;
    const list = this.corruptions.get(key);
    if (list) list.unshift(armed);
    else this.corruptions.set(key, [armed]);
  }

  /** The corruption armed for the next chunk from→to, consumed by this call. */
  takeCorruption(from: string, to: string): Armed<CorruptSpec> | undefined {
    return this.corruptions.size === 0 ? undefined : shift(this.corruptions, `${from}>${to}`);
  }

  armConnectFault(from: string, to: string, mode: ConnectFaultMode, cause: FaultCause): void {
    push(this.connectFaults, `${from}>${to}`, { value: mode, cause });
  }

  takeConnectFault(from: string, to: string): Armed<ConnectFaultMode> | undefined {
    return shift(this.connectFaults, `${from}>${to}`);
  }

  /** Armed one-shot faults not yet used, sorted by direction, for the fault view. */
  armed(): { kind: 'corrupt_next' | 'connect_fault'; from: string; to: string; detail: string }[] {
    const out: {
      kind: 'corrupt_next' | 'connect_fault';
      from: string;
      to: string;
      detail: string;
    }[] = [];
    for (const [key, list] of sortedEntries(this.corruptions)) {
      const [from, to] = key.split('>') as [string, string];
      for (const a of list)
        out.push({ kind: 'corrupt_next', from, to, detail: describeCorruptSpec(a.value) });
    }
    for (const [key, list] of sortedEntries(this.connectFaults)) {
      const [from, to] = key.split('>') as [string, string];
      for (const a of list) out.push({ kind: 'connect_fault', from, to, detail: a.value });
    }
    return out;
  }
}

function samePair(f: { a: string; b: string }, x: string, y: string): boolean {
  return (f.a === x && f.b === y) || (f.a === y && f.b === x);
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function shift<T>(map: Map<string, T[]>, key: string): T | undefined {
  const list = map.get(key);
  const value = list?.shift();
  if (list && list.length === 0) map.delete(key);
  return value;
}

function sortedEntries<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/** "3 bits", "random bits", "1 bit at byte 40" (the fault view's detail). */
function describeCorruptSpec(spec: CorruptSpec): string {
  if (spec.atByte !== undefined) return `1 bit at byte ${spec.atByte}`;
  return `${spec.bits ?? 'random'} bits`;
}
