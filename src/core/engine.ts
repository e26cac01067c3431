/*
 * The engine facade: the one object hosts (CLI, UI, tests) use to drive a run.
 * It builds the world for a session (sim, network, scenario), steps and runs
 * it, applies interventions — stamping them so the session replays exactly —
 * and exposes the trace, its hash and a summary. Rewinding is building a new
 * engine from the session and running it to the target time. Knows nothing of
 * the DOM, the terminal or URLs' syntax.
 */
import {
  DEFAULT_TRACE_CAPACITY,
  Sim,
  type RunLimits,
  type RunResult,
  type TraceEvent,
  type TraceListener,
} from './sim';
import { deriveChaos, Network } from './net';
import { findScenario } from './scenario/registry';
import type { Scenario, ScenarioInstance } from './scenario/types';
import type { Session } from './session';
import {
  applyIntervention,
  byStamp,
  checkAction,
  describeIntervention,
  type Intervention,
  type ScriptEntry,
} from './intervention';
import { LIVENESS_NOT_APPLICABLE, summarize, type RunSummary } from './run-summary';
import { findMutant } from './mutants/catalogue';
import { FaultCounter } from './fault-counter';
import {
  buildView,
  FlipTracker,
  ipOf,
  LifecycleTracker,
  LinkHistory,
  packetDetail,
  packetFlights,
  parsePacketKey,
  type EngineView,
  type PacketDetail,
  type PacketFlight,
} from './view';
import { attachFrameTap, FrameTap } from './peer';
import { effectivePeerConfig } from './transport-settings/settings';

export interface Engine {
  readonly scenario: Scenario;
  readonly sim: Sim;
  readonly net: Network;
  /** Runs exactly one event (script entries due before it are applied first). */
  step(): boolean;
  runUntil(limits: RunLimits): RunResult;
  /** Applies an action now; it becomes part of the session (dropping any replayed future: a fork). */
  apply(action: Intervention): ScriptEntry;
  nowUs(): number;
  /** True once `watch` ran (or the engine was made with `viewer`): the view shows packets and calls. */
  readonly watching: boolean;
  /** Starts keeping what a viewer needs, from this moment on (see ViewerParts). */
  watch(): void;
  /** An immutable projection of this moment for drawing. */
  view(): EngineView;
  /** Bytes, flipped bits and decoded contents of a recent packet (by PacketView id). */
  packetDetail(packetId: string): PacketDetail | null;
  /** The packets on the wire now (send and due times; empty unless watching): what paced playback follows. */
  packetFlights(): readonly PacketFlight[];
  traceHash(): string;
  /** Kept events with seq ≥ cursor, at most `max`; `next` is the trace's length. */
  traceSince(cursor: number, max?: number): { events: TraceEvent[]; evicted: number; next: number };
  session(): Session;
  /** Runs the scenario's end-of-run checks (once) and returns the summary. */
  finish(): RunSummary;
  summary(): RunSummary;
}

export interface EngineOptions {
  /**
   * Keep what a viewer needs (packets in flight, frame bytes, flipped bits,
   * pending RPCs). Off for headless runs (CLI, sweeps, benches): it costs time
   * on every packet and changes nothing in the run.
   */
  readonly viewer?: boolean;
  /**
   * Events the trace's ring keeps for `traceSince` (the hash and the counts
   * cover all of them anyway). Defaults to the full ring for viewers and none
   * for headless runs (CLI, sweeps, benches), which never read events back:
   * building and keeping them would be most of the trace's cost.
   */
  readonly traceCapacity?: number;
  /** false leaves the oracle out (ledger, liveness, backoff rules): only to measure its cost in `npm run bench`. */
  readonly oracle?: boolean;
  /** false: no cause links (every cause -1): only to measure their cost in `npm run bench`. */
  readonly causes?: boolean;
  /** Hears every event from the first (run_started) on: for readers that must not miss the setup's events. */
  readonly onTrace?: TraceListener;
}

const HEADLESS_TRACE_CAPACITY = 0;

