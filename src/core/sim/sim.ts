/*
 * The simulation world of one run: the virtual clock (integer microseconds),
 * the event heap, the ready queue that runs task continuations, named rng
 * streams, the trace, assertions and buggify. `step()` pops exactly one event,
 * sets the clock to its time, runs it and then everything it made runnable.
 * It also keeps causality: every timer and continuation remembers the trace
 * event current when it was scheduled, and runs with that as its cause; each
 * event emitted becomes the cause of what follows it in the same handler
 * (docs/ARCHITECTURE.md#the-trace). Nothing here blocks or reads wall time.
 * Knows nothing of networks, peers or scenarios; those layers schedule events
 * on it.
 */
import { Assertions, type Violation } from './assertions';
import { Buggify } from './buggify';
import { describeError, SimError, Timeout } from './errors';
import { SimFuture } from './future';
import { EventHeap, Timer } from './heap';
import { RngStreams } from './rng-streams';
import type { Rng } from './rng';
import { Task, type TaskBody, type TaskHost } from './task';
import { Trace, DEFAULT_TRACE_CAPACITY } from './trace';
import type { TraceKind } from './trace-kinds';
import type { TraceSchema } from './trace-schema';

export interface SimOptions {
  seed: bigint;
  buggify?: boolean;
  traceCapacity?: number;
  /**
   * A deliberately broken transport for this run (see core/mutants/catalogue.ts),
   * or null. The sim only carries the name; mutation sites compare it.
   */
  mutant?: string | null;
  /** No buggify site fires from this time on (the quiet tail that liveness is judged in). */
  buggifyQuietAfterUs?: number | null;
  /**
   * false: scenarios leave out the oracle (the per-call ledger, liveness, the
   * backoff rules), keeping the older transport checks. Only for measuring
   * what the oracle costs (`npm run bench`); every real run has it.
   */
  oracle?: boolean;
  /**
   * false: every event's cause is -1 and nothing tracks causes. Only for
   * measuring what cause links cost (`npm run bench`); every real run has them.
   */
  causes?: boolean;
}

export interface TimerHandle {
  /** Prevents the timer from firing; a cancelled timer is not an event. */
  cancel(): void;
  readonly dueUs: number;
}

export interface RunLimits {
  /** Run events due at or before this time, then move the clock to it. */
  timeUs?: number;
  /** Stop after this many events. */
  events?: number;
  /** Stop as soon as this holds after an event. */
  predicate?: () => boolean;
  /** Stop right after the event that caused the first new violation. */
  stopOnViolation?: boolean;
}

export type StopReason = 'time' | 'events' | 'predicate' | 'idle' | 'violation';

export interface RunResult {
  readonly reason: StopReason;
  readonly events: number;
}

/** Sequence numbers of "late" events start here: they sort after every ordinary event at their time. */
const LATE_SEQ_BASE = 2 ** 52;

export class Sim implements TaskHost {
  readonly seed: bigint;
  readonly trace: Trace;
  readonly assertions: Assertions;
  readonly buggify: Buggify;
  /** The mutant this run carries, or null (the correct stack). */
  readonly mutant: string | null;
  /** Whether scenarios install the oracle (see SimOptions.oracle). */
  readonly oracle: boolean;
  private readonly causes: boolean;
  private readonly streams: RngStreams;
  private readonly heap = new EventHeap();
  // Continuations and their arguments, in two parallel arrays (no closure per call).
  // Slots are reused: a counter marks the live ones, because truncating an
  // array after every step is a runtime call.
  private readonly readyQueue: ((arg: unknown) => void)[] = [];
  private readonly readyArgs: unknown[] = [];
  private readonly readyCauses: number[] = [];
  private readyLength = 0;
  /** The cause the next emitted event gets: the last event of the running handler, or what scheduled it. -1 between steps. */
  private causeSeq = -1;
  /** Set by pinCause: events do not chain, each is caused by the pinned one (until the next step). */
  private pinned = false;
  private nextSeq = 0;
  private nextLateSeq = LATE_SEQ_BASE;
  private clockUs = 0;
  private eventCount = 0;
  /** Running tasks, in spawn order (a Set keeps insertion order: deterministic). */
  private readonly tasks = new Set<Task<unknown>>();

