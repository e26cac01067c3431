/*
 * The run as a Chrome Trace Event Format file: the JSON that Perfetto
 * (ui.perfetto.dev) and chrome://tracing open. A streaming writer: feed it
 * every trace event in seq order (`add`), then `finish`; it hands out the
 * file in chunks as it goes, and keeps only what is still open (packets in
 * flight, pending RPCs, active faults, dead nodes), never the whole run.
 *
 * The mapping (docs/export.md):
 *   process  one per node (pid = node index + 1, named "n1 10.0.0.1"), pid 0
 *            "world" for events of node '' (faults, chaos, the run's start)
 *   thread   a lane per layer inside each process (LANES below)
 *   rpc      an async slice (ph b/e, cat 'rpc', id = the call id) on its
 *            caller, from rpc_sent to its end (replied / failed / abandoned;
 *            'pending' when the export ends first)
 *   packet   a 1 µs slice on the sender's "packets out" lane at packet_sent
 *            and one on the receiver's "packets in" lane at its end, joined
 *            by a flow (ph s/f, cat 'packet', a numeric id per packet); a lost
 *            packet has the sender's slice and an instant naming the loss.
 *            Ends come from the one lifecycle model (view/lifecycle.ts)
 *   fault    an instant (ph i, scope 'p' on a node, 'g' in the world);
 *            partitions, clogs and latency spikes also an async slice on the
 *            world from start to end; a dead node a "down" slice (B/E)
 *   other    every other event an instant on its layer's lane
 * Every event the run emitted is in the file, and each exported event's args
 * carry `seq` and `cause` (-1 for a slice end the exporter made up when the
 * export ended), so a reader can follow causes by seq. Timestamps are the
 * sim's integer µs, exact. The packet slices last 1 µs (not 0) so the flow
 * events bind to them: a flow binds to the slice that encloses it.
 *
 * Pure: no I/O — the sink decides where chunks go (a file stream in the CLI,
 * a list for a Blob in the browser). Knows trace shapes only.
 */
import {
  fieldsOf,
  type TraceEvent,
  type TraceEventOf,
  type TraceFields,
  type TraceKind,
  type TraceValue,
} from '../sim';
import { ipOf } from '../peer/packet-id';
import { addrOfEndpointText } from '../transport/endpoint';
import {
  Lifecycles,
  LIFECYCLE_KINDS,
  type LifecycleKind,
  type LifecycleSink,
  type PacketBirth,
  type PacketEnd,
  type RpcBirth,
  type RpcEnd,
} from '../view/lifecycle';

/** A node of the run, as the scenario's topology names it. */
export interface ExportNode {
  readonly name: string;
  readonly ip: string;
}

/** Takes the file piece by piece; the pieces joined in order are the whole JSON document. */
export type ChunkSink = (chunk: string) => void;

export interface TraceEventWriterOptions {
  /** Characters buffered before a chunk goes to the sink (default 64 Ki). */
  readonly chunkChars?: number;
}

/** What the file's `otherData` says about the run, and where the export ends. */
export interface TraceExportMeta {
  readonly scenario: string;
  /** Decimal, as the session writes it. */
  readonly seed: string;
  readonly chaos: string;
  /** The run's trace hash at the end of the export. */
  readonly traceHash: string;
  /** Where the export ends (µs): open slices end here. Default and minimum: the last event's time. */
  readonly endUs?: number;
  /** More facts for `otherData` (the session's query, params, …). */
  readonly extra?: Readonly<Record<string, TraceValue>>;
}

/** The lanes (tids) inside each process, in the order they are shown. */
export const LANES = {
  rpc: 1,
  packetsOut: 2,
  packetsIn: 3,
  peer: 4,
  connections: 5,
  faults: 6,
  run: 7,
} as const;
type Lane = (typeof LANES)[keyof typeof LANES];

const LANE_NAMES: Readonly<Record<Lane, string>> = {
  1: 'rpc',
  2: 'packets out',
  3: 'packets in',
  4: 'peer',
  5: 'connections',
  6: 'faults',
  7: 'run',
};

