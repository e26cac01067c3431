/*
 * The UI's zustand store (vanilla, so the engine host and tests can use it
 * without React). It holds UI state — selection, panels, the latest view, the
 * URL error — and actions that forward commands to the EngineHost. It holds no
 * simulation logic: everything the user sees comes from the engine's view and
 * trace.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineView } from '../core/view';
import type { Intervention } from '../core/intervention';
import type { Session } from '../core/session';
import type { TraceEvent } from '../core/sim';
import { explain, type WhyChain } from '../core/why';
import { packetKey } from '../core/view';
import type { EngineHost } from './engine-host';

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
  speed: number;
  seekProgress: number | null;
  stoppedForViolation: boolean;
  /** Bumped on every new batch of trace events (listeners read them from the host). */
  traceVersion: number;
  // UI state
  selectedNode: string | null;
  selectedPacket: string | null;
  urlErrors: string[] | null;
  toast: string | null;
  why: WhyState | null;
  // actions
  actions: UiActions;
}

export interface UiActions {
  play(): void;
  pause(): void;
  togglePlay(): void;
  stepEvent(): void;
  stepTime(deltaUs: number): void;
  seek(timeUs: number): void;
  setSpeed(simUsPerWallSecond: number): void;
  load(session: Session, atUs?: number | null): void;
  restart(): void;
  apply(action: Intervention): string | null;
  selectNode(name: string | null): void;
  selectPacket(id: string | null): void;
  dismissUrlErrors(): void;
  notify(message: string | null): void;
  /** Opens "Why?" on trace event `seq`: the chain of causes behind it. */
  explain(seq: number): void;
  /** Seeks to a link of the chain and selects what it is about (its packet, else its node). */
  followWhy(event: TraceEvent): void;
  closeWhy(): void;
}

export type UiStore = StoreApi<UiState>;

/** Trace batches for viewers that keep their own index (timeline, console). */
export type TraceListener = (events: readonly TraceEvent[], reset: boolean) => void;

export function createUiStore(host: EngineHost, traceListeners: Set<TraceListener>): UiStore {
  const store = createStore<UiState>()((set, get) => ({
    view: null,
    session: null,
    playing: false,
    speed: 1_000_000,
    seekProgress: null,
    stoppedForViolation: false,
    traceVersion: 0,
    selectedNode: null,
    selectedPacket: null,
    urlErrors: null,
    toast: null,
    why: null,
    actions: {
      play: () => host.play(),
      pause: () => host.pause(),
      togglePlay: () => (get().playing ? host.pause() : host.play()),
      stepEvent: () => host.stepEvent(),
      stepTime: (deltaUs) => host.seek(host.current.nowUs() + deltaUs),
      seek: (timeUs) => host.seek(timeUs),
      setSpeed: (speed) => host.setSpeed(speed),
      load: (session, atUs = null) => {
        set({ selectedNode: null, selectedPacket: null, why: null });
        host.load(session, atUs);
      },
      restart: () => host.load(host.current.session(), 0),
      apply: (action) => {
        try {
          host.apply(action);
          set({ why: null }); // a fork: the chain's later events are no longer this run's
          return null;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      },
      selectNode: (name) => set({ selectedNode: name }),
      selectPacket: (id) => set({ selectedPacket: id }),
      dismissUrlErrors: () => set({ urlErrors: null }),
      notify: (message) => set({ toast: message }),
      explain: (seq) => {
        host.finishSeek(); // the chain is of the run as it stands
        set({ why: { seq, chain: explain(host.current, seq), current: seq } });
      },
      followWhy: (event) => {
        const why = get().why;
        if (why) set({ why: { ...why, current: event.seq } });
        host.seek(event.timeUs, { throughViolations: true });
        // Select what the link is about: its packet, else its node (a world event keeps the selection).
        const packet = packetKeyOf(event);
        if (packet) set({ selectedPacket: packet, selectedNode: event.node || get().selectedNode });
        else if (event.node) set({ selectedNode: event.node });
      },
      closeWhy: () => set({ why: null }),
    },
  }));

  host.subscribe((snap, events, reset) => {
    const engine = snap.engine;
    if (events.length > 0 || reset) for (const l of traceListeners) l(events, reset);
    store.setState((s) => ({
      view: engine.view(),
      session: engine.session(),
      playing: snap.playing,
      speed: snap.speed,
      seekProgress: snap.seekProgress,
      stoppedForViolation: snap.stoppedForViolation,
      traceVersion: events.length > 0 || reset ? s.traceVersion + 1 : s.traceVersion,
    }));
  });
  return store;
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
