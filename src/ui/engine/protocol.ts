/*
 * The one message API between the page and the engine's worker
 * (docs/ARCHITECTURE.md, "The engine off the main thread"). The page sends
 * commands (load, play, seek, intervene…) and asks questions (Why?, the export,
 * "tell me when the seek is done"); the worker answers with frames — the
 * latest view plus every trace event since the last frame — and replies. The
 * browser, the in-page fallback and the unit tests all speak exactly this.
 * Types only: no engine, no DOM.
 */
import type { Intervention } from '../../core/intervention';
import type { Session } from '../../core/session';
import type { TraceEvent } from '../../core/sim';
import type { EngineView, PacketDetail } from '../../core/view';
import type { WhyChain } from '../../core/why';
import type { ComparisonSummary } from '../../core/compare/compare-runs';

/** What can carry messages both ways: a Worker, its `self`, a MessagePort. */
export interface Port {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** Page → worker. Every command but `ack` and `history-ack` carries an id, echoed in frames as `lastCommand`. */
export type Command =
  | {
      readonly type: 'load';
      readonly id: number;
      readonly session: Session;
      readonly atUs: number | null;
      readonly atEvents: number | null;
      /** Reach `atUs` even past a violation (a lesson's moment may lie after the failure it explains). */
      readonly throughViolations?: boolean;
    }
  /** `untilUs`: stop (paused) on reaching that moment — a lesson plays into its step. */
  | { readonly type: 'play'; readonly id: number; readonly untilUs?: number }
  | { readonly type: 'pause'; readonly id: number }
  | { readonly type: 'speed'; readonly id: number; readonly simUsPerWallSecond: number }
  /** How play moves time: following packets, at a steady rate, or chosen by the scenario's size. */
  | { readonly type: 'pacing'; readonly id: number; readonly choice: PacingChoice }
  /** Runs exactly `events` events, paused. */
  | { readonly type: 'step'; readonly id: number; readonly events: number }
  /** To `timeUs` (or the cursor plus `timeUs` when `relative`), backwards included. */
  | {
      readonly type: 'seek';
      readonly id: number;
      readonly timeUs: number;
      readonly relative: boolean;
      readonly throughViolations: boolean;
    }
  | { readonly type: 'apply'; readonly id: number; readonly action: Intervention }
  /** Frames carry this packet's bytes and flips from now on (null: none). */
  | { readonly type: 'watch-packet'; readonly id: number; readonly packetId: string | null }
  | { readonly type: 'ask'; readonly id: number; readonly question: Question }
  /**
   * Replays the run's start for a viewer that joined late: events with
   * fromSeq ≤ seq < untilSeq, in batches tagged with this command's id. Several may be
   * asked for; they are served one after another.
   */
  | {
      readonly type: 'history';
      readonly id: number;
      readonly epoch: number;
      /** Events with fromSeq ≤ seq < untilSeq (the run is replayed from 0 either way). */
      readonly fromSeq: number;
      readonly untilSeq: number;
    }
  | { readonly type: 'cancel-history'; readonly id: number; readonly request: number }
  /** The page drew the last frame: the worker may send the next one (frames never queue up). */
  | { readonly type: 'ack' }
  /** The page took in the last history batch. */
  | { readonly type: 'history-ack' };

export type Question =
  /** Replied once no seek is pending (after a frame showing where it ended). */
  | { readonly kind: 'settled' }
  | { readonly kind: 'explain'; readonly seq: number }
  | { readonly kind: 'export' }
  /** Runs both sessions headless to `untilUs` and compares them (core/compare): the compare view's diff strip. */
  | {
      readonly kind: 'compare';
      readonly a: Session;
      readonly b: Session;
      readonly untilUs: number;
    };

export interface Answers {
  settled: null;
  explain: WhyChain | null;
  export: { readonly name: string; readonly json: string };
  compare: ComparisonSummary;
}

/** Worker → page. */
export type Report =
  | { readonly type: 'frame'; readonly frame: Frame }
  | {
      readonly type: 'reply';
      readonly id: number;
      readonly answer: unknown;
      readonly error: string | null;
    }
  | {
      readonly type: 'history';
      /** The id of the `history` command this answers. */
      readonly request: number;
      readonly events: readonly TraceEvent[];
      readonly done: boolean;
    }
  /** A command failed in the worker (an intervention the engine refused): say so, nothing changed. */
  | { readonly type: 'error'; readonly message: string };

/** How play moves virtual time (see pacer.ts): `auto` follows packets in small scenarios. */
export type PacingChoice = 'auto' | 'packets' | 'rate';

/** How the last ticks of play moved time. */
export interface PaceReport {
  readonly choice: PacingChoice;
  /** What `choice` came to for this scenario. */
  readonly mode: 'packets' | 'rate';
  /** Virtual µs per wall second the last tick moved at (the speed setting when pacing by rate). */
  readonly rateUsPerS: number;
  /** Virtual time skipped since the previous frame with nothing on the wire (0: none). */
  readonly skippedUs: number;
}

/** One published moment of the current engine. */
export interface Frame {
  /** Bumped whenever the engine is replaced (a load, a rewind, a parked engine resumed). */
  readonly epoch: number;
  /** True on the first frame of an epoch: viewers drop what they derived from the trace. */
  readonly reset: boolean;
  /** With reset: the seq of the first event this epoch's trace still has (earlier ones are only in `history`). */
  readonly firstSeq: number;
  /** Trace events since the previous frame, oldest first. */
  readonly events: readonly TraceEvent[];
  readonly view: EngineView;
  /**
   * True when the view's `peers` and `recentRpcs` were left out (empty): while
   * playing they travel only a few times a second. The client keeps the last
   * ones it had, so its `latest` view always has them.
   */
  readonly slowFieldsOmitted: boolean;
  /**
   * The session, when it differs from the last frame's (else null: a new
   * object every frame would re-render everything that shows it). The client
   * fills it in, so its `latest` always has one.
   */
  readonly session: Session | null;
  readonly timeUs: number;
  /** Events the sim has run (not trace events). */
  readonly simEvents: number;
  /** Trace events emitted so far. */
  readonly traceLength: number;
  readonly traceHash: string;
  readonly playing: boolean;
  /** The speed setting: virtual µs per wall-clock second (pacing by packets: how fast a crossing is, pacer.ts). */
  readonly speed: number;
  readonly pace: PaceReport;
  /** Non-null while a seek is being worked off: how far along (0..1). */
  readonly seekProgress: number | null;
  /** With seekProgress: the estimated wall-clock ms left, null until there is a rate to go by. */
  readonly seekEtaMs: number | null;
  readonly stoppedForViolation: boolean;
  /** The highest command id the worker had handled when it built this frame. */
  readonly lastCommand: number;
  /** Bytes and flips of the watched packet (see `watch-packet`), if it is still known. */
  readonly packetDetail: PacketDetail | null;
}
