/*
 * "Why?": the chain of causes behind a trace event, from the event back to
 * its root — a fault (chaos or the user's), an intervention, a BUGGIFY site,
 * or the run's start. Each event names its cause (`cause`, docs/ARCHITECTURE.md#the-trace),
 * so the chain is a walk back through seqs. A viewer walks its ring; when a
 * link has left the ring (or a headless run kept none), the session is run
 * again — runs are deterministic — first to learn the chain's seqs, then to
 * collect those events. Knows trace shapes and the engine; nothing of how a
 * chain is shown.
 */
import { createEngine, type Engine } from './engine';
import type { Session } from './session';
import {
  toTraceEvent,
  type TraceEvent,
  type TraceEventOf,
  type TraceKind,
  type TraceRecord,
} from './sim';
import { ipOf } from './peer/packet-id';
import { addrOfEndpointText } from './transport/endpoint';

/** Kinds that start a chain: decisions from outside the stack. A chain stops at the first one. */
export const ROOT_KINDS: ReadonlySet<TraceKind> = new Set<TraceKind>([
  'run_started',
  'intervention_applied',
  'buggify_fired',
  'partition_created',
  'partition_healed',
  'clog_started',
  'clog_released',
  'latency_spike_started',
  'latency_spike_ended',
  'bits_flipped',
  'node_killed',
  'node_restarted',
  'corruption_armed',
  'connect_fault_armed',
  'pair_latency_set',
]);

/** Longest chain shown: past this the root is far away (a timer chain), and the tail says so. */
export const WHY_LINKS_MAX = 40;

export interface WhyChain {
  /** The event asked about first, then its cause, its cause's cause, … */
  readonly links: readonly TraceEvent[];
  /** Why the walk stopped. */
  readonly end: 'root' | 'no cause' | 'too long' | 'not kept';
}

type Flip = TraceEventOf<'bits_flipped'>;

/** A partition, clog or dead node over [startUs, endUs). `b` '' for an isolation of `a`, or for node `a` being down. */
interface FaultSpan {
  readonly seq: number;
  readonly fault: number;
  readonly a: string;
  readonly b: string;
  readonly startUs: number;
  endUs: number;
}

/** Dead nodes are spans too; their fault ids are below zero so they never meet a network fault's id. */
const DOWN = -1;

/**
 * The data causes a walk may hop to where an event's recorded cause is only
 * the timer or the arrival that noticed the problem, not the problem:
 * - a frame that failed its checksum → the bit flip inside it: the earliest
 *   flip on that connection, into that node, at or after the frame's first
 *   byte (earlier frames passed their checksum, so no earlier flip is in them);
 * - a dial hung by a partition, an RST lost in one, a ping that went
 *   unanswered, a call that timed out, a refused dial → the partition, clog or
 *   dead node between those two nodes in force meanwhile;
 * - a dial refused or hung by an armed fault → the user's connect_fault_armed.
 * Fed every event in seq order (it keeps only the few kinds it needs).
 */
export class CauseIndex {
  private readonly flips = new Map<string, Flip[]>();
  private readonly nodeByIp = new Map<string, string>();
  private readonly faults: FaultSpan[] = [];
  /** Calls and the node they went to (for a Timeout). */
  private readonly callTarget = new Map<string, string>();
  private readonly armed: TraceEventOf<'connect_fault_armed'>[] = [];

  add(e: TraceEvent): void {
    switch (e.kind) {
      case 'bits_flipped': {
        const key = `${e.node}|${e.conn}`;
        const list = this.flips.get(key) ?? [];
        list.push(e);
        this.flips.set(key, list);
        return;
      }
      case 'host_listened':
        this.nodeByIp.set(ipOf(e.address), e.node);
        return;
      case 'rpc_sent': {
        const target = this.nodeByIp.get(ipOf(addrOfEndpointText(e.toEndpoint)));
        if (target !== undefined) this.callTarget.set(e.rpc, target);
        return;
      }
      case 'partition_created':
        this.faults.push({
          seq: e.seq,
          fault: e.fault,
          a: e.a,
          b: e.mode === 'isolate' ? '' : e.b,
          startUs: e.timeUs,
          endUs: Infinity,
        });
        return;
      case 'clog_started':
        this.faults.push({
          seq: e.seq,
          fault: e.fault,
          a: e.a,
          b: e.b,
          startUs: e.timeUs,
          endUs: e.timeUs + e.durationUs,
        });
        return;
      case 'partition_healed':
      case 'clog_released':
        for (const f of this.faults) if (f.fault === e.fault) f.endUs = Math.min(f.endUs, e.timeUs);
        return;
      case 'node_killed':
        this.faults.push({
          seq: e.seq,
          fault: DOWN,
          a: e.node,
          b: '',
          startUs: e.timeUs,
          endUs: Infinity,
        });
        return;
      case 'node_restarted':
        for (const f of this.faults)
          if (f.fault === DOWN && f.a === e.node) f.endUs = Math.min(f.endUs, e.timeUs);
        return;
      case 'connect_fault_armed':
        this.armed.push(e);
        return;
    }
  }