/** Every kind's lane, and the category its instants carry. A new kind must be placed here (the compiler asks). */
const KIND_LANES: Readonly<Record<TraceKind, Lane>> = {
  run_started: LANES.run,
  task_failed: LANES.run,
  invariant_violated: LANES.faults,
  buggify_fired: LANES.faults,
  intervention_applied: LANES.faults,
  host_listened: LANES.connections,
  listener_closed: LANES.connections,
  connect_started: LANES.connections,
  connect_accepted: LANES.connections,
  connect_refused: LANES.connections,
  connect_hung: LANES.connections,
  connect_cancelled: LANES.connections,
  connection_opened: LANES.connections,
  connection_closed: LANES.connections,
  connection_reset: LANES.connections,
  bytes_sent: LANES.connections,
  bytes_delivered: LANES.connections,
  bytes_dropped: LANES.connections,
  partition_created: LANES.faults,
  partition_healed: LANES.faults,
  clog_started: LANES.faults,
  clog_released: LANES.faults,
  bits_flipped: LANES.faults,
  latency_spike_started: LANES.faults,
  latency_spike_ended: LANES.faults,
  node_killed: LANES.faults,
  node_restarted: LANES.faults,
  corruption_armed: LANES.faults,
  connect_fault_armed: LANES.faults,
  pair_latency_set: LANES.faults,
  packet_sent: LANES.packetsOut,
  packet_delivered: LANES.packetsIn,
  checksum_failed: LANES.packetsIn,
  wire_error: LANES.packetsIn,
  peer_state_changed: LANES.peer,
  backoff_scheduled: LANES.peer,
  message_queued: LANES.peer,
  message_dropped: LANES.peer,
  message_retransmitted: LANES.peer,
  queue_full: LANES.peer,
  hello_rejected: LANES.peer,
  ping_timeout: LANES.peer,
  endpoint_not_found: LANES.rpc,
  endpoint_failed: LANES.rpc,
  message_undecodable: LANES.rpc,
  rpc_sent: LANES.rpc,
  rpc_received: LANES.rpc,
  rpc_answered: LANES.rpc,
  rpc_replied: LANES.rpc,
  rpc_failed: LANES.rpc,
  record_sent: LANES.run,
  record_received: LANES.run,
  record_corrupted: LANES.run,
  message_delivered: LANES.run,
  request_shed: LANES.rpc,
  block_appended: LANES.run,
};

const LANE_CATEGORIES: Readonly<Record<Lane, string>> = {
  1: 'rpc',
  2: 'packet',
  3: 'packet',
  4: 'peer',
  5: 'net',
  6: 'fault',
  7: 'run',
};

/** Faults with a start and an end: drawn as async slices on the world from one to the other. */
const FAULT_SPANS: Partial<Record<TraceKind, 'start' | 'end'>> = {
  partition_created: 'start',
  clog_started: 'start',
  latency_spike_started: 'start',
  partition_healed: 'end',
  clog_released: 'end',
  latency_spike_ended: 'end',
};

const LIFECYCLE = new Set<TraceKind>(LIFECYCLE_KINDS);
/** Kinds the lifecycle model exports themselves, as a slice begin or end; when it does not (no such packet or call is open), they fall back to instants. */
const LIFECYCLE_EXPORTED = new Set<TraceKind>([
  'packet_sent',
  'packet_delivered',
  'checksum_failed',
  'wire_error',
  'rpc_sent',
  'rpc_replied',
  'rpc_failed',
]);

const WORLD_PID = 0;
const DEFAULT_CHUNK_CHARS = 64 * 1024;
/** Packet slices last this long, so the flow events at their start have a slice to bind to. */
const PACKET_SLICE_US = 1;
/** Seq and cause of what the exporter itself adds at the end (a pending slice's end). */
const SYNTHETIC = -1;

/** One event of the format. Keys in this order in the file. */
interface OutEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: number | string;
  s?: 'g' | 'p' | 't';
  bp?: 'e';
  args?: Record<string, TraceValue>;
}

