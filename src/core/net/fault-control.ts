/*
 * Applies faults to the network and records each in the trace with its
 * parameters: partitions (two-way, one-way, isolation) and heals, clogs,
 * latency spikes, per-pair latency, and one-shot faults armed for a direction
 * (corrupt the next chunk, fail the next connect). Faults with a duration end
 * on their own timer. After a heal, stalled pipes are woken in connection id
 * order. The same code serves explicit calls and chaos; only `cause` differs.
 * Knows nothing of how pipes deliver or how chaos picks its faults.
 */
import type { NetContext } from './context';
import type {
  ClogFault,
  ConnectFaultMode,
  CorruptSpec,
  FaultCause,
  PartitionFault,
  PartitionMode,
  SpikeFault,
} from './fault-table';
import { checkLatencyModel, describeLatency, type LatencyModel } from './latency';
import type { Link } from './link';

export interface FaultOptions {
  readonly cause?: FaultCause;
  /** Heal on its own after this many µs (default: until healed). */
  readonly durationUs?: number;
}

export class FaultControl {
  constructor(
    private readonly ctx: NetContext,
    /** Validates a host name (throws for unknown ones). */
    private readonly checkHost: (name: string) => void,
    /** Live links sorted by id. */
    private readonly links: () => readonly Link[],
  ) {}

  partition(
    a: string,
    b: string,
    mode: Exclude<PartitionMode, 'isolate'>,
    options: FaultOptions = {},
  ): number {
    this.checkPair(a, b);
    return this.addPartition(a, b, mode, options, '');
  }

  isolate(a: string, options: FaultOptions = {}): number {
    this.checkHost(a);
    return this.addPartition(a, '', 'isolate', options, a);
  }

  /** No names: every partition and isolation; one name: all involving it; two: those between them. */
  heal(a?: string, b?: string, cause: FaultCause = 'explicit'): number {
    if (a !== undefined) this.checkHost(a);
    if (b !== undefined) this.checkHost(b);
    const chosen = this.ctx.faults.partitions().filter((f) => healMatches(f, a, b));
    for (const f of chosen) this.removePartition(f, cause);
    if (chosen.length > 0) this.wakeStalled();
    return chosen.length;
  }

  /** Heals one partition or isolation by id; false if it is already gone. */
  healFault(id: number, cause: FaultCause = 'explicit'): boolean {
    const fault = this.ctx.faults.get(id);
    if (fault?.kind !== 'partition') return false;
    this.removePartition(fault, cause);
    this.wakeStalled();
    return true;
  }

  /**
   * Ends every fault with `cause` now — partitions healed, clogs released,
   * spikes ended — in fault id order: chaos going quiet undoes what it did.
   */
  endAll(cause: FaultCause): void {
    let healed = false;
    for (const f of this.ctx.faults
      .list()
      .filter((x) => x.cause === cause)
      .sort((x, y) => x.id - y.id)) {
      if (f.kind === 'partition') {
        this.removePartition(f, cause);
        healed = true;
      } else if (this.ctx.faults.remove(f.id)) {
        this.ctx.sim.emit('', f.kind === 'clog' ? 'clog_released' : 'latency_spike_ended', {
          fault: f.id,
          a: f.a,
          b: f.b,
        });
      }
    }
    if (healed) this.wakeStalled();
  }

  clog(a: string, b: string, durationUs: number, cause: FaultCause = 'explicit'): number {
    this.checkPair(a, b);
    checkDuration(durationUs);
    const now = this.ctx.sim.now();
    const fault = this.ctx.faults.add<ClogFault>({
      kind: 'clog',
      a,
      b,
      cause,
      sinceUs: now,
      untilUs: now + durationUs,
    });
    this.ctx.sim.emit('', 'clog_started', { fault: fault.id, a, b, durationUs, origin: cause });
    this.ctx.sim.schedule(durationUs, 'net:clog-end', () => {
      if (this.ctx.faults.remove(fault.id))
        this.ctx.sim.emit('', 'clog_released', { fault: fault.id, a, b });
    });
    return fault.id;
  }

