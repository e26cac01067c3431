/*
 * The chaos driver: over simulated time it injects random faults into the
 * network — partitions (two-way, one-way, isolation), clogs, latency spikes,
 * random closes, kills — at exponentially distributed intervals, picking kinds
 * by the settings' weights and targets among the hosts that exist. Every fault
 * ends after a bounded drawn duration and every host it kills is restarted, so
 * work can always progress. At `quietAfterUs` chaos goes quiet: nothing new
 * starts and what it started is undone at once (partitions healed, clogs and
 * spikes ended, killed hosts restarted), so the run settles at a known time
 * and liveness can be judged from it. Timing
 * draws come from the `chaos` stream, targets and durations from `faults`.
 * Per-chunk bit flips and per-connect failures are not here: the pipes and the
 * handshake read those knobs. Knows nothing of what runs on the hosts.
 */
import { exponentialUs, type Rng, type Sim } from '../sim';
import { CHAOS_FAULT_KINDS, type ChaosFaultKind, type ChaosSettings, type UsRange } from './chaos';
import type { FaultOptions } from './fault-control';
import type { FaultCause } from './fault-table';
import type { Host } from './host';
import type { ConnectionInfo } from './introspection';
import type { LatencyModel } from './latency';

/** The part of the Network the driver uses. */
export interface ChaosTarget {
  hosts(): readonly Host[];
  connectionInfos(): ConnectionInfo[];
  partition(a: string, b: string, opts: FaultOptions & { oneWay?: boolean }): void;
  isolate(a: string, opts: FaultOptions): void;
  clog(a: string, b: string, durationUs: number, cause: FaultCause): void;
  latencySpike(
    a: string,
    b: string,
    model: LatencyModel,
    durationUs: number,
    cause: FaultCause,
  ): void;
  closeConnection(
    id: number,
    mode: 'graceful' | 'abort',
    sides: 'one' | 'both',
    opts: { side: 'a' | 'b'; cause: FaultCause },
  ): void;
  kill(name: string, cause: FaultCause): void;
  restart(name: string, cause: FaultCause): void;
  /** Ends every fault chaos started. */
  endChaosFaults(): void;
}

const CHAOS: FaultCause = 'chaos';

export class ChaosDriver {
  private readonly timing: Rng;
  private readonly picks: Rng;
  private running = false;
  /** Hosts chaos killed and has not restarted yet (name → incarnation at the kill). */
  private readonly killed = new Map<string, number>();

  constructor(
    private readonly sim: Sim,
    private readonly net: ChaosTarget,
    readonly settings: ChaosSettings,
  ) {
    this.timing = sim.rng('chaos');
    this.picks = sim.rng('faults');
  }

  start(): void {
    const totalWeight = CHAOS_FAULT_KINDS.reduce(
      (sum, k) => sum + this.settings.faultWeights[k],
      0,
    );
    if (this.running || this.settings.faultMeanIntervalUs <= 0 || totalWeight <= 0) return;
    this.running = true;
    this.scheduleNext();
    const quietAfterUs = this.settings.quietAfterUs;
    if (quietAfterUs !== null)
      this.sim.scheduleAt(quietAfterUs, 'chaos:quiet', () => this.goQuiet());
  }

  /** The quiet point: stop, and undo every fault chaos started (in a fixed order: deterministic). */
  private goQuiet(): void {
    this.sim.setCause(-1); // a decision of chaos: a root cause
    this.running = false;
    this.net.endChaosFaults();
    for (const [name, incarnation] of [...this.killed].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.restartIfStillDead(name, incarnation);
    }
  }

  private restartIfStillDead(name: string, incarnation: number): void {
    this.killed.delete(name);
    const victim = this.net.hosts().find((h) => h.name === name);
    // Someone else restarted (or re-killed) it meanwhile: not ours to restart.
    if (victim && !victim.alive && victim.incarnation === incarnation)
      this.net.restart(name, CHAOS);
  }

