/*
 * One direction of a connection: a FIFO of segments (handshake reply, data
 * chunks, FIN, RST) with delivery times, and one timer for the head. Delivery
 * time of a segment = max(previous segment's, now + latency draw), so bytes are
 * never reordered. Partitions and clogs are checked when the head is due, not
 * when it was sent: a blocked head stalls the whole direction (held, not lost)
 * until `wake()` after a heal; a clogged head waits for the clog's end and the
 * held segments then leave as a burst. An RST is a lone packet: if it meets a
 * partition it is lost (the remote stays half-open). Knows nothing of what the
 * receiver does with a segment.
 */
import type { Rng, TimerHandle } from '../sim';
import { flipBitAtByte, flipBits, formatPositions } from './bit-flip';
import { nextChunkSize } from './chunking';
import type { HostRef, NetContext } from './context';
import { sampleLatencyUs } from './latency';

/**
 * A segment in flight. `cause`: the trace event that sent it (for data, its
 * bytes_sent), so what its arrival does descends from its sending and not from
 * whichever segment the pipe's one timer delivered before it.
 */
export type Segment =
  | { readonly kind: 'syn_ack'; readonly dueUs: number; readonly cause: number }
  | {
      readonly kind: 'data';
      readonly bytes: Uint8Array;
      readonly offset: number;
      readonly dueUs: number;
      readonly cause: number;
    }
  | { readonly kind: 'fin'; readonly dueUs: number; readonly cause: number }
  | {
      readonly kind: 'rst';
      readonly reason: string;
      readonly dueUs: number;
      readonly cause: number;
    };

export interface PipeReceiver {
  deliver(segment: Segment): void;
  /** An RST met a partition and vanished. */
  lostReset(segment: Segment): void;
}

export class Pipe {
  private readonly queue: Segment[] = [];
  private timer: TimerHandle | null = null;
  private stalledFlag = false;
  private lastDueUs = 0;
  private sentBytes = 0;
  private queuedBytes = 0;
  private readonly latencyRng: Rng;
  private readonly chunkRng: Rng;
  private readonly flipRng: Rng;
  private readonly connectRng: Rng;
  private readonly fireHead = (): void => this.fire(); // one closure per pipe, not one per segment

  constructor(
    private readonly ctx: NetContext,
    readonly connId: number,
    readonly from: HostRef,
    readonly to: HostRef,
    private readonly receiver: PipeReceiver,
  ) {
    const dir = `${from.ip}>${to.ip}`;
    this.latencyRng = ctx.sim.rng(`latency:${dir}`);
    this.chunkRng = ctx.sim.rng(`chunking:${dir}`);
    this.flipRng = ctx.sim.rng(`flips:${dir}`);
    this.connectRng = ctx.sim.rng(`connect:${dir}`);
  }

  /** Data bytes written but not yet delivered (or dropped). */
  get bytesInFlight(): number {
    return this.queuedBytes;
  }

  /** The head met a partition and waits for a heal. */
  get stalled(): boolean {
    return this.stalledFlag;
  }

  get clogged(): boolean {
    const now = this.ctx.sim.now();
    return (
      this.queue.length > 0 && this.ctx.faults.clogUntilUs(this.from.name, this.to.name, now) > now
    );
  }

  /** Data segments not yet delivered: stream offset, size and when each is due. */
  inFlight(): { offset: number; bytes: number; dueUs: number }[] {
    const out: { offset: number; bytes: number; dueUs: number }[] = [];
    for (const s of this.queue)
      if (s.kind === 'data') out.push({ offset: s.offset, bytes: s.bytes.length, dueUs: s.dueUs });
    return out;
  }

  get empty(): boolean {
    return this.queue.length === 0;
  }

  /** The handshake reply, drawn from the connect latency model. */
  sendSynAck(): void {
    const model = this.ctx.faults.latencyModel(
      this.from.name,
      this.to.name,
      this.ctx.env.connectLatency,
    );
    this.enqueue({
      kind: 'syn_ack',
      dueUs: this.dueAfterUs(sampleLatencyUs(this.connectRng, model)),
      cause: this.ctx.sim.currentCause,
    });
  }

  /** Cuts `bytes` (already copied) into chunks and queues each; emits bytes_sent per chunk. */
  sendData(bytes: Uint8Array): void {
    const model = this.ctx.env.chunking;
    for (let start = 0; start < bytes.length;) {
      const size = nextChunkSize(this.chunkRng, bytes.length - start, model);
      const offset = this.sentBytes;
      this.sentBytes += size;
      this.queuedBytes += size;
      const dueUs = this.dueAfterUs(this.drawLatencyUs());
      const chunk = size === bytes.length ? bytes : bytes.subarray(start, start + size);
      const cause = this.ctx.sim.emit(this.from.name, 'bytes_sent', {
        conn: this.connId,
        toNode: this.to.name,
        offset,
        bytes: size,
      });
      this.enqueue({ kind: 'data', bytes: chunk, offset, dueUs, cause });
      start += size;
    }
  }