interface OpenPacket {
  readonly sent: TraceEventOf<'packet_sent'>;
}

interface OpenRpc {
  readonly name: string;
  readonly pid: number;
  readonly sentUs: number;
  readonly seq: number;
}

interface OpenFault {
  readonly name: string;
  readonly startUs: number;
  readonly seq: number;
}

export class TraceEventWriter {
  private readonly parts: string[] = [];
  private buffered = 0;
  private written = 0;
  private added = 0;
  private exported = 0;
  private finished = false;
  private lastUs = 0;

  private readonly pids = new Map<string, number>([['', WORLD_PID]]);
  private readonly nodeByIp = new Map<string, string>();
  private readonly namedThreads = new Set<number>();
  private readonly lifecycles: Lifecycles;
  /** The event being added: the lifecycle sink's callbacks run inside `add`, for this event. */
  private current: TraceEvent | null = null;
  /** Whether `current` was exported by a lifecycle callback. */
  private currentExported = false;

  private readonly packets = new Map<string, OpenPacket>();
  private nextFlowId = 1;
  private readonly rpcs = new Map<string, OpenRpc>();
  private readonly faults = new Map<number, OpenFault>();
  /** Dead nodes: node → seq of its node_killed. */
  private readonly down = new Map<string, number>();

  private readonly chunkChars: number;

  constructor(
    nodes: readonly ExportNode[],
    private readonly sink: ChunkSink,
    options: TraceEventWriterOptions = {},
  ) {
    this.chunkChars = Math.max(1, options.chunkChars ?? DEFAULT_CHUNK_CHARS);
    this.write('{"traceEvents":[\n');
    this.meta('process_name', WORLD_PID, 0, { name: 'world' });
    this.meta('process_sort_index', WORLD_PID, 0, { sort_index: 0 });
    nodes.forEach((node, i) => {
      this.nodeByIp.set(node.ip, node.name);
      this.addProcess(node.name, i + 1, `${node.name} ${node.ip}`);
    });
    const lifecycleSink: LifecycleSink = {
      packetBorn: (p) => this.packetBorn(p),
      packetEnded: (key, end, atUs, node, reason) => this.packetEnded(key, end, atUs, node, reason),
      rpcBorn: (r) => this.rpcBorn(r),
      rpcEnded: (rpc, end, atUs, reason) => this.rpcEnded(rpc, end, atUs, reason),
    };
    this.lifecycles = new Lifecycles(lifecycleSink);
  }

  /** Adds the run's next event (events in seq order, from the first). */
  add(e: TraceEvent): void {
    if (this.finished) throw new Error('TraceEventWriter: add after finish');
    if (e.timeUs > this.lastUs) this.lastUs = e.timeUs;
    this.added++;
    this.current = e;
    this.currentExported = false;
    if (LIFECYCLE.has(e.kind)) this.lifecycles.observe(e as TraceEventOf<LifecycleKind>);
    const exported = this.currentExported && LIFECYCLE_EXPORTED.has(e.kind);
    this.current = null;
    if (exported) return;
    const lane = KIND_LANES[e.kind];
    if (lane === LANES.faults) this.fault(e);
    else this.instant(e, lane, 't', LANE_CATEGORIES[lane]);
  }