  constructor(options: SimOptions) {
    this.seed = options.seed;
    this.streams = new RngStreams(options.seed);
    this.trace = new Trace(options.traceCapacity ?? DEFAULT_TRACE_CAPACITY);
    this.buggify = new Buggify(
      options.seed,
      options.buggify ?? false,
      () => this.clockUs,
      options.buggifyQuietAfterUs ?? null,
      (site) => this.emit('', 'buggify_fired', { site }),
    );
    this.mutant = options.mutant ?? null;
    this.oracle = options.oracle ?? true;
    this.causes = options.causes ?? true;
    this.assertions = new Assertions((v, traced) => this.recordViolation(v, traced));
  }

  /** Current virtual time in microseconds since the run started. */
  now(): number {
    return this.clockUs;
  }

  /** Number of events run so far. */
  get events(): number {
    return this.eventCount;
  }

  /** Number of scheduled events not yet run (a cancelled timer leaves the queue at once). */
  get pending(): number {
    return this.heap.size;
  }

  rng(stream: string): Rng {
    return this.streams.stream(stream);
  }

  /** Every random stream (and BUGGIFY's fires) draws from `seed` from now on (a session's reseed entry). */
  reseed(seed: bigint): void {
    this.streams.reseed(seed);
    this.buggify.reseedFires(seed);
  }

  /** Records an event on `node` ('' for the world), caused by the current cause; it becomes the current cause. Returns its seq. */
  emit<K extends TraceKind>(node: string, kind: K, fields: TraceSchema[K]): number {
    if (!this.causes) return this.trace.emit(this.clockUs, node, kind, fields, -1);
    const cause = this.causeSeq;
    // Listeners run inside trace.emit: what they emit (a violation) is caused by this event,
    // and does not become the cause of what this handler does next.
    const seq = (this.causeSeq = this.trace.length);
    this.trace.emit(this.clockUs, node, kind, fields, cause);
    this.causeSeq = this.pinned ? cause : seq;
    return seq;
  }

  /** The seq the next event would name as its cause (-1: none). Queues that outlive a handler save it per item. */
  get currentCause(): number {
    return this.causeSeq;
  }

  /**
   * Makes `seq` the current cause: for work that one timer does on behalf of
   * many earlier events (a pipe delivering the segment that a send queued).
   */
  setCause(seq: number): void {
    this.causeSeq = seq;
    this.pinned = false;
  }

  /**
   * Makes `seq` the cause of everything from now until the next step, side by
   * side rather than in a chain: a run's setup, where each node's start is
   * caused by the run's start, not by the node set up before it.
   */
  pinCause(seq: number): void {
    this.causeSeq = seq;
    this.pinned = true;
  }

  /** Runs `fn` after `delayUs` microseconds of virtual time (0 = later in this instant). */
  schedule(delayUs: number, label: string, fn: () => void): TimerHandle {
    if (!(delayUs >= 0 && Number.isInteger(delayUs))) {
      throw new RangeError(
        `schedule(${label}): delayUs must be a non-negative integer, got ${delayUs}`,
      );
    }
    return this.scheduleAt(this.clockUs + delayUs, label, fn);
  }

  scheduleAt(timeUs: number, label: string, fn: () => void): TimerHandle {
    const timer = new Timer(
      timeUs > this.clockUs ? timeUs : this.clockUs,
      this.nextSeq++,
      label,
      fn,
      this.heap,
      this.causeSeq,
    );
    this.heap.push(timer);
    return timer;
  }

  /**
   * Runs `fn` at `timeUs` after every ordinary event due at that time, including
   * ones scheduled later. Interventions use this: a user acting at time t acts
   * after everything that happened at t, and a replay must do the same.
   */
  scheduleLate(timeUs: number, label: string, fn: () => void): TimerHandle {
    const timer = new Timer(
      timeUs > this.clockUs ? timeUs : this.clockUs,
      this.nextLateSeq++,
      label,
      fn,
      this.heap,
      this.causeSeq,
    );
    this.heap.push(timer);
    return timer;
  }

  /** Queues a continuation to run before the current step returns (never a timer event). */
  defer(fn: () => void): void {
    this.deferWith(fn, undefined);
  }

  deferWith<A>(fn: (arg: A) => void, arg: A): void {
    this.readyQueue[this.readyLength] = fn as (arg: unknown) => void;
    this.readyCauses[this.readyLength] = this.causeSeq;
    this.readyArgs[this.readyLength++] = arg;
  }

  /** A new pending future bound to this world. */
  future<T>(): SimFuture<T> {
    return new SimFuture<T>(this);
  }

  /** A future that resolves after `delayUs` of virtual time. */
  sleep(delayUs: number): SimFuture<void> {
    const f = this.future<void>();
    this.schedule(delayUs, 'sleep', () => f.resolve());
    return f;
  }