export function createEngine(session: Session, options: EngineOptions = {}): Engine {
  const scenario = findScenario(session.scenario);
  if (!scenario) throw new Error(`unknown scenario "${session.scenario}"`);
  const traceCapacity =
    options.traceCapacity ??
    (options.viewer === true ? DEFAULT_TRACE_CAPACITY : HEADLESS_TRACE_CAPACITY);
  const sim = new Sim({
    seed: session.seed,
    buggify: session.chaos !== 'calm',
    buggifyQuietAfterUs: scenario.chaosQuietAfterUs ?? null,
    traceCapacity,
    mutant: session.mutant ?? null,
    oracle: options.oracle ?? true,
    causes: options.causes ?? true,
  });
  if (options.onTrace) sim.trace.subscribe(options.onTrace);
  const faults = new FaultCounter(sim.trace);
  const viewer = new ViewerParts(sim);
  if (options.viewer === true) viewer.watch(); // before run_started: the view sees the setup
  // Which pairs ever dialled: cheap (one kind), and the view needs it from t = 0 to draw links.
  const linkHistory = new LinkHistory(sim.trace);
  const chaos = deriveChaos(session.chaos, sim.rng('chaos-settings'), {
    quietAfterUs: scenario.chaosQuietAfterUs ?? null,
  });
  const net = new Network(sim, { chaos });
  for (const host of scenario.topology(session.params)) net.addHost(host.name, host.ip);
  sim.pinCause(
    sim.emit('', 'run_started', {
      scenario: scenario.id,
      seed: session.seed.toString(),
      chaos: session.chaos,
    }),
  );
  const peer = effectivePeerConfig(scenario.transport?.(session.params) ?? {}, session.transport);
  const instance = scenario.setup({ sim, net, peer }, session.params);
  const roles = new Map(scenario.topology(session.params).map((h) => [h.name, h.role]));
  const liveness = () => instance.liveness?.() ?? LIVENESS_NOT_APPLICABLE;
  const mutant = session.mutant === undefined ? null : (findMutant(session.mutant) ?? null);
  const view = () =>
    buildView({
      scenario: scenario.id,
      chaos: session.chaos,
      roles,
      sim,
      net,
      lifecycles: viewer.lifecycles,
      linkHistory,
      liveness,
      mutant,
    });
  const detail = (id: string) => {
    const packet = parsePacketKey(id);
    const fromNode = packet ? net.hostByIp(ipOf(packet.fromAddr))?.name : undefined;
    return packet && fromNode
      ? packetDetail(id, packet.conn, fromNode, packet.offset, viewer.tap, viewer.flips)
      : null;
  };
  return new SessionEngine(scenario, sim, net, instance, session, faults, view, detail, viewer);
}

/**
 * What a viewer needs beyond the run itself — packets and calls as they live
 * (the lifecycle model), frame bytes, flipped bits, the trace's ring — kept
 * only from `watch()` on. A headless engine never pays for them; one opened
 * at a far moment runs headless and starts watching shortly before it (a
 * packet or call begun before that is not in the view). Watching only
 * listens: the run and its hash are the same either way.
 */
class ViewerParts {
  lifecycles = new LifecycleTracker(null);
  flips = new FlipTracker(null);
  readonly tap = new FrameTap();
  watching = false;

  constructor(private readonly sim: Sim) {}

  watch(): void {
    if (this.watching) return;
    this.watching = true;
    this.lifecycles = new LifecycleTracker(this.sim.trace);
    this.flips = new FlipTracker(this.sim.trace);
    attachFrameTap(this.sim, this.tap);
    if (this.sim.trace.capacity === 0) this.sim.trace.keep(DEFAULT_TRACE_CAPACITY);
  }
}

class SessionEngine implements Engine {
  private readonly applied: ScriptEntry[] = [];
  private readonly pendingLate: { entry: ScriptEntry; cancel: () => void }[] = [];
  private readonly pendingIndexed: ScriptEntry[] = [];
  private finished = false;

  constructor(
    readonly scenario: Scenario,
    readonly sim: Sim,
    readonly net: Network,
    private readonly instance: ScenarioInstance,
    private readonly base: Session,
    private readonly faults: FaultCounter,
    private readonly buildView: () => EngineView,
    private readonly detail: (packetId: string) => PacketDetail | null,
    private readonly viewer: ViewerParts,
  ) {
    for (const entry of base.script) {
      if (entry.afterEvents !== undefined) this.pendingIndexed.push(entry);
      else this.scheduleLate(entry);
    }
  }

  nowUs(): number {
    return this.sim.now();
  }

  get watching(): boolean {
    return this.viewer.watching;
  }

  watch(): void {
    this.viewer.watch();
  }

  view(): EngineView {
    return this.buildView();
  }

  packetDetail(packetId: string): PacketDetail | null {
    return this.detail(packetId);
  }

  packetFlights(): readonly PacketFlight[] {
    return packetFlights(this.viewer.lifecycles, this.net);
  }

  step(): boolean {
    return this.runUntil({ events: 1 }).events > 0;
  }

