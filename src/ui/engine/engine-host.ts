/*
 * Owns the playground's engines (in the worker, or in the page as a fallback)
 * and schedules their work: playing at a speed against the wall clock,
 * seeking (backwards = rebuild from the session and replay), stepping,
 * intervening. A far target is reached headless — no view, no kept trace —
 * and the engine starts watching WATCH_BEFORE_US before it, so opening a long
 * link costs about what the CLI's run does. It builds frames on request and
 * knows nothing of messages, the DOM or React: engine-worker.ts drives it.
 */
import { createEngine, type Engine } from '../../core/engine';
import type { Intervention } from '../../core/intervention';
import type { Session } from '../../core/session';
import type { Frame, PaceReport, PacingChoice } from './protocol';
import { PacketPacer } from './pacer';

/** A far target is reached headless; the engine starts watching this much virtual time before it. */
export const WATCH_BEFORE_US = 5_000_000;
/** Engines kept at later times after a seek back, so seeking forward again is instant. */
const MAX_PARKED = 3;
const SLICE_EVENTS = 500;
/** A resumed engine's frames start at most this many events back (the rest is history: cloning 100k events would stall the page). */
const RESET_EVENTS_MAX = 2000;
/**
 * Trace events one frame carries at most: taking in a frame costs the page
 * about a microsecond per event (cloning, the timeline's index, the console),
 * and a frame of 8,000 events made a 50 ms task.
 */
const FRAME_EVENTS_MAX = 1500;
/** Work pauses while more events than this wait to be sent: events are never skipped, so the engine waits for the page. */
const BACKLOG_MAX = 4 * FRAME_EVENTS_MAX;
/**
 * While playing, the view's peers and ended calls travel at most this often
 * (wall ms): only the text panels show them, and they refresh at that rate
 * anyway (calm-view.ts). A 32-node mesh has 992 peers: 500 KB of view to
 * clone every frame.
 */
const SLOW_FIELDS_MS = 150;
/** Longest wall-clock step a playing engine takes at once (a stalled page does not make it jump). */
const MAX_PLAY_STEP_MS = 100;
/** `auto` pacing follows packets in scenarios with at most this many nodes: beyond, the wire is never quiet. */
const PACKET_PACING_NODES_MAX = 4;