  /** Whether `e` is a kind this index may name a data cause for. */
  static hops(e: TraceEvent): boolean {
    switch (e.kind) {
      case 'checksum_failed':
      case 'wire_error':
      case 'ping_timeout':
      case 'connect_refused':
        return true;
      case 'connect_hung':
        return e.reason !== 'chaos';
      case 'connection_reset':
        return e.step === 'rst_lost';
      case 'rpc_failed':
        return e.error === 'Timeout';
      default:
        return false;
    }
  }

  /** The seq of `e`'s data cause, or undefined when it has none (or it is not known here). */
  dataCause(e: TraceEvent): number | undefined {
    switch (e.kind) {
      case 'checksum_failed':
      case 'wire_error':
        for (const flip of this.flips.get(`${e.node}|${e.conn}`) ?? []) {
          if (flip.seq > e.seq) break;
          if (flippedBytes(flip).some((byte) => byte >= e.offset)) return flip.seq;
        }
        return undefined;
      case 'connect_hung':
      case 'connect_refused':
        return e.reason === 'explicit'
          ? this.armedBefore(e.node, e.toNode, e.seq)
          : this.faultBetween(e.node, e.toNode, e.timeUs, e.timeUs, e.seq);
      case 'connection_reset':
        return e.step === 'rst_lost'
          ? this.faultBetween(e.fromNode, e.toNode, e.timeUs, e.timeUs, e.seq)
          : undefined;
      case 'ping_timeout': {
        const peerNode = this.nodeByIp.get(ipOf(e.peerAddr));
        return peerNode === undefined
          ? undefined
          : this.faultBetween(e.node, peerNode, e.timeUs - e.waitedUs, e.timeUs, e.seq);
      }
      case 'rpc_failed': {
        const target = this.callTarget.get(e.rpc);
        return target === undefined
          ? undefined
          : this.faultBetween(e.node, target, e.timeUs - e.latencyUs, e.timeUs, e.seq);
      }
      default:
        return undefined;
    }
  }

  /** The latest partition, clog or dead node between nodes x and y (or isolating either) in force at some time in [fromUs, toUs], before event `beforeSeq`. */
  private faultBetween(
    x: string,
    y: string,
    fromUs: number,
    toUs: number,
    beforeSeq: number,
  ): number | undefined {
    for (let i = this.faults.length - 1; i >= 0; i--) {
      const f = this.faults[i] as FaultSpan;
      if (f.seq > beforeSeq || f.startUs > toUs || f.endUs < fromUs) continue;
      const between =
        f.b === '' ? f.a === x || f.a === y : (f.a === x && f.b === y) || (f.a === y && f.b === x);
      if (between) return f.seq;
    }
    return undefined;
  }

  private armedBefore(from: string, to: string, beforeSeq: number): number | undefined {
    for (let i = this.armed.length - 1; i >= 0; i--) {
      const a = this.armed[i] as TraceEventOf<'connect_fault_armed'>;
      if (a.seq < beforeSeq && a.fromNode === from && a.toNode === to) return a.seq;
    }
    return undefined;
  }
}

function flippedBytes(flip: Flip): number[] {
  return flip.positions
    .split(',')
    .filter(Boolean)
    .map((bit) => flip.offset + (Number(bit) >> 3));
}

/** A decision from outside the stack: a root kind, a close or reset that chaos or the user decided, a dial chaos refused or hung. */
export function isRoot(e: TraceEvent): boolean {
  if (ROOT_KINDS.has(e.kind)) return true;
  if ((e.kind === 'connect_refused' || e.kind === 'connect_hung') && e.reason === 'chaos')
    return true;
  return 'origin' in e && (e.origin === 'chaos' || e.origin === 'explicit');
}