  latencySpike(
    a: string,
    b: string,
    model: LatencyModel,
    durationUs: number,
    cause: FaultCause = 'explicit',
  ): number {
    this.checkPair(a, b);
    checkDuration(durationUs);
    checkLatencyModel(model);
    const now = this.ctx.sim.now();
    const fault = this.ctx.faults.add<SpikeFault>({
      kind: 'latency_spike',
      a,
      b,
      model,
      cause,
      sinceUs: now,
      untilUs: now + durationUs,
    });
    const fields = {
      fault: fault.id,
      a,
      b,
      model: describeLatency(model),
      durationUs,
      origin: cause,
    };
    this.ctx.sim.emit('', 'latency_spike_started', fields);
    this.ctx.sim.schedule(durationUs, 'net:spike-end', () => {
      if (this.ctx.faults.remove(fault.id))
        this.ctx.sim.emit('', 'latency_spike_ended', { fault: fault.id, a, b });
    });
    return fault.id;
  }

  setPairLatency(a: string, b: string, model: LatencyModel | null): void {
    this.checkPair(a, b);
    if (model) checkLatencyModel(model);
    this.ctx.faults.setPairLatency(a, b, model);
    this.ctx.sim.emit('', 'pair_latency_set', {
      a,
      b,
      model: model ? describeLatency(model) : null,
    });
  }

  /**
   * Corrupts the next chunk delivered from→to: `bits` random bits (default:
   * geometric 1..32), or the low bit of byte `atByte` of the chunk.
   */
  corruptNext(
    from: string,
    to: string,
    spec: CorruptSpec = {},
    cause: FaultCause = 'explicit',
  ): void {
    this.checkPair(from, to);
    const { bits, atByte } = spec;
    if (bits !== undefined && !(Number.isInteger(bits) && bits >= 1)) {
      throw new RangeError(`corrupt ${from} ${to}: bits must be a positive integer, got ${bits}`);
    }
    if (atByte !== undefined && !(Number.isSafeInteger(atByte) && atByte >= 0)) {
      throw new RangeError(`corrupt ${from} ${to}: the byte must be 0 or more, got ${atByte}`);
    }
    this.ctx.faults.armCorruption(from, to, spec, cause);
    this.ctx.sim.emit('', 'corruption_armed', {
      fromNode: from,
      toNode: to,
      bits: atByte !== undefined ? 1 : (bits ?? null),
      atByte: atByte ?? null,
      origin: cause,
    });
  }

  failNextConnect(
    from: string,
    to: string,
    mode: ConnectFaultMode,
    cause: FaultCause = 'explicit',
  ): void {
    this.checkPair(from, to);
    this.ctx.faults.armConnectFault(from, to, mode, cause);
    this.ctx.sim.emit('', 'connect_fault_armed', {
      fromNode: from,
      toNode: to,
      mode,
      origin: cause,
    });
  }

  private addPartition(
    a: string,
    b: string,
    mode: PartitionMode,
    options: FaultOptions,
    node: string,
  ): number {
    const cause = options.cause ?? 'explicit';
    const durationUs = options.durationUs ?? null;
    if (durationUs !== null) checkDuration(durationUs);
    const now = this.ctx.sim.now();
    const untilUs = durationUs === null ? null : now + durationUs;
    const fault = this.ctx.faults.add<PartitionFault>({
      kind: 'partition',
      a,
      b,
      mode,
      cause,
      sinceUs: now,
      untilUs,
    });
    this.ctx.sim.emit(node, 'partition_created', {
      fault: fault.id,
      a,
      b,
      mode,
      durationUs,
      origin: cause,
    });
    if (durationUs !== null)
      this.ctx.sim.schedule(durationUs, 'net:partition-end', () => this.healFault(fault.id, cause));
    return fault.id;
  }

  private removePartition(f: PartitionFault, cause: FaultCause): void {
    this.ctx.faults.remove(f.id);
    const node = f.mode === 'isolate' ? f.a : '';
    this.ctx.sim.emit(node, 'partition_healed', {
      fault: f.id,
      a: f.a,
      b: f.b,
      mode: f.mode,
      origin: cause,
    });
  }

  private wakeStalled(): void {
    for (const link of this.links()) for (const pipe of link.pipes) pipe.wake();
  }

  private checkPair(a: string, b: string): void {
    this.checkHost(a);
    this.checkHost(b);
    if (a === b) throw new Error(`fault between ${a} and itself: name two different hosts`);
  }
}

function healMatches(f: PartitionFault, a?: string, b?: string): boolean {
  if (a === undefined) return true;
  if (b === undefined) return f.a === a || f.b === a;
  return f.mode !== 'isolate' && ((f.a === a && f.b === b) || (f.a === b && f.b === a));
}

function checkDuration(durationUs: number): void {
  if (!(Number.isInteger(durationUs) && durationUs > 0)) {
    throw new RangeError(`fault duration must be a positive integer of µs, got ${durationUs}`);
  }
}
