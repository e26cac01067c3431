/*
 * The UI's zustand store (vanilla, so the engine client and tests can use it
 * without React). It holds UI state — selection, panels, the latest view, the
 * URL error — and actions that forward commands to the engine through its
 * client (engine/engine-client.ts, the one message API). It holds no
 * simulation logic: everything the user sees comes from the engine's frames.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineView } from '../core/view';
import type { Intervention } from '../core/intervention';
import type { Session } from '../core/session';
import type { TraceEvent } from '../core/sim';
import type { WhyChain } from '../core/why';
import { packetKey, type PacketDetail } from '../core/view';
import { checkAction } from '../core/intervention';
import type { EngineClient } from './engine/engine-client';
import type { PaceReport, PacingChoice } from './engine/protocol';

/** The "Why?" drawer: the event asked about, its chain (null: not an event of this run), the link last followed. */
export interface WhyState {
  readonly seq: number;
  readonly chain: WhyChain | null;
  readonly current: number;
}

export interface UiState {
  // latest engine projection
  view: EngineView | null;
  session: Session | null;
  playing: boolean;
  /** The speed setting (virtual µs per wall second; pacing by packets, it sets how long a crossing takes). */
  speed: number;
  /** How play moves time now (pacing by packets or by rate), as the last frame said. */
  pace: PaceView;
  /** The last idle gap play skipped, numbered (each one is a new note beside the speed). */
  lastSkip: { readonly us: number; readonly n: number } | null;
  seekProgress: number | null;
  /** With seekProgress: wall-clock ms left, estimated (null until there is a rate to go by). */
  seekEtaMs: number | null;
  /** A command was sent and no frame shows it yet. */
  pending: boolean;
  stoppedForViolation: boolean;
  /** Bytes and flips of the selected packet, as the engine last sent them. */
  packetDetail: PacketDetail | null;
  /** Bumped on every new batch of trace events (listeners get them from the engine client). */
  traceVersion: number;
  // UI state
  selectedNode: string | null;
  selectedPacket: string | null;
  urlErrors: string[] | null;
  /** With urlErrors: the link's `key=value` pairs that were dropped (the rest was kept). */
  urlDropped: string[];
  toast: string | null;
  why: WhyState | null;
  /** The Transport drawer (profile and knobs) is open. */
  transportOpen: boolean;
  /** The Explore drawer (branches, probe, shrink, bug report) is open. */
  exploreOpen: boolean;
  /** A command for the console to run as if typed (numbered: the same text twice runs twice). */
  consoleCommand: { readonly text: string; readonly n: number } | null;
  // actions
  actions: UiActions;
}

export interface UiActions {
  /** Plays on; with `untilUs`, pauses on reaching that moment (a lesson playing into its step). */
  play(untilUs?: number): void;
  pause(): void;
  togglePlay(): void;
  stepEvent(): void;
  /** Exactly `events` events, paused. */
  stepEvents(events: number): void;
  stepTime(deltaUs: number): void;
  /** `throughViolations`: do not stop at a violation on the way (a lesson's moment lies after it). */
  seek(timeUs: number, throughViolations?: boolean): void;
  setSpeed(simUsPerWallSecond: number): void;
  setPacing(choice: PacingChoice): void;
  /** `throughViolations`: reach `atUs` even past a violation (a lesson's step). */
  load(session: Session, atUs?: number | null, throughViolations?: boolean): void;
  restart(): void;
  apply(action: Intervention): string | null;
  selectNode(name: string | null): void;
  selectPacket(id: string | null): void;
  dismissUrlErrors(): void;
  notify(message: string | null): void;
  /** Opens "Why?" on trace event `seq`: the chain of causes behind it (null: not an event of this run). */
  explain(seq: number): Promise<WhyChain | null>;
  /** Seeks to a link of the chain and selects what it is about (its packet, else its node). */
  followWhy(event: TraceEvent): void;
  closeWhy(): void;
  openTransport(open: boolean): void;
  openExplore(open: boolean): void;
  /** Runs a console command as if typed (echoed there, so the user sees how to do it again). */
  runInConsole(text: string): void;
}

export type UiStore = StoreApi<UiState>;

/** Trace batches for viewers that keep their own index (timeline, console). */
export type TraceListener = (events: readonly TraceEvent[], reset: boolean) => void;

