/*
 * The page's handle on the engine: sends commands and questions over the one
 * message API (protocol.ts) and keeps what arrives — the latest frame and a
 * mirror of the recent trace — so the page can read the cursor's time, hash,
 * session and recent events without waiting. It acks each frame on the next
 * animation frame (the worker then sends the next), and it knows whether a
 * command it sent is not yet reflected in a frame (`pending`). No engine, no
 * simulation logic here: only messages and what they carried.
 */
import type { Intervention } from '../../core/intervention';
import type { Session } from '../../core/session';
import { DEFAULT_TRACE_CAPACITY, type TraceEvent } from '../../core/sim';
import type { WhyChain } from '../../core/why';
import type { Answers, Command, Frame, PacingChoice, Port, Question, Report } from './protocol';

/** A frame as the page sees it: its session and its view's slow fields always filled in. */
export type PageFrame = Frame & { readonly session: Session };
export type FrameListener = (frame: PageFrame) => void;

/** Distributive Omit: a command without its id, for each kind of command. */
type CommandBody = Command extends infer C
  ? C extends { id: number }
    ? Omit<C, 'id'>
    : never
  : never;

interface HistoryRequest {
  readonly epoch: number;
  readonly onEvents: (events: readonly TraceEvent[]) => void;
  readonly onDone: () => void;
}

export class EngineClient {
  private lastId = 0;
  /** The latest frame (null until the worker has sent one). */
  latest: PageFrame | null = null;
  private readonly mirror = new TraceMirror(DEFAULT_TRACE_CAPACITY);
  private readonly frameListeners = new Set<FrameListener>();
  private readonly pendingListeners = new Set<() => void>();
  private readonly waiting = new Map<
    number,
    { resolve: (answer: unknown) => void; reject: (error: Error) => void }
  >();
  /** History requests by the id of the command that asked. */
  private readonly history = new Map<number, HistoryRequest>();
  /** A play or pause not yet reflected in a frame (null: none). */
  private intendedPlaying: boolean | null = null;
  private ackScheduled = false;

  constructor(
    private readonly port: Port,
    /** Runs a callback once the page has drawn (requestAnimationFrame in the browser). */
    private readonly afterDraw: (callback: () => void) => void,
    /** A command the worker could not carry out (its message). */
    private readonly onError: (message: string) => void = () => {},
  ) {
    port.onmessage = (event: MessageEvent) => this.receive(event.data as Report);
  }