  /** No new faults; running ones still end and killed hosts still restart. */
  stop(): void {
    this.running = false;
  }

  private scheduleNext(): void {
    const delayUs = exponentialUs(this.timing, 1, this.settings.faultMeanIntervalUs);
    this.sim.schedule(delayUs, 'chaos:fault', () => this.tick());
  }

  private tick(): void {
    const quietAfterUs = this.settings.quietAfterUs;
    if (!this.running || (quietAfterUs !== null && this.sim.now() >= quietAfterUs)) return;
    // Each fault is a decision of chaos: a root cause, not the work of whatever ran last.
    this.sim.setCause(-1);
    this.inject(this.pickKind());
    this.scheduleNext();
  }

  private pickKind(): ChaosFaultKind {
    const weights = this.settings.faultWeights;
    let ticket = this.timing.below(CHAOS_FAULT_KINDS.reduce((sum, k) => sum + weights[k], 0));
    for (const kind of CHAOS_FAULT_KINDS) {
      ticket -= weights[kind];
      if (ticket < 0) return kind;
    }
    return CHAOS_FAULT_KINDS[0];
  }

  /** Faults that find no target (one host, no connection, too many dead) are skipped. */
  private inject(kind: ChaosFaultKind): void {
    const s = this.settings;
    if (kind === 'random_close') return this.randomClose();
    if (kind === 'kill') return this.killSomeone();
    if (kind === 'isolate') {
      const hosts = this.net.hosts();
      if (hosts.length >= 2)
        this.net.isolate(this.picks.pick(hosts).name, {
          cause: CHAOS,
          durationUs: this.draw(s.partitionUs),
        });
      return;
    }
    const pair = this.pickPair();
    if (!pair) return;
    const [a, b] = pair;
    if (kind === 'partition' || kind === 'one_way_partition') {
      this.net.partition(a, b, {
        oneWay: kind === 'one_way_partition',
        cause: CHAOS,
        durationUs: this.draw(s.partitionUs),
      });
    } else if (kind === 'clog') this.net.clog(a, b, this.draw(s.clogUs), CHAOS);
    else this.net.latencySpike(a, b, s.spikeLatency, this.draw(s.spikeUs), CHAOS);
  }

  private randomClose(): void {
    const open = this.net
      .connectionInfos()
      .filter((c) => c.a.state !== 'closed' && c.b.state !== 'closed');
    if (open.length === 0) return;
    const conn = this.picks.pick(open);
    const mode = this.picks.chancePpm(this.settings.closeAbortPpm) ? 'abort' : 'graceful';
    const sides = this.picks.chancePpm(this.settings.closeBothSidesPpm) ? 'both' : 'one';
    const side = this.picks.below(2) === 0 ? 'a' : 'b';
    this.net.closeConnection(conn.id, mode, sides, { side, cause: CHAOS });
  }

  private killSomeone(): void {
    const hosts = this.net.hosts();
    const alive = hosts.filter((h) => h.alive);
    if (hosts.length - alive.length >= this.settings.maxDeadHosts || alive.length === 0) return;
    const victim = this.picks.pick(alive);
    this.net.kill(victim.name, CHAOS);
    const incarnation = victim.incarnation;
    this.killed.set(victim.name, incarnation);
    this.sim.schedule(this.draw(this.settings.restartDelayUs), 'chaos:restart', () => {
      this.sim.setCause(-1);
      if (this.killed.get(victim.name) === incarnation)
        this.restartIfStillDead(victim.name, incarnation);
    });
  }

  private pickPair(): [string, string] | null {
    const hosts = this.net.hosts();
    if (hosts.length < 2) return null;
    const a = this.picks.pick(hosts);
    const b = this.picks.pick(hosts.filter((h) => h !== a));
    return [a.name, b.name];
  }

  private draw(range: UsRange): number {
    return Math.max(1, this.picks.intBetween(range.minUs, range.maxUs));
  }
}