export function createUiStore(engine: EngineClient, traceListeners: Set<TraceListener>): UiStore {
  const store = createStore<UiState>()((set, get) => ({
    view: null,
    session: null,
    playing: false,
    speed: 1_000_000,
    pace: { choice: 'auto', mode: 'rate', rateUsPerS: 1_000_000 },
    lastSkip: null,
    seekProgress: null,
    seekEtaMs: null,
    pending: false,
    stoppedForViolation: false,
    packetDetail: null,
    traceVersion: 0,
    selectedNode: null,
    selectedPacket: null,
    urlErrors: null,
    urlDropped: [],
    toast: null,
    why: null,
    transportOpen: false,
    exploreOpen: false,
    consoleCommand: null,
    actions: {
      openTransport: (open) => set({ transportOpen: open }),
      openExplore: (open) => set({ exploreOpen: open }),
      runInConsole: (text) =>
        set({ consoleCommand: { text, n: (get().consoleCommand?.n ?? 0) + 1 } }),
      play: (untilUs) => engine.play(untilUs),
      pause: () => engine.pause(),
      togglePlay: () => (engine.playing ? engine.pause() : engine.play()),
      stepEvent: () => engine.step(1),
      stepEvents: (events) => engine.step(events),
      stepTime: (deltaUs) => engine.seekBy(deltaUs),
      seek: (timeUs, throughViolations) => engine.seek(timeUs, throughViolations),
      setSpeed: (speed) => engine.setSpeed(speed),
      setPacing: (choice) => engine.setPacing(choice),
      load: (session, atUs = null, throughViolations = false) => {
        set({ selectedNode: null, selectedPacket: null, why: null });
        engine.load(session, atUs, null, throughViolations);
      },
      restart: () => {
        const session = get().session;
        if (session) engine.load(session, 0);
      },
      apply: (action) => {
        // Refused here, as the engine would refuse it, so the caller can say why at once.
        const problem = checkAction(action, get().view?.nodes.map((n) => n.name) ?? []);
        if (problem !== null) return problem;
        engine.apply(action);
        set({ why: null }); // a fork: the chain's later events are no longer this run's
        return null;
      },
      selectNode: (name) => set({ selectedNode: name }),
      selectPacket: (id) => {
        set({ selectedPacket: id, packetDetail: null });
        engine.watchPacket(id);
      },
      dismissUrlErrors: () => set({ urlErrors: null }),
      notify: (message) => set({ toast: message }),
      explain: async (seq) => {
        const chain = await engine.explain(seq);
        set({ why: { seq, chain, current: seq } });
        return chain;
      },
      followWhy: (event) => {
        const why = get().why;
        if (why) set({ why: { ...why, current: event.seq } });
        engine.seek(event.timeUs, true);
        // Select what the link is about: its packet, else its node (a world event keeps the selection).
        const packet = packetKeyOf(event);
        if (packet) {
          set({ selectedNode: event.node || get().selectedNode });
          get().actions.selectPacket(packet);
        } else if (event.node) set({ selectedNode: event.node });
      },
      closeWhy: () => set({ why: null }),
    },
  }));

  engine.onFrame((frame) => {
    const traced = frame.events.length > 0 || frame.reset;
    if (traced) for (const l of traceListeners) l(frame.events, frame.reset);
    store.setState((s) => ({
      view: frame.view,
      session: frame.session,
      playing: frame.playing,
      speed: frame.speed,
      pace: samePace(s.pace, frame.pace) ? s.pace : paceView(frame.pace),
      lastSkip:
        frame.pace.skippedUs > 0
          ? { us: frame.pace.skippedUs, n: (s.lastSkip?.n ?? 0) + 1 }
          : s.lastSkip,
      seekProgress: frame.seekProgress,
      seekEtaMs: frame.seekEtaMs,
      pending: engine.pending,
      stoppedForViolation: frame.stoppedForViolation,
      packetDetail:
        frame.packetDetail !== null && frame.packetDetail.id === s.selectedPacket
          ? frame.packetDetail
          : null,
      traceVersion: traced ? s.traceVersion + 1 : s.traceVersion,
    }));
  });
  engine.onPending(() => {
    if (store.getState().pending !== engine.pending) store.setState({ pending: engine.pending });
  });
  return store;
}

/** What the page draws of a pace report (its skip goes to lastSkip). */
export type PaceView = Omit<PaceReport, 'skippedUs'>;

function paceView({ choice, mode, rateUsPerS }: PaceReport): PaceView {
  return { choice, mode, rateUsPerS };
}

/** Paces that draw the same (the rate moves with every packet: only its 5% steps re-render). */
function samePace(a: PaceView, b: PaceView): boolean {
  return (
    a.choice === b.choice &&
    a.mode === b.mode &&
    Math.abs(Math.log(a.rateUsPerS / b.rateUsPerS)) < 0.05
  );
}

/** The packet a packet event is about (its key), else null. */
function packetKeyOf(event: TraceEvent): string | null {
  if (
    event.kind !== 'packet_sent' &&
    event.kind !== 'packet_delivered' &&
    event.kind !== 'checksum_failed' &&
    event.kind !== 'wire_error'
  )
    return null;
  return packetKey(event);
}