  /** True while a command sent has not yet shown up in a frame. */
  get pending(): boolean {
    return this.latest === null || this.latest.lastCommand < this.lastId;
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Called when `pending` may have changed because a command was sent. */
  onPending(listener: () => void): () => void {
    this.pendingListeners.add(listener);
    return () => this.pendingListeners.delete(listener);
  }

  // ------------------------------------------------------------ commands

  load(
    session: Session,
    atUs: number | null = null,
    atEvents: number | null = null,
    throughViolations = false,
  ): void {
    this.send({ type: 'load', session, atUs, atEvents, throughViolations });
  }
  /** Plays on; with `untilUs`, pauses on reaching that moment. */
  play(untilUs?: number): void {
    this.intendedPlaying = true;
    this.send(untilUs === undefined ? { type: 'play' } : { type: 'play', untilUs });
  }
  pause(): void {
    this.intendedPlaying = false;
    this.send({ type: 'pause' });
  }

  /**
   * Playing or not, counting a play or pause sent that no frame shows yet (two
   * quick presses of Space toggle twice, not play twice).
   */
  get playing(): boolean {
    return this.intendedPlaying ?? this.latest?.playing ?? false;
  }
  setPacing(choice: PacingChoice): void {
    this.send({ type: 'pacing', choice });
  }

  setSpeed(simUsPerWallSecond: number): void {
    this.send({ type: 'speed', simUsPerWallSecond });
  }
  step(events = 1): void {
    this.send({ type: 'step', events });
  }
  seek(timeUs: number, throughViolations = false): void {
    this.send({ type: 'seek', timeUs, relative: false, throughViolations });
  }
  /** Seeks `deltaUs` past where the cursor is going (so quick repeats add up). */
  seekBy(deltaUs: number): void {
    this.send({ type: 'seek', timeUs: deltaUs, relative: true, throughViolations: false });
  }
  apply(action: Intervention): void {
    this.send({ type: 'apply', action });
  }
  watchPacket(packetId: string | null): void {
    this.send({ type: 'watch-packet', packetId });
  }

  // ------------------------------------------------------------ questions

  /** Resolves once no seek is pending and the store has the frame showing where it ended. */
  settled(): Promise<void> {
    return this.ask({ kind: 'settled' }).then(() => undefined);
  }
  explain(seq: number): Promise<WhyChain | null> {
    return this.ask({ kind: 'explain', seq }) as Promise<WhyChain | null>;
  }
  exportTrace(): Promise<Answers['export']> {
    return this.ask({ kind: 'export' }) as Promise<Answers['export']>;
  }
  /** Both sessions run headless to `untilUs` in this worker, compared (the compare view's diff strip). */
  compare(a: Session, b: Session, untilUs: number): Promise<Answers['compare']> {
    return this.ask({ kind: 'compare', a, b, untilUs }) as Promise<Answers['compare']>;
  }

  /**
   * Asks for the events fromSeq ≤ seq < untilSeq of this epoch's run (what a
   * late viewer missed, or a gap), in batches, oldest first; a new epoch (or a
   * load) drops it without `onDone`. Returns the cancel function.
   */
  requestHistory(
    epoch: number,
    untilSeq: number,
    onEvents: HistoryRequest['onEvents'],
    onDone: HistoryRequest['onDone'],
    fromSeq = 0,
  ): () => void {
    const id = this.send({ type: 'history', epoch, fromSeq, untilSeq });
    this.history.set(id, { epoch, onEvents, onDone });
    return () => {
      if (!this.history.delete(id)) return;
      this.send({ type: 'cancel-history', request: id });
    };
  }

  // ------------------------------------------------------------ mirror

  /** Recent events with seq ≥ cursor, as the engine's `traceSince` (from what frames carried). */
  traceSince(cursor: number): { events: TraceEvent[]; evicted: number; next: number } {
    return this.mirror.since(cursor);
  }

  // ------------------------------------------------------------ internals

  private send(body: CommandBody): number {
    const id = ++this.lastId;
    this.port.postMessage({ ...body, id } as Command);
    for (const l of this.pendingListeners) l();
    return id;
  }

  private ask(question: Question): Promise<unknown> {
    const id = this.lastId + 1;
    const answer = new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.send({ type: 'ask', question });
    return answer;
  }

  private receive(report: Report): void {
    switch (report.type) {
      case 'frame':
        return this.takeFrame(report.frame);
      case 'reply': {
        const waiter = this.waiting.get(report.id);
        this.waiting.delete(report.id);
        if (report.error !== null) waiter?.reject(new Error(report.error));
        else waiter?.resolve(report.answer);
        return;
      }
      case 'history': {
        const request = this.history.get(report.request);
        if (request !== undefined) request.onEvents(report.events);
        if (report.done) {
          this.history.delete(report.request);
          request?.onDone();
        }
        this.port.postMessage({ type: 'history-ack' } satisfies Command);
        return;
      }
      case 'error':
        return this.onError(report.message);
    }
  }

  private takeFrame(sent: Frame): void {
    const session = sent.session ?? this.latest?.session;
    if (!session) throw new Error('the first frame of the engine came without its session');
    const last = this.latest?.view;
    const view =
      sent.slowFieldsOmitted && last
        ? { ...sent.view, peers: last.peers, recentRpcs: last.recentRpcs }
        : sent.view;
    const frame: PageFrame = { ...sent, session, view };
    if (frame.reset) {
      this.mirror.reset(frame.firstSeq);
      for (const [id, request] of this.history)
        if (request.epoch !== frame.epoch) {
          this.history.delete(id);
          this.send({ type: 'cancel-history', request: id });
        }
    }
    this.mirror.push(frame.events);
    this.latest = frame;
    if (!this.pending) this.intendedPlaying = null;
    for (const l of this.frameListeners) l(frame);
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    this.afterDraw(() => {
      this.ackScheduled = false;
      this.port.postMessage({ type: 'ack' } satisfies Command);
    });
  }
}

/** The last `capacity` events frames carried, for `traceSince`. */
class TraceMirror {
  private events: TraceEvent[] = [];
  /** Seq of events[0] (or of the next event when empty). */
  private firstSeq = 0;

  constructor(private readonly capacity: number) {}

  reset(firstSeq: number): void {
    this.events = [];
    this.firstSeq = firstSeq;
  }

  push(events: readonly TraceEvent[]): void {
    if (events.length === 0) return;
    const first = (events[0] as TraceEvent).seq;
    // Seqs must follow on; after a gap (events the engine did not keep) the mirror starts again.
    if (this.events.length === 0 || first !== this.firstSeq + this.events.length) {
      this.events = [];
      this.firstSeq = first;
    }
    for (const e of events) this.events.push(e);
    const over = this.events.length - this.capacity;
    if (over > this.capacity / 4) {
      this.events = this.events.slice(over);
      this.firstSeq += over;
    }
  }

  since(cursor: number): { events: TraceEvent[]; evicted: number; next: number } {
    const next = this.firstSeq + this.events.length;
    const from = Math.max(cursor, this.firstSeq, next - this.capacity);
    return { events: this.events.slice(from - this.firstSeq), evicted: from - cursor, next };
  }
}