  /**
   * Ends the file: whatever is still open ends at `meta.endUs` (packets in
   * flight get their sender's slice, pending RPCs and active faults an end
   * saying so), then `otherData`, then the last chunk goes to the sink.
   */
  finish(meta: TraceExportMeta): void {
    if (this.finished) throw new Error('TraceEventWriter: finish twice');
    this.finished = true;
    const endUs = Math.max(this.lastUs, meta.endUs ?? 0);
    for (const { sent } of this.packets.values()) this.senderSlice(sent, 'in flight', SYNTHETIC);
    this.packets.clear();
    for (const [rpc, open] of this.rpcs) {
      this.emit({
        name: open.name,
        cat: 'rpc',
        ph: 'e',
        ts: endUs,
        pid: open.pid,
        tid: LANES.rpc,
        id: rpc,
        args: {
          seq: SYNTHETIC,
          cause: SYNTHETIC,
          outcome: 'pending',
          error: null,
          latencyUs: endUs - open.sentUs,
          sentSeq: open.seq,
        },
      });
    }
    this.rpcs.clear();
    for (const [fault, open] of this.faults) {
      this.emit({
        name: open.name,
        cat: 'fault',
        ph: 'e',
        ts: endUs,
        pid: WORLD_PID,
        tid: LANES.faults,
        id: fault,
        args: {
          seq: SYNTHETIC,
          cause: SYNTHETIC,
          outcome: 'active',
          durationUs: endUs - open.startUs,
          startSeq: open.seq,
        },
      });
    }
    this.faults.clear();
    for (const [node, killedSeq] of this.down) {
      this.emit({
        name: 'down',
        cat: 'fault',
        ph: 'E',
        ts: endUs,
        pid: this.pidOf(node),
        tid: LANES.faults,
        args: { seq: SYNTHETIC, cause: SYNTHETIC, outcome: 'down', killedSeq },
      });
    }
    this.down.clear();
    const otherData: Record<string, TraceValue> = {
      scenario: meta.scenario,
      seed: meta.seed,
      chaos: meta.chaos,
      traceHash: meta.traceHash,
      events: this.added,
      ...meta.extra,
    };
    this.write(`\n],"displayTimeUnit":"ms","otherData":${JSON.stringify(otherData)}}\n`);
    this.flush();
  }

  /** The run's events added so far, the format's events written (metadata included), and the characters handed to the sink. */
  stats(): { added: number; written: number; chars: number } {
    return { added: this.added, written: this.exported, chars: this.written };
  }

  // ── lifecycles ──────────────────────────────────────────────────────

  private packetBorn(p: PacketBirth): void {
    const sent = this.current as TraceEventOf<'packet_sent'>;
    const previous = this.packets.get(p.key);
    if (previous) this.senderSlice(previous.sent, 'superseded', sent.seq); // a key sent twice: the older one is closed as is
    this.packets.set(p.key, { sent });
    this.currentExported = true; // its slice is written when its end is known: a lost packet has no flow
  }

  private packetEnded(
    key: string,
    end: PacketEnd,
    atUs: number,
    node: string,
    reason: string,
  ): void {
    const open = this.packets.get(key);
    const e = this.current as TraceEvent;
    if (!open) return;
    this.packets.delete(key);
    const { sent } = open;
    const pid = this.pidOf(sent.node);
    this.senderSlice(sent, end, e.seq);
    if (end === 'lost') {
      this.emit({
        name: `lost: ${reason}`,
        cat: 'packet',
        ph: 'i',
        s: 't',
        ts: atUs,
        pid,
        tid: LANES.packetsOut,
        args: {
          seq: e.seq,
          cause: e.cause,
          kind: e.kind,
          key,
          outcome: end,
          reason,
          sentSeq: sent.seq,
        },
      });
      return;
    }
    const id = this.nextFlowId++;
    this.emit({
      name: 'packet',
      cat: 'packet',
      ph: 's',
      ts: sent.timeUs,
      pid,
      tid: LANES.packetsOut,
      id,
      args: { seq: sent.seq, cause: sent.cause },
    });
    const to = this.pidOf(node);
    const from = this.nodeOfAddr(sent.fromAddr);
    const name =
      end === 'delivered' ? `${sent.packet} ← ${from}` : `corrupt ${sent.packet} ← ${from}`;
    this.emit({
      name,
      cat: 'packet',
      ph: 'X',
      ts: atUs,
      dur: PACKET_SLICE_US,
      pid: to,
      tid: LANES.packetsIn,
      args: {
        seq: e.seq,
        cause: e.cause,
        kind: e.kind,
        ...fieldsOf(e),
        key,
        outcome: end,
        reason,
        sentSeq: sent.seq,
        flightUs: atUs - sent.timeUs,
      },
    });
    this.emit({
      name: 'packet',
      cat: 'packet',
      ph: 'f',
      bp: 'e',
      ts: atUs,
      pid: to,
      tid: LANES.packetsIn,
      id,
      args: { seq: e.seq, cause: e.cause },
    });
    this.currentExported = true;
  }

