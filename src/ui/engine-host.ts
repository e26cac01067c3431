/*
 * Runs the real engine in the page without freezing it: every animation frame
 * it advances the engine toward a target time for at most a few milliseconds
 * (a frame budget), then publishes the view. Seeking backwards rebuilds the
 * engine from the session (rewind = replay) and runs forward in budgeted
 * slices, reporting progress. It owns the Engine; the store and components
 * only call these methods. No simulation logic lives here — only scheduling
 * of the engine's own step/runUntil.
 */
import { createEngine, type Engine } from '../core/engine';
import type { Intervention } from '../core/intervention';
import type { Session } from '../core/session';
import type { TraceEvent } from '../core/sim';

export interface HostSnapshot {
  readonly engine: Engine;
  readonly playing: boolean;
  /** Virtual µs per wall-clock second. */
  readonly speed: number;
  /** Non-null while a seek is being worked off: how far along (0..1). */
  readonly seekProgress: number | null;
  readonly stoppedForViolation: boolean;
}

export type HostListener = (
  snapshot: HostSnapshot,
  newEvents: readonly TraceEvent[],
  reset: boolean,
) => void;

const FRAME_BUDGET_MS = 8;
/** Engines kept at later times after a seek back, so seeking forward again is instant. */
const MAX_PARKED = 3;
const SLICE_EVENTS = 500;

export class EngineHost {
  private engine: Engine;
  private playing = false;
  private speed = 1_000_000;
  private targetUs: number | null = null;
  /** With targetUs: stop after exactly this many events (a moment between two events of one instant). */
  private targetEvents: number | null = null;
  /** The current seek does not stop at violations (see seek). */
  private seekThroughViolations = false;
  private seekFromUs = 0;
  private traceCursor = 0;
  private reset = true;
  private stoppedForViolation = false;
  private lastWallMs: number | null = null;
  /** What the last publish showed; a frame in which none of it changed publishes nothing. */
  private lastPublished = '';
  private frame: number | null = null;
  private readonly listeners: HostListener[] = [];
  /**
   * Engines of the current session left at other times by seeks backwards:
   * generator tasks cannot be snapshotted, but a whole engine can be kept and
   * resumed. Any change to the session (an intervention, a new run) drops them.
   */
  private parked: Engine[] = [];

  constructor(
    session: Session,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.engine = createEngine(session, { viewer: true });
  }

  get current(): Engine {
    return this.engine;
  }