  /** Resolves like `future`, or rejects with Timeout if it has not settled within `timeoutUs`. */
  withTimeout<T>(future: SimFuture<T>, timeoutUs: number, what: string): SimFuture<T> {
    const out = this.future<T>();
    const timer = this.schedule(timeoutUs, 'timeout', () =>
      out.reject(new Timeout(what, timeoutUs)),
    );
    future.onSettle((r) => {
      timer.cancel();
      if (r.ok) out.resolve(r.value);
      else out.reject(r.error);
    });
    return out;
  }

  /** Starts a generator task on `node`; it first runs within the current step. */
  spawn<T>(name: string, node: string, body: TaskBody<T>): Task<T> {
    const task = new Task<T>(this, name, node, body);
    this.tasks.add(task as Task<unknown>);
    return task;
  }

  /** Cancels every running task of `node` (the node was killed). */
  cancelTasksOf(node: string): void {
    for (const task of [...this.tasks]) if (task.node === node && task.running) task.cancel();
  }

  taskEnded(task: Task<unknown>): void {
    this.tasks.delete(task);
  }

  taskFailed(task: Task<unknown>, error: unknown): void {
    // A non-sim error's message is the JavaScript engine's wording, which differs between
    // Node and browsers: the hashed trace gets only its kind; the violation keeps the text.
    const { kind, message } = describeError(error);
    const traced = error instanceof SimError ? message : kind;
    this.emit(task.node, 'task_failed', { task: task.name, error: kind, message: traced });
    this.assertions.always(
      false,
      'tasks never crash',
      task.node,
      `task ${task.name} threw ${kind}: ${message}`,
      `task ${task.name} threw ${kind}: ${traced}`,
    );
  }

  /** Runs exactly one event (skipping cancelled ones) and all it made runnable. */
  step(): boolean {
    this.drainReady(); // continuations queued outside a step (a new task) run first, as in runUntil
    for (;;) {
      const event = this.heap.pop();
      if (!event) {
        this.drainReady();
        return false;
      }
      const run = event.run;
      if (!run) continue;
      event.run = null;
      this.clockUs = event.timeUs;
      this.eventCount++;
      this.pinned = false;
      this.causeSeq = event.cause;
      run();
      this.drainReady();
      return true;
    }
  }

  /** Time of the next live event, or undefined when nothing is scheduled. */
  nextEventUs(): number | undefined {
    for (;;) {
      const top = this.heap.peek();
      if (!top || top.run) return top?.timeUs;
      this.heap.pop();
    }
  }

  /** Runs events until a limit is reached; always bounded when a limit is given. */
  runUntil(limits: RunLimits): RunResult {
    const startEvents = this.eventCount;
    const startViolations = this.assertions.violations.length;
    this.drainReady();
    for (;;) {
      if (limits.events !== undefined && this.eventCount - startEvents >= limits.events) {
        return { reason: 'events', events: this.eventCount - startEvents };
      }
      const next = this.nextEventUs();
      if (limits.timeUs !== undefined && (next === undefined || next > limits.timeUs)) {
        this.clockUs = Math.max(this.clockUs, limits.timeUs);
        return { reason: 'time', events: this.eventCount - startEvents };
      }
      if (next === undefined) return { reason: 'idle', events: this.eventCount - startEvents };
      this.step();
      if (limits.stopOnViolation && this.assertions.violations.length > startViolations) {
        return { reason: 'violation', events: this.eventCount - startEvents };
      }
      if (limits.predicate?.())
        return { reason: 'predicate', events: this.eventCount - startEvents };
    }
  }

  private drainReady(): void {
    // Index loop: continuations may queue more continuations, all run in FIFO order.
    const queue = this.readyQueue;
    const args = this.readyArgs;
    const causes = this.readyCauses;
    this.pinned = false;
    for (let i = 0; i < this.readyLength; i++) {
      const fn = queue[i] as (arg: unknown) => void;
      const arg = args[i];
      args[i] = undefined; // don't keep a settled value alive until the slot is reused
      this.causeSeq = causes[i] as number;
      fn(arg);
    }
    this.readyLength = 0;
    this.pinned = false;
    this.causeSeq = -1; // what the outside world schedules between steps has no cause in the run
  }

  private recordViolation(v: Omit<Violation, 'timeUs' | 'seq'>, tracedMessage?: string): Violation {
    const seq = this.emit(v.node, 'invariant_violated', {
      name: v.name,
      message: tracedMessage ?? v.message,
    });
    return { ...v, timeUs: this.clockUs, seq };
  }
}