  private senderSlice(sent: TraceEventOf<'packet_sent'>, outcome: string, endSeq: number): void {
    const name = `${sent.packet} → ${this.nodeOfAddr(sent.toAddr)}`;
    this.emit({
      name,
      cat: 'packet',
      ph: 'X',
      ts: sent.timeUs,
      dur: PACKET_SLICE_US,
      pid: this.pidOf(sent.node),
      tid: LANES.packetsOut,
      args: {
        seq: sent.seq,
        cause: sent.cause,
        kind: sent.kind,
        ...fieldsOf(sent),
        outcome,
        endSeq,
      },
    });
  }

  private rpcBorn(r: RpcBirth): void {
    const e = this.current as TraceEventOf<'rpc_sent'>;
    if (this.rpcs.has(r.rpc)) this.rpcEnded(r.rpc, 'abandoned', r.sentUs, 'call id reused'); // never in a real run: ids are unique
    const name = `rpc → ${this.nodeOfAddr(addrOfEndpointText(r.toEndpoint))}`;
    const pid = this.pidOf(r.node);
    this.rpcs.set(r.rpc, { name, pid, sentUs: r.sentUs, seq: r.seq });
    this.emit({
      name,
      cat: 'rpc',
      ph: 'b',
      ts: r.sentUs,
      pid,
      tid: LANES.rpc,
      id: r.rpc,
      args: { seq: e.seq, cause: e.cause, kind: e.kind, ...fieldsOf(e) },
    });
    this.currentExported = true;
  }

  private rpcEnded(rpc: string, end: RpcEnd, atUs: number, reason: string): void {
    const open = this.rpcs.get(rpc);
    const e = this.current as TraceEvent;
    if (!open) return;
    this.rpcs.delete(rpc);
    const fields: TraceFields = end === 'abandoned' ? {} : fieldsOf(e);
    const args = {
      seq: e.seq,
      cause: e.cause,
      kind: e.kind,
      ...fields,
      outcome: end,
      error: reason === '' ? null : reason,
      latencyUs: atUs - open.sentUs,
      sentSeq: open.seq,
    };
    this.emit({
      name: open.name,
      cat: 'rpc',
      ph: 'e',
      ts: atUs,
      pid: open.pid,
      tid: LANES.rpc,
      id: rpc,
      args,
    });
    this.currentExported = true;
  }

  // ── faults ──────────────────────────────────────────────────────────

  private fault(e: TraceEvent): void {
    const span = FAULT_SPANS[e.kind];
    if (span === 'start') {
      const f = e as TraceEventOf<'partition_created' | 'clog_started' | 'latency_spike_started'>;
      const name = faultName(f);
      if (!this.faults.has(f.fault)) {
        this.faults.set(f.fault, { name, startUs: f.timeUs, seq: f.seq });
        this.emit({
          name,
          cat: 'fault',
          ph: 'b',
          ts: f.timeUs,
          pid: WORLD_PID,
          tid: LANES.faults,
          id: f.fault,
          args: { seq: f.seq, cause: f.cause, kind: f.kind, ...fieldsOf(f) },
        });
      }
    } else if (span === 'end') {
      const f = e as TraceEventOf<'partition_healed' | 'clog_released' | 'latency_spike_ended'>;
      const open = this.faults.get(f.fault);
      if (open) {
        this.faults.delete(f.fault);
        this.emit({
          name: open.name,
          cat: 'fault',
          ph: 'e',
          ts: f.timeUs,
          pid: WORLD_PID,
          tid: LANES.faults,
          id: f.fault,
          args: {
            seq: f.seq,
            cause: f.cause,
            kind: f.kind,
            ...fieldsOf(f),
            outcome: 'ended',
            durationUs: f.timeUs - open.startUs,
            startSeq: open.seq,
          },
        });
      }
    } else if (e.kind === 'node_killed' && !this.down.has(e.node)) {
      this.down.set(e.node, e.seq);
      this.emit({
        name: 'down',
        cat: 'fault',
        ph: 'B',
        ts: e.timeUs,
        pid: this.pidOf(e.node),
        tid: LANES.faults,
        args: { seq: e.seq, cause: e.cause, kind: e.kind, ...fieldsOf(e) },
      });
    } else if (e.kind === 'node_restarted' && this.down.has(e.node)) {
      const killedSeq = this.down.get(e.node) as number;
      this.down.delete(e.node);
      this.emit({
        name: 'down',
        cat: 'fault',
        ph: 'E',
        ts: e.timeUs,
        pid: this.pidOf(e.node),
        tid: LANES.faults,
        args: {
          seq: e.seq,
          cause: e.cause,
          kind: e.kind,
          ...fieldsOf(e),
          outcome: 'restarted',
          killedSeq,
        },
      });
    }
    this.instant(e, LANES.faults, e.node === '' ? 'g' : 'p', 'fault');
  }