  runUntil(limits: RunLimits): RunResult {
    let events = 0;
    for (;;) {
      this.applyIndexedDue();
      const head = this.pendingIndexed[0];
      const remaining = limits.events === undefined ? undefined : limits.events - events;
      if (head === undefined) {
        const result = this.sim.runUntil({ ...limits, events: remaining });
        return { reason: result.reason, events: events + result.events };
      }
      // Stop where the head may fall due: at its event count, after the first event at its time
      // (count already reached), or at its time before the clock would pass it.
      const toCount = (head.afterEvents as number) - this.sim.events;
      const cap = toCount <= 0 ? remaining : Math.min(toCount, remaining ?? toCount);
      const timeUs = Math.min(limits.timeUs ?? Infinity, head.atUs);
      let userStop = false;
      const userPredicate = limits.predicate;
      const predicate =
        toCount > 0
          ? userPredicate
          : () => (userStop = userPredicate?.() ?? false) || this.sim.now() >= head.atUs;
      const result = this.sim.runUntil({ ...limits, timeUs, events: cap, predicate });
      events += result.events;
      const stoppedByLimits =
        result.reason === 'violation' ||
        result.reason === 'idle' ||
        (remaining !== undefined && result.events >= remaining) ||
        (result.reason === 'time' && timeUs === limits.timeUs) ||
        (result.reason === 'predicate' && (toCount > 0 || userStop));
      if (stoppedByLimits) {
        this.applyIndexedDue();
        return { reason: result.reason, events };
      }
    }
  }

  apply(action: Intervention): ScriptEntry {
    const problem = checkAction(
      action,
      this.net.hosts().map((h) => h.name),
    );
    if (problem !== null) throw new Error(problem); // before anything changes: a failed action is never part of the session
    this.dropFuture();
    const now = this.sim.now();
    if (this.sim.nextEventUs() === now) {
      // Between two events of the same instant: replay must apply it after exactly as many events.
      const entry: ScriptEntry = { atUs: now, afterEvents: this.sim.events, action };
      this.applyNow(entry);
      return entry;
    }
    // Every event due now has run: a late event at `now` replays identically, counted the same way.
    const entry: ScriptEntry = { atUs: now, action };
    this.scheduleLate(entry);
    this.sim.runUntil({ timeUs: now });
    return entry;
  }

  traceHash(): string {
    return this.sim.trace.hash();
  }

  traceSince(cursor: number, max?: number) {
    return this.sim.trace.since(cursor, max);
  }

  session(): Session {
    return {
      ...this.base,
      script: [
        ...this.applied,
        ...this.pendingIndexed,
        ...this.pendingLate.map((p) => p.entry),
      ].sort(byStamp),
    };
  }

  finish(): RunSummary {
    if (!this.finished) {
      this.finished = true;
      this.instance.finish?.();
    }
    return this.summary();
  }

  summary(): RunSummary {
    return summarize(
      this.session(),
      this.sim,
      this.faults.byKind(),
      this.instance.outcomes?.() ?? {},
      this.instance.liveness?.(),
    );
  }

  private scheduleLate(entry: ScriptEntry): void {
    const item = { entry, cancel: () => {} };
    const timer = this.sim.scheduleLate(entry.atUs, 'intervention', () => {
      this.pendingLate.splice(this.pendingLate.indexOf(item), 1);
      this.applyNow(entry);
    });
    item.cancel = () => timer.cancel();
    this.pendingLate.push(item);
  }

  /**
   * Applies the stamped entries due now, in script order. `T@N` is due once the
   * clock is at T and N events have run, or once the clock is at T and no event
   * of T is left (a count never reached blocks nothing past T). runUntil never
   * lets the clock pass the first pending entry's time.
   */
  private applyIndexedDue(): void {
    for (let head = this.pendingIndexed[0]; head !== undefined; head = this.pendingIndexed[0]) {
      const now = this.sim.now();
      const due =
        now > head.atUs ||
        (now === head.atUs &&
          (this.sim.events >= (head.afterEvents as number) ||
            !((this.sim.nextEventUs() ?? Infinity) <= now)));
      if (!due) return;
      this.pendingIndexed.shift();
      this.applyNow(head);
    }
  }

  private applyNow(entry: ScriptEntry): void {
    // A user's action is a root cause, however it reaches the engine (live, from a script timer, or @N).
    this.sim.setCause(-1);
    this.sim.emit('', 'intervention_applied', { action: describeIntervention(entry.action) });
    applyIntervention(this.net, entry.action);
    this.applied.push(entry); // only once it has worked
  }

  /** Intervening after seeking back forks the run: the replayed future is dropped. */
  private dropFuture(): void {
    for (const p of this.pendingLate) p.cancel();
    this.pendingLate.length = 0;
    this.pendingIndexed.length = 0;
  }
}