  sendFin(): void {
    this.enqueue({
      kind: 'fin',
      dueUs: this.dueAfterUs(this.drawLatencyUs()),
      cause: this.ctx.sim.currentCause,
    });
  }

  /** Drops everything queued and sends an RST that overtakes nothing (there is nothing left). */
  sendReset(reason: string): number {
    const dropped = this.discard();
    this.lastDueUs = 0;
    this.enqueue({
      kind: 'rst',
      reason,
      dueUs: this.dueAfterUs(this.drawLatencyUs()),
      cause: this.ctx.sim.currentCause,
    });
    return dropped;
  }

  /** Forgets every queued segment; returns the data bytes dropped. */
  discard(): number {
    const dropped = this.queuedBytes;
    this.timer?.cancel();
    this.timer = null;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.stalledFlag = false;
    return dropped;
  }

  /** After a heal: if stalled and no longer blocked, the held segments go again after one trip. */
  wake(): void {
    if (!this.stalledFlag || this.ctx.faults.blocked(this.from.name, this.to.name)) return;
    this.stalledFlag = false;
    this.arm(this.ctx.sim.now() + this.drawLatencyUs());
  }

  private drawLatencyUs(): number {
    return sampleLatencyUs(
      this.latencyRng,
      this.ctx.faults.latencyModel(this.from.name, this.to.name, this.ctx.env.latency),
    );
  }

  /** When a segment sent now with this latency is due: never before the one ahead of it. */
  private dueAfterUs(latencyUs: number): number {
    const dueUs = Math.max(this.lastDueUs, this.ctx.sim.now() + latencyUs);
    this.lastDueUs = dueUs;
    return dueUs;
  }

  private enqueue(segment: Segment): void {
    this.queue.push(segment);
    if (this.queue.length === 1 && !this.stalledFlag) this.arm(segment.dueUs);
  }

  private arm(notBeforeUs: number): void {
    const head = this.queue[0];
    if (!head || this.timer) return;
    this.timer = this.ctx.sim.scheduleAt(
      Math.max(head.dueUs, notBeforeUs),
      'net:deliver',
      this.fireHead,
    );
  }

  private fire(): void {
    this.timer = null;
    const head = this.queue[0];
    if (!head) return;
    const now = this.ctx.sim.now();
    if (this.ctx.faults.blocked(this.from.name, this.to.name)) {
      if (head.kind === 'rst') {
        this.queue.shift();
        this.ctx.sim.setCause(head.cause);
        this.receiver.lostReset(head);
      } else this.stalledFlag = true; // held until wake() after a heal
      return;
    }
    const clogUntilUs = this.ctx.faults.clogUntilUs(this.from.name, this.to.name, now);
    if (clogUntilUs > now) return this.arm(clogUntilUs);
    this.queue.shift();
    if (head.kind === 'data') this.queuedBytes -= head.bytes.length;
    this.ctx.sim.setCause(head.cause);
    this.receiver.deliver(head.kind === 'data' ? this.maybeCorrupt(head) : head);
    this.arm(now);
  }

  /** Explicitly armed corruption first, else the chaos per-chunk chance. */
  private maybeCorrupt(chunk: Extract<Segment, { kind: 'data' }>): Segment {
    const armed = this.ctx.faults.takeCorruption(this.from.name, this.to.name);
    const atByte = armed?.value.atByte;
    if (armed && atByte !== undefined && atByte >= chunk.bytes.length) {
      const rest = { ...armed.value, atByte: atByte - chunk.bytes.length };
      this.ctx.faults.deferCorruption(this.from.name, this.to.name, { ...armed, value: rest });
      return chunk;
    }
    const chaos = armed ? null : this.ctx.activeChaos();
    if (!armed && !(chaos && chaos.bitFlipPpm > 0 && this.flipRng.chancePpm(chaos.bitFlipPpm)))
      return chunk;
    const { bytes, positions } =
      atByte !== undefined
        ? flipBitAtByte(chunk.bytes, atByte)
        : flipBits(this.flipRng, chunk.bytes, armed?.value.bits);
    this.ctx.sim.emit(this.to.name, 'bits_flipped', {
      conn: this.connId,
      fromNode: this.from.name,
      offset: chunk.offset,
      count: positions.length,
      positions: formatPositions(positions),
      origin: armed ? armed.cause : 'chaos',
    });
    return { ...chunk, bytes };
  }
}
