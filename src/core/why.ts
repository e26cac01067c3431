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
import { toTraceEvent, type TraceEvent, type TraceEventOf, type TraceKind, type TraceRecord } from './sim';

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

type FrameFailure = TraceEventOf<'checksum_failed' | 'wire_error'>;
type Flip = TraceEventOf<'bits_flipped'>;

/**
 * The bit flips seen so far, to name the data cause of a frame that failed:
 * its handler ran when the frame's last chunk arrived, but what broke it is a
 * flip in any chunk of it — the earliest flip on that connection, into that
 * node, at or after the frame's first byte. Earlier frames passed their
 * checksum, so no earlier flip can be in them.
 */
export class FlipIndex {
  private readonly byDirection = new Map<string, Flip[]>();

  add(e: TraceEvent): void {
    if (e.kind !== 'bits_flipped') return;
    const key = `${e.node}|${e.conn}`;
    const list = this.byDirection.get(key) ?? [];
    list.push(e);
    this.byDirection.set(key, list);
  }

  flipBehind(failure: FrameFailure): Flip | undefined {
    for (const flip of this.byDirection.get(`${failure.node}|${failure.conn}`) ?? []) {
      if (flip.seq > failure.seq) break;
      if (flippedBytes(flip).some((byte) => byte >= failure.offset)) return flip;
    }
    return undefined;
  }
}

function flippedBytes(flip: Flip): number[] {
  return flip.positions.split(',').filter(Boolean).map((bit) => flip.offset + (Number(bit) >> 3));
}

/** The seq of the link after `at`: its data cause for a broken frame, else its recorded cause. */
function causeOf(at: TraceEvent, flips: FlipIndex): number {
  if (at.kind === 'checksum_failed' || at.kind === 'wire_error') return flips.flipBehind(at)?.seq ?? at.cause;
  return at.cause;
}

/** Walks back from `event` with `lookup` (seq → event, undefined when not at hand). */
export function causalChain(event: TraceEvent, lookup: (seq: number) => TraceEvent | undefined, flips: FlipIndex, linksMax = WHY_LINKS_MAX): WhyChain {
  const links: TraceEvent[] = [event];
  for (let at = event; ; ) {
    const cause = causeOf(at, flips);
    const next = cause < 0 ? undefined : lookup(cause);
    // A fault ends the chain, unless the user's action behind it is at hand: that is the root then.
    if (ROOT_KINDS.has(at.kind) && next?.kind !== 'intervention_applied') return { links, end: 'root' };
    if (cause < 0) return { links, end: 'no cause' };
    if (links.length >= linksMax) return { links, end: 'too long' };
    if (next === undefined) return { links, end: 'not kept' };
    links.push(next);
    at = next;
  }
}

/** The chain behind `event` among `events` (a viewer's ring, in seq order). */
export function chainAmong(event: TraceEvent, events: readonly TraceEvent[], linksMax = WHY_LINKS_MAX): WhyChain {
  const first = events[0]?.seq ?? 0;
  const flips = new FlipIndex();
  for (const e of events) if (e.seq < event.seq) flips.add(e);
  return causalChain(event, (seq) => events[seq - first], flips, linksMax);
}

/**
 * The chain behind event `seq` of `session`, by running it again from the
 * start (to `untilUs` at most): no ring needs to hold the whole run. Costs two
 * runs up to `seq`; memory is 4 bytes per event (the causes), the run's frame
 * failures and flips, then only the chain's events.
 */
export function replayCausalChain(session: Session, seq: number, untilUs: number, linksMax = WHY_LINKS_MAX): WhyChain | null {
  const causes = new Int32Array(seq + 1);
  const flips = new FlipIndex();
  const failures = new Map<number, TraceEvent>();
  const reached = replayUpTo(session, seq, untilUs, (e) => {
    causes[e.seq] = e.cause;
    if (e.kind === 'bits_flipped') flips.add(e);
    else if (e.kind === 'checksum_failed' || e.kind === 'wire_error') failures.set(e.seq, e);
  });
  if (!reached) return null;
  const wanted = new Set<number>();
  for (let at = seq; at >= 0 && wanted.size < linksMax; ) {
    wanted.add(at);
    const failure = failures.get(at);
    at = failure ? causeOf(failure, flips) : (causes[at] as number);
  }
  const found = new Map<number, TraceEvent>();
  replayUpTo(session, seq, untilUs, (e) => {
    if (wanted.has(e.seq)) found.set(e.seq, e);
  });
  const event = found.get(seq);
  return event ? causalChain(event, (s) => found.get(s), flips, linksMax) : null;
}

/** Runs `session` (at most to `untilUs`) until event `seq` has been emitted, showing `see` every event; false if it never was. */
function replayUpTo(session: Session, seq: number, untilUs: number, see: (e: TraceEvent) => void): boolean {
  let reached = false;
  const onTrace = (r: TraceRecord): void => {
    if (r.seq > seq) return;
    see(toTraceEvent(r));
    if (r.seq === seq) reached = true;
  };
  const engine = createEngine(session, { traceCapacity: 0, onTrace });
  if (!reached) engine.runUntil({ predicate: () => reached, timeUs: untilUs });
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
    // A flip before the ring's start could be the data cause of a broken frame: replay to be sure.
    const framesSure = first === 0 || !chain.links.some((l) => l.kind === 'checksum_failed' || l.kind === 'wire_error');
    if (chain.end !== 'not kept' && framesSure) return chain;
  }
  return replayCausalChain(engine.session(), seq, engine.nowUs());
}