  // ── output ──────────────────────────────────────────────────────────

  /** An event as an instant named by its kind: on its lane ('t'), its node ('p') or the world ('g'). */
  private instant(e: TraceEvent, lane: Lane, scope: 'g' | 'p' | 't', cat: string): void {
    this.emit({
      name: e.kind,
      cat,
      ph: 'i',
      s: scope,
      ts: e.timeUs,
      pid: this.pidOf(e.node),
      tid: lane,
      args: { seq: e.seq, cause: e.cause, kind: e.kind, ...fieldsOf(e) },
    });
  }

  private emit(ev: OutEvent): void {
    const thread = ev.pid * 16 + ev.tid;
    if (!this.namedThreads.has(thread)) {
      this.namedThreads.add(thread);
      this.meta('thread_name', ev.pid, ev.tid, {
        name: LANE_NAMES[ev.tid as Lane] ?? `lane ${ev.tid}`,
      });
      this.meta('thread_sort_index', ev.pid, ev.tid, { sort_index: ev.tid });
    }
    this.line(ev);
  }

  private meta(name: string, pid: number, tid: number, args: Record<string, TraceValue>): void {
    this.line({ name, ph: 'M', ts: 0, pid, tid, args });
  }

  private line(ev: OutEvent): void {
    this.write(this.exported === 0 ? JSON.stringify(ev) : `,\n${JSON.stringify(ev)}`);
    this.exported++;
  }

  private addProcess(node: string, pid: number, label: string): void {
    this.pids.set(node, pid);
    this.meta('process_name', pid, 0, { name: label });
    this.meta('process_sort_index', pid, 0, { sort_index: pid });
  }

  /** The node's process; a node the topology did not name gets the next pid on first sight. */
  private pidOf(node: string): number {
    const pid = this.pids.get(node);
    if (pid !== undefined) return pid;
    const next = this.pids.size; // pids are 0..size-1
    this.addProcess(node, next, node);
    return next;
  }

  private nodeOfAddr(addr: string): string {
    return this.nodeByIp.get(ipOf(addr)) ?? addr;
  }

  private write(text: string): void {
    this.parts.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.chunkChars) this.flush();
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const chunk = this.parts.join('');
    this.parts.length = 0;
    this.buffered = 0;
    this.written += chunk.length;
    this.sink(chunk);
  }
}

function faultName(
  f: TraceEventOf<'partition_created' | 'clog_started' | 'latency_spike_started'>,
): string {
  if (f.kind === 'clog_started') return `clog ${f.a}–${f.b}`;
  if (f.kind === 'latency_spike_started') return `latency spike ${f.a}–${f.b}`;
  if (f.mode === 'isolate') return `isolate ${f.a}`;
  return `partition ${f.a}–${f.b}${f.mode === 'one_way' ? ' (one way)' : ''}`;
}