/** The seq of the link after `at`: its data cause where it has one, else its recorded cause. */
function causeOf(at: TraceEvent, index: CauseIndex): number {
  return (CauseIndex.hops(at) ? index.dataCause(at) : undefined) ?? at.cause;
}

/** Walks back from `event` with `lookup` (seq → event, undefined when not at hand). */
export function causalChain(
  event: TraceEvent,
  lookup: (seq: number) => TraceEvent | undefined,
  index: CauseIndex,
  linksMax = WHY_LINKS_MAX,
): WhyChain {
  const links: TraceEvent[] = [event];
  for (let at = event; ;) {
    const cause = causeOf(at, index);
    const next = cause < 0 ? undefined : lookup(cause);
    // A fault ends the chain, unless the user's action behind it is at hand: that is the root then.
    if (isRoot(at) && next?.kind !== 'intervention_applied') return { links, end: 'root' };
    if (cause < 0) return { links, end: 'no cause' };
    if (links.length >= linksMax) return { links, end: 'too long' };
    if (next === undefined) return { links, end: 'not kept' };
    links.push(next);
    at = next;
  }
}

/** The chain behind `event` among `events` (a viewer's ring, in seq order). */
export function chainAmong(
  event: TraceEvent,
  events: readonly TraceEvent[],
  linksMax = WHY_LINKS_MAX,
): WhyChain {
  const first = events[0]?.seq ?? 0;
  const index = new CauseIndex();
  for (const e of events) if (e.seq < event.seq) index.add(e);
  return causalChain(event, (seq) => events[seq - first], index, linksMax);
}

/**
 * The chain behind event `seq` of `session`, by running it again from the
 * start (to `untilUs` at most): no ring needs to hold the whole run. Costs two
 * runs up to `seq`; memory is 4 bytes per event (the causes), the run's frame
 * failures and flips, then only the chain's events.
 */
export function replayCausalChain(
  session: Session,
  seq: number,
  untilUs: number,
  linksMax = WHY_LINKS_MAX,
): WhyChain | null {
  const causes = new Int32Array(seq + 1);
  const index = new CauseIndex();
  const hoppers = new Map<number, TraceEvent>();
  const reached = replayUpTo(session, seq, untilUs, (e) => {
    causes[e.seq] = e.cause;
    index.add(e);
    if (CauseIndex.hops(e)) hoppers.set(e.seq, e);
  });
  if (!reached) return null;
  const wanted = new Set<number>();
  for (let at = seq; at >= 0 && wanted.size < linksMax;) {
    wanted.add(at);
    const hopper = hoppers.get(at);
    at = hopper ? causeOf(hopper, index) : (causes[at] as number);
  }
  const found = new Map<number, TraceEvent>();
  replayUpTo(session, seq, untilUs, (e) => {
    if (wanted.has(e.seq)) found.set(e.seq, e);
  });
  const event = found.get(seq);
  return event ? causalChain(event, (s) => found.get(s), index, linksMax) : null;
}

/** Runs `session` (at most to `untilUs`) until event `seq` has been emitted, showing `see` every event; false if it never was. */
function replayUpTo(
  session: Session,
  seq: number,
  untilUs: number,
  see: (e: TraceEvent) => void,
): boolean {
  let reached = false;
  const onTrace = (r: TraceRecord): void => {
    if (r.seq > seq) return;
    see(toTraceEvent(r));
    if (r.seq === seq) reached = true;
  };
  const engine = createEngine(session, { traceCapacity: 0, onTrace });
  if (!reached) engine.runUntil({ predicate: () => reached, timeUs: untilUs });
  if (!reached) engine.finish(); // a violation found by the end-of-run checks
  return reached;
}

/**
 * The chain behind event `seq` of a running engine: from its ring when every
 * link is still there, else by replaying its session up to now. Null when
 * `seq` is not an event of this run (yet).
 */
export function explain(engine: Engine, seq: number): WhyChain | null {
  if (!(Number.isInteger(seq) && seq >= 0 && seq < engine.sim.trace.length)) return null;
  const { events } = engine.traceSince(0);
  const first = events[0]?.seq ?? 0;
  const event = events[seq - first];
  if (event !== undefined) {
    const chain = chainAmong(event, events.slice(0, seq - first + 1));
    // A flip or a fault before the ring's start could be a data cause: replay to be sure.
    const framesSure = first === 0 || !chain.links.some((l) => CauseIndex.hops(l));
    if (chain.end !== 'not kept' && framesSure) return chain;
  }
  return replayCausalChain(engine.session(), seq, engine.nowUs());
}