export class EngineHost {
  private engine: Engine | null = null;
  private currentEpoch = 0;
  private playing = false;
  private speed = 1_000_000;
  private pacing: PacingChoice = 'auto';
  private readonly pacer = new PacketPacer();
  /** The last play tick's rate, and the idle time skipped since the last frame. */
  private paceRateUsPerS = this.speed;
  private skippedUs = 0;
  private targetUs: number | null = null;
  /** Play pauses on reaching this moment (a lesson playing into its step); null: plays on. */
  private playUntilUs: number | null = null;
  /** With targetUs: stop after exactly this many events (a moment between two events of one instant). */
  private targetEvents: number | null = null;
  /** The current seek does not stop at violations (a Why? link may lie after the first one). */
  private seekThroughViolations = false;
  private seekFromUs = 0;
  private seekStartWallMs = 0;
  private traceCursor = 0;
  private reset = true;
  private stoppedForViolation = false;
  private lastPlayWallMs: number | null = null;
  private dirty = true;
  private watchedPacket: string | null = null;
  /** When a frame last carried the view's slow fields (peers, ended calls), wall ms. */
  private slowFieldsSentMs = -Infinity;
  /** The session changed since the last frame (a new engine, an intervention): frames carry it only then. */
  private sessionChanged = true;
  /** The highest command id handled (echoed in frames so the page knows its commands took effect). */
  lastCommand = 0;
  /**
   * Engines of the current session left at other times by seeks backwards:
   * generator tasks cannot be snapshotted, but a whole engine can be kept and
   * resumed. Any change to the session (an intervention, a new run) drops them.
   */
  private parked: Engine[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The engine at the cursor (null before the first load). */
  get current(): Engine | null {
    return this.engine;
  }

  /** True while there is work to do without being asked (a seek, or playing). */
  get busy(): boolean {
    return this.engine !== null && (this.targetUs !== null || this.playing);
  }

  /** Bumped whenever the engine is replaced (see Frame.epoch). */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** The seq of the next trace event a frame would carry (all before it were sent or not kept). */
  get sentThrough(): number {
    return this.traceCursor;
  }

  get seeking(): boolean {
    return this.targetUs !== null;
  }

  load(
    session: Session,
    atUs: number | null = null,
    atEvents: number | null = null,
    throughViolations = false,
  ): void {
    this.parked = [];
    this.playing = false;
    this.playUntilUs = null;
    this.stoppedForViolation = false;
    this.replaceEngine(this.freshEngine(session, atUs ?? 0));
    this.startSeek(atUs ?? 0, atUs === null ? null : atEvents, throughViolations);
  }

  /** Plays on; with `untilUs`, pauses exactly there. */
  play(untilUs: number | null = null): void {
    this.stoppedForViolation = false;
    this.playing = true;
    this.playUntilUs = untilUs;
    this.lastPlayWallMs = null;
    this.pacer.reset();
    this.dirty = true;
  }

  pause(): void {
    this.playing = false;
    this.playUntilUs = null;
    this.dirty = true;
  }

  setSpeed(simUsPerWallSecond: number): void {
    this.speed = Math.max(1, Math.round(simUsPerWallSecond));
    this.dirty = true;
  }

  setPacing(choice: PacingChoice): void {
    this.pacing = choice;
    this.pacer.reset();
    this.dirty = true;
  }

  /** What the pacing choice comes to for the engine at the cursor. */
  get pacingMode(): 'packets' | 'rate' {
    if (this.pacing !== 'auto') return this.pacing;
    const nodes = this.engine?.net.hosts().length ?? 0;
    return nodes <= PACKET_PACING_NODES_MAX ? 'packets' : 'rate';
  }

  /** Exactly `count` events, paused (a pending seek is finished first). */
  step(count: number): void {
    const engine = this.need();
    this.finishSeek();
    this.playing = false;
    this.playUntilUs = null;
    engine.watch();
    for (let i = 0; i < count; i++) if (!engine.step()) break;
    this.dirty = true;
  }

  /** Moves the cursor to `timeUs`, backwards included (rebuild and replay, or resume a parked engine). */
  seek(timeUs: number, throughViolations = false): void {
    const engine = this.need();
    const t = Math.max(0, Math.round(timeUs));
    this.playing = false;
    this.playUntilUs = null;
    const resume = this.closestParked(t);
    if (resume) this.swapTo(resume, true);
    else if (t < engine.nowUs() || this.cheaperFresh(engine, t))
      this.swapTo(this.freshEngine(engine.session(), t));
    this.startSeek(t, null, throughViolations);
  }

  /** The cursor's time (0 before the first load). */
  nowUs(): number {
    return this.engine?.nowUs() ?? 0;
  }

  /** Trace events the engine keeps that no frame has carried yet. */
  get backlog(): number {
    const trace = this.engine?.sim.trace;
    return trace === undefined ? 0 : trace.length - Math.max(this.traceCursor, trace.firstKeptSeq);
  }

  /** False while the page has too many events still to take in (work waits for it). */
  get canWork(): boolean {
    return this.backlog <= BACKLOG_MAX;
  }

  /** Where the cursor is going (a pending seek's target), else where it is. */
  destinationUs(): number {
    return this.targetUs ?? this.nowUs();
  }

  apply(action: Intervention): void {
    const engine = this.need();
    this.finishSeek();
    engine.watch();
    this.parked = []; // a fork: the parked futures belong to the old session
    engine.apply(action); // throws, changing nothing, if the action is refused
    this.sessionChanged = true;
    this.dirty = true;
  }

  watchPacket(packetId: string | null): void {
    this.watchedPacket = packetId;
    this.dirty = true;
  }

  /** Runs any pending seek to completion now. */
  finishSeek(): void {
    while (this.targetUs !== null) this.workSeek(this.now() + 1000);
  }

  /** Works for up to `budgetMs` of wall time: on the seek, else on playing. */
  work(budgetMs: number): void {
    if (this.engine === null || !this.canWork) return; // let the page catch up first
    const deadline = this.now() + budgetMs;
    if (this.targetUs !== null) this.workSeek(deadline);
    else if (this.playing) this.workPlay(deadline);
  }

  /**
   * The frame to send, or null if nothing changed since the last one. Trace
   * events since the last frame ride along; a reset frame carries the ring.
   */
  frame(): Frame | null {
    const engine = this.engine;
    if (engine === null || !this.dirty) return null;
    this.dirty = false;
    const next = engine.sim.trace.length;
    // At most FRAME_EVENTS_MAX a frame: the rest follow in the next frames (work waits meanwhile, see work).
    const events = engine.traceSince(this.traceCursor, FRAME_EVENTS_MAX).events;
    const firstSeq = events[0]?.seq ?? next;
    const last = events[events.length - 1];
    this.traceCursor = last === undefined ? next : last.seq + 1;
    if (this.backlog > 0) this.dirty = true;
    const reset = this.reset;
    this.reset = false;
    const session = this.sessionChanged ? engine.session() : null;
    this.sessionChanged = false;
    const target = this.targetUs;
    const span = target === null ? 0 : target - this.seekFromUs;
    const progress =
      target === null ? null : span <= 0 ? 1 : (engine.nowUs() - this.seekFromUs) / span;
    const view = engine.view();
    const wallMs = this.now();
    const slowFields = !this.playing || reset || wallMs - this.slowFieldsSentMs >= SLOW_FIELDS_MS;
    if (slowFields) this.slowFieldsSentMs = wallMs;
    return {
      epoch: this.currentEpoch,
      reset,
      firstSeq,
      events,
      view: slowFields ? view : { ...view, peers: [], recentRpcs: [] },
      slowFieldsOmitted: !slowFields,
      session,
      timeUs: engine.nowUs(),
      simEvents: engine.sim.events,
      traceLength: engine.sim.trace.length,
      traceHash: engine.traceHash(),
      playing: this.playing,
      speed: this.speed,
      pace: this.paceReport(),
      seekProgress: progress,
      seekEtaMs: progress === null ? null : this.etaMs(progress),
      stoppedForViolation: this.stoppedForViolation,
      lastCommand: this.lastCommand,
      packetDetail: this.watchedPacket === null ? null : engine.packetDetail(this.watchedPacket),
    };
  }

  /** Marks the state as changed (a command was handled): the next frame is sent even if the engine did not move. */
  touch(): void {
    this.dirty = true;
  }

  // ------------------------------------------------------------ internals

  private need(): Engine {
    if (this.engine === null) throw new Error('no session loaded yet');
    return this.engine;
  }

  private startSeek(t: number, events: number | null, throughViolations: boolean): void {
    this.targetUs = t;
    this.targetEvents = events;
    this.seekThroughViolations = throughViolations;
    this.seekFromUs = this.engine?.nowUs() ?? 0;
    this.seekStartWallMs = this.now();
    this.dirty = true;
  }

  /** A new engine for `session`, headless if `targetUs` is far enough for that to pay. */
  private freshEngine(session: Session, targetUs: number): Engine {
    return createEngine(session, { viewer: targetUs <= WATCH_BEFORE_US });
  }

  /**
   * Replaying from 0 headless is cheaper than running on from here watching
   * (about five times the cost per event) when the way left is long.
   */
  private cheaperFresh(engine: Engine, t: number): boolean {
    return t - engine.nowUs() > WATCH_BEFORE_US && (t - engine.nowUs()) * 4 > t;
  }

  /** `resumed`: a parked engine, whose ring may hold 100k events: frames start at the newest; viewers ask for the rest as history. */
  private replaceEngine(next: Engine, resumed = false): void {
    this.engine = next;
    this.currentEpoch++;
    const trace = next.sim.trace;
    this.traceCursor = resumed ? Math.max(trace.firstKeptSeq, trace.length - RESET_EVENTS_MAX) : 0;
    this.reset = true;
    this.sessionChanged = true;
    this.dirty = true;
  }

  /** The parked engine closest below `t` that is ahead of the current one, if any. */
  private closestParked(t: number): Engine | undefined {
    const now = this.nowUs();
    const usable = this.parked.filter(
      (e) => e.watching && e.nowUs() <= t && (e.nowUs() > now || t < now),
    );
    return usable.sort((a, b) => b.nowUs() - a.nowUs())[0];
  }

  /** Makes `next` current, parking the current engine for a later seek forward. */
  private swapTo(next: Engine, resumed = false): void {
    const current = this.need();
    this.parked = this.parked.filter((e) => e !== next);
    if (current.watching) this.parked.push(current);
    if (this.parked.length > MAX_PARKED)
      this.parked.sort((a, b) => b.nowUs() - a.nowUs()).splice(MAX_PARKED);
    this.replaceEngine(next, resumed);
  }

  private workSeek(deadlineMs: number): void {
    const engine = this.need();
    const target = this.targetUs as number;
    if (!engine.watching) this.runHeadless(engine, target - WATCH_BEFORE_US, deadlineMs);
    if (engine.watching) {
      if (this.targetEvents !== null)
        this.runToEventCount(engine, target, this.targetEvents, deadlineMs);
      else this.runSlice(engine, target, deadlineMs, !this.seekThroughViolations);
    }
    this.dirty = true;
    const done =
      this.targetEvents !== null
        ? engine.sim.events >= this.targetEvents
        : engine.nowUs() >= target;
    if (done || this.stoppedForViolation || this.targetUs === null) {
      engine.watch();
      this.targetUs = null;
      this.targetEvents = null;
      this.seekThroughViolations = false;
    }
  }

  /** Runs without watching up to `untilUs`, then starts watching. */
  private runHeadless(engine: Engine, untilUs: number, deadlineMs: number): void {
    const stopOnViolation = !this.seekThroughViolations;
    while (engine.nowUs() < untilUs && this.now() < deadlineMs) {
      const r = engine.runUntil({ timeUs: untilUs, events: SLICE_EVENTS * 8, stopOnViolation });
      if (r.reason === 'violation') {
        engine.watch();
        return this.stopForViolation();
      }
    }
    if (engine.nowUs() >= untilUs) engine.watch();
  }

  private workPlay(deadlineMs: number): void {
    const engine = this.need();
    const wallMs = this.now();
    const dtMs =
      this.lastPlayWallMs === null ? 0 : Math.min(wallMs - this.lastPlayWallMs, MAX_PLAY_STEP_MS);
    this.lastPlayWallMs = wallMs;
    let next = engine.nowUs() + Math.max(1, Math.round((this.speed * dtMs) / 1000));
    this.paceRateUsPerS = this.speed;
    if (this.pacingMode === 'packets') {
      const step = this.pacer.next({
        nowUs: engine.nowUs(),
        wallDtMs: dtMs,
        flights: engine.packetFlights(),
        nextEventUs: engine.sim.nextEventUs(),
        speedUsPerS: this.speed,
      });
      next = step.targetUs;
      this.paceRateUsPerS = step.rateUsPerS;
      this.skippedUs += step.skippedUs;
    }
    const until = this.playUntilUs;
    if (until !== null) next = Math.min(next, until);
    // Playing into a moment (a lesson's step) goes through violations: the step may explain one.
    this.runSlice(engine, next, deadlineMs, until === null);
    if (until !== null && engine.nowUs() >= until) this.pause();
    this.dirty = true;
  }

  /** How play moved time since the last frame (the skipped time is reported once). */
  private paceReport(): PaceReport {
    const report: PaceReport = {
      choice: this.pacing,
      mode: this.pacingMode,
      rateUsPerS: this.playing ? this.paceRateUsPerS : this.speed,
      skippedUs: this.skippedUs,
    };
    this.skippedUs = 0;
    return report;
  }

  /** Replays to exactly `events` events (all at or before `timeUs`), as the moment a link was taken. */
  private runToEventCount(
    engine: Engine,
    timeUs: number,
    events: number,
    deadlineMs: number,
  ): void {
    while (engine.sim.events < events && this.now() < deadlineMs) {
      const cap = Math.min(SLICE_EVENTS, events - engine.sim.events);
      const r = engine.runUntil({
        timeUs,
        events: cap,
        stopOnViolation: !this.seekThroughViolations,
      });
      if (r.reason === 'violation') return this.stopForViolation();
      if (r.events === 0) {
        this.targetUs = null; // the link asks for more events than this instant has: stand at its end
        return;
      }
    }
  }

  private runSlice(
    engine: Engine,
    targetUs: number,
    deadlineMs: number,
    stopOnViolation: boolean,
  ): void {
    while (engine.nowUs() < targetUs && this.now() < deadlineMs) {
      const r = engine.runUntil({ timeUs: targetUs, events: SLICE_EVENTS, stopOnViolation });
      if (r.reason === 'violation') return this.stopForViolation();
    }
  }

  private stopForViolation(): void {
    this.playing = false;
    this.playUntilUs = null;
    this.stoppedForViolation = true;
    this.targetUs = null;
    this.dirty = true;
  }

  /** Wall-clock ms left on the seek at the rate so far (null until a tenth of a second has passed). */
  private etaMs(progress: number): number | null {
    const elapsed = this.now() - this.seekStartWallMs;
    if (elapsed < 100 || progress <= 0) return null;
    return Math.round((elapsed * (1 - progress)) / progress);
  }
}