  subscribe(listener: HostListener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  /** Starts the animation-frame loop (browser only). */
  start(): void {
    const loop = (t: number) => {
      this.tick(t);
      this.frame = requestAnimationFrame(loop);
    };
    this.frame = requestAnimationFrame(loop);
  }

  stop(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  /** Loads a session (a new run) and optionally seeks into it (to a time, or to an event count at that time). */
  load(session: Session, atUs: number | null = null, atEvents: number | null = null): void {
    this.parked = [];
    this.seekThroughViolations = false;
    this.engine = createEngine(session, { viewer: true });
    this.traceCursor = 0;
    this.reset = true;
    this.playing = false;
    this.stoppedForViolation = false;
    this.targetUs = atUs;
    this.targetEvents = atUs === null ? null : atEvents;
    this.seekFromUs = 0;
    this.publish();
  }

  play(): void {
    if (this.stoppedForViolation) this.stoppedForViolation = false;
    this.playing = true;
    this.lastWallMs = null;
    this.publish();
  }

  pause(): void {
    this.playing = false;
    this.publish();
  }

  setSpeed(simUsPerWallSecond: number): void {
    this.speed = Math.max(1, Math.round(simUsPerWallSecond));
    this.publish();
  }

  /** Exactly one event. */
  stepEvent(): void {
    this.playing = false;
    this.targetUs = null;
    this.targetEvents = null;
    this.engine.step();
    this.publish();
  }

  /** Moves the cursor to `timeUs`, backwards included (rebuild and replay). */
  /**
   * `throughViolations`: keep going past violations on the way (a "Why?" link
   * jumps to its event, which may lie after the run's first violation).
   */
  seek(timeUs: number, { throughViolations = false }: { throughViolations?: boolean } = {}): void {
    const t = Math.max(0, Math.round(timeUs));
    this.seekThroughViolations = throughViolations;
    const resume = this.closestParked(t);
    if (resume) this.swapTo(resume);
    else if (t < this.engine.nowUs())
      this.swapTo(createEngine(this.engine.session(), { viewer: true }));
    this.seekFromUs = this.engine.nowUs();
    this.targetUs = t;
    this.targetEvents = null;
    this.playing = false;
    this.publish();
  }

  /** Runs any pending seek to completion now (tests, and the first load of a link). */
  finishSeek(): void {
    // Publish between chunks so viewers get every trace event before the ring buffer evicts it.
    while (this.targetUs !== null) {
      this.work(this.now() + 50);
      this.publish();
    }
  }

  apply(action: Intervention): void {
    this.finishSeek();
    this.parked = []; // a fork: the parked futures belong to the old session
    this.engine.apply(action);
    this.publish();
  }

  /** The parked engine closest below `t` that is ahead of the current one, if any. */
  private closestParked(t: number): Engine | undefined {
    const now = this.engine.nowUs();
    const usable = this.parked.filter((e) => e.nowUs() <= t && (e.nowUs() > now || t < now));
    return usable.sort((a, b) => b.nowUs() - a.nowUs())[0];
  }

  /** Makes `next` current, parking the current engine for a later seek forward. */
  private swapTo(next: Engine): void {
    this.parked = this.parked.filter((e) => e !== next);
    this.parked.push(this.engine);
    if (this.parked.length > MAX_PARKED)
      this.parked.sort((a, b) => b.nowUs() - a.nowUs()).splice(MAX_PARKED);
    this.engine = next;
    this.traceCursor = 0;
    this.reset = true;
  }

  /** One animation frame: advance the playhead and work within the budget. */
  tick(wallMs: number): void {
    if (this.playing && this.targetUs === null) {
      const dtMs = this.lastWallMs === null ? 0 : Math.min(wallMs - this.lastWallMs, 100);
      const next = this.engine.nowUs() + Math.max(1, Math.round((this.speed * dtMs) / 1000));
      this.runSlice(next, this.now() + FRAME_BUDGET_MS, true);
    } else if (this.targetUs !== null) {
      this.work(this.now() + FRAME_BUDGET_MS);
    }
    this.lastWallMs = wallMs;
    this.publish(false);
  }

  private work(deadlineMs: number): void {
    const target = this.targetUs as number;
    if (this.targetEvents !== null) this.runToEventCount(target, this.targetEvents, deadlineMs);
    else this.runSlice(target, deadlineMs, !this.seekThroughViolations);
    const done =
      this.targetEvents !== null
        ? this.engine.sim.events >= this.targetEvents
        : this.engine.nowUs() >= target;
    if (done || this.stoppedForViolation || this.targetUs === null) {
      this.targetUs = null;
      this.targetEvents = null;
      this.seekThroughViolations = false;
    }
  }

  /** Replays to exactly `events` events (all at or before `timeUs`), as the moment a link was taken. */
  private runToEventCount(timeUs: number, events: number, deadlineMs: number): void {
    while (this.engine.sim.events < events && this.now() < deadlineMs) {
      const cap = Math.min(SLICE_EVENTS, events - this.engine.sim.events);
      const r = this.engine.runUntil({
        timeUs,
        events: cap,
        stopOnViolation: !this.seekThroughViolations,
      });
      if (r.reason === 'violation') {
        this.stoppedForViolation = true;
        this.targetUs = null;
        return;
      }
      if (r.events === 0) {
        this.targetUs = null; // the link asks for more events than this instant has: stand at its end
        return;
      }
    }
  }

  private runSlice(targetUs: number, deadlineMs: number, stopOnViolation: boolean): void {
    while (this.engine.nowUs() < targetUs && this.now() < deadlineMs) {
      const r = this.engine.runUntil({ timeUs: targetUs, events: SLICE_EVENTS, stopOnViolation });
      if (r.reason === 'violation') {
        this.playing = false;
        this.stoppedForViolation = true;
        this.targetUs = null;
        return;
      }
    }
  }

  /** Sends the current state to listeners; with force=false only if something changed. */
  private publish(force = true): void {
    const engine = this.engine;
    const stamp = `${engine.sim.events}|${engine.nowUs()}|${engine.sim.trace.length}|${this.playing}|${this.speed}|${this.targetUs}|${this.targetEvents}|${this.stoppedForViolation}|${this.reset}`;
    if (!force && stamp === this.lastPublished) return;
    this.lastPublished = stamp;
    const { events, next } = this.engine.traceSince(this.traceCursor);
    this.traceCursor = next;
    const reset = this.reset;
    this.reset = false;
    const target = this.targetUs;
    const span = target === null ? 0 : target - this.seekFromUs;
    const snapshot: HostSnapshot = {
      engine: this.engine,
      playing: this.playing,
      speed: this.speed,
      seekProgress:
        target === null ? null : span <= 0 ? 1 : (this.engine.nowUs() - this.seekFromUs) / span,
      stoppedForViolation: this.stoppedForViolation,
    };
    for (const l of this.listeners) l(snapshot, events, reset);
  }
}
