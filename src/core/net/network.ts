/*
 * The virtual network of one run: hosts by name and ip, the live connections,
 * the fault table, and the explicit fault calls a user or script makes (each
 * recorded in the trace with cause 'explicit'; the chaos driver makes the same
 * calls with cause 'chaos'). Kill and restart live here because they touch
 * hosts, links and the sim's tasks at once. Also answers read-only snapshot
 * queries for a view. Knows nothing of frames, peers or drawing.
 */
import type { Sim } from '../sim';
import { isValidIp, type Address } from './address';
import type { ChaosSettings } from './chaos';
import { ChaosDriver, type ChaosTarget } from './chaos-driver';
import { DEFAULT_CHUNKING, type ChunkingModel } from './chunking';
import type { Environment, NetContext } from './context';
import { FaultControl, type FaultOptions } from './fault-control';
import {
  FaultTable,
  type ConnectFaultMode,
  type CorruptSpec,
  type FaultCause,
} from './fault-table';
import { Handshake } from './handshake';
import { Host, type ConnectHandlers, type PendingConnect } from './host';
import { connectionInfo, faultInfos, type ConnectionInfo, type FaultInfo } from './introspection';
import { checkLatencyModel, DEFAULT_LATENCY, type LatencyModel } from './latency';
import type { Link } from './link';

export interface NetworkOptions {
  /** Per-chunk latency (default: chaos.latency, else DEFAULT_LATENCY). */
  latency?: LatencyModel;
  /** Each leg of a handshake (default: chaos.connectLatency, else `latency`). */
  connectLatency?: LatencyModel;
  chunking?: ChunkingModel;
  /** Starts a chaos driver and enables per-chunk/per-connect random faults. */
  chaos?: ChaosSettings;
}

export type CloseMode = 'graceful' | 'abort';

export class Network implements ChaosTarget {
  readonly env: Environment;
  readonly chaos: ChaosSettings | null;
  readonly driver: ChaosDriver | null;
  private readonly byName = new Map<string, Host>();
  private readonly byIp = new Map<string, Host>();
  private readonly hostList: Host[] = [];
  private readonly links = new Map<number, Link>();
  private readonly table = new FaultTable();
  private readonly control: FaultControl;
  private readonly ctx: NetContext;
  private lastConnectionId = 0;

  constructor(
    readonly sim: Sim,
    options: NetworkOptions = {},
  ) {
    const chaos = options.chaos ?? null;
    const latency = options.latency ?? chaos?.latency ?? DEFAULT_LATENCY;
    const connectLatency = options.connectLatency ?? chaos?.connectLatency ?? latency;
    [latency, connectLatency].forEach(checkLatencyModel);
    this.env = {
      latency,
      connectLatency,
      chunking: options.chunking ?? chaos?.chunking ?? DEFAULT_CHUNKING,
    };
    this.chaos = chaos;
    this.ctx = {
      sim,
      faults: this.table,
      env: this.env,
      activeChaos: () => this.activeChaos(),
      hostByIp: (ip) => this.hostByIp(ip),
      nextConnectionId: () => ++this.lastConnectionId,
      registerLink: (link) => void this.links.set(link.id, link),
      linkFinished: (link) => void this.links.delete(link.id),
    };
    this.control = new FaultControl(
      this.ctx,
      (name) => void this.host(name),
      () => this.sortedLinks(),
    );
    this.driver = chaos ? new ChaosDriver(sim, this, chaos) : null;
    this.driver?.start();
  }

  addHost(name: string, ip: string): Host {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(name))
      throw new Error(`bad host name "${name}": use 1-32 letters, digits, - or _`);
    if (!isValidIp(ip))
      throw new Error(`bad ip "${ip}" for host ${name}: use four numbers 0-255, e.g. 10.0.0.1`);
    if (this.byName.has(name)) throw new Error(`host ${name} already exists`);
    if (this.byIp.has(ip))
      throw new Error(`ip ${ip} is already used by host ${this.byIp.get(ip)?.name}`);
    const services = {
      sim: this.sim,
      connect: (h: Host, remote: Address, handlers: ConnectHandlers) =>
        this.connect(h, remote, handlers),
    };
    const host = new Host(services, name, ip);
    this.byName.set(name, host);
    this.byIp.set(ip, host);
    this.hostList.push(host);
    return host;
  }

  host(name: string): Host {
    const host = this.byName.get(name);
    if (!host)
      throw new Error(
        `unknown host "${name}"; known hosts: ${this.hostList.map((h) => h.name).join(', ') || 'none'}`,
      );
    return host;
  }

  hostByIp(ip: string): Host | undefined {
    return this.byIp.get(ip);
  }

  /** In creation order. */
  hosts(): readonly Host[] {
    return this.hostList;
  }

  /** Cuts a↔b (or only a→b with oneWay) until heal(), or for `durationUs`. The fault id is in the trace. */
  partition(a: string, b: string, opts: FaultOptions & { oneWay?: boolean } = {}): void {
    this.control.partition(a, b, opts.oneWay ? 'one_way' : 'both', opts);
  }

  /** No names: heal everything; one: all partitions/isolation involving it; two: those between them. */
  heal(a?: string, b?: string, cause: FaultCause = 'explicit'): void {
    this.control.heal(a, b, cause);
  }

  /** Heals one partition/isolation by its fault id (see faultInfos); false if already gone. */
  healFault(id: number, cause: FaultCause = 'explicit'): boolean {
    return this.control.healFault(id, cause);
  }

  isolate(a: string, opts: FaultOptions = {}): void {
    this.control.isolate(a, opts);
  }

  /** a→b deliveries due during the clog are held, then released in order at its end. */
  clog(a: string, b: string, durationUs: number, cause: FaultCause = 'explicit'): void {
    this.control.clog(a, b, durationUs, cause);
  }

  /** The next chunk a→b arrives damaged: random bits, or the low bit of one chosen byte. */
  corruptNext(a: string, b: string, spec: CorruptSpec = {}, cause: FaultCause = 'explicit'): void {
    this.control.corruptNext(a, b, spec, cause);
  }

  /** Both directions of a↔b draw from `model` for `durationUs` (chunks sent meanwhile keep their draw). */
  latencySpike(
    a: string,
    b: string,
    model: LatencyModel,
    durationUs: number,
    cause: FaultCause = 'explicit',
  ): void {
    this.control.latencySpike(a, b, model, durationUs, cause);
  }

  setPairLatency(a: string, b: string, model: LatencyModel | null): void {
    this.control.setPairLatency(a, b, model);
  }

  failNextConnect(
    from: string,
    to: string,
    mode: ConnectFaultMode,
    cause: FaultCause = 'explicit',
  ): void {
    this.control.failNextConnect(from, to, mode, cause);
  }

  /**
   * Network-initiated close. abort: the chosen side(s) get onReset at once, the remote after one trip.
   * graceful: FIN from the chosen side(s) (no local callback; later writes return false).
   * sides 'one' closes side `opts.side` (default 'a', the side that connected).
   */
  closeConnection(
    connId: number,
    mode: CloseMode,
    sides: 'one' | 'both',
    opts: { side?: 'a' | 'b'; cause?: FaultCause } = {},
  ): void {
    const link = this.links.get(connId);
    if (!link) throw new Error(`no live connection #${connId}`);
    const cause = opts.cause ?? 'explicit';
    const roles = sides === 'both' ? ([0, 1] as const) : ([opts.side === 'b' ? 1 : 0] as const);
    for (const role of roles) {
      if (mode === 'abort') link.abort(role, 'closed by network', cause, true);
      else link.close(role, cause);
    }
  }

  /** Ends every fault chaos started (the quiet tail begins). */
  endChaosFaults(): void {
    this.control.endAll('chaos');
  }

  /** Aborts its connections, closes its listeners, cancels its tasks; no-op if already dead. */
  kill(name: string, cause: FaultCause = 'explicit'): void {
    const host = this.host(name);
    if (!host.alive) return;
    const ports = host.markKilled();
    const sides = this.sortedLinks().flatMap((link) =>
      ([0, 1] as const)
        .filter((r) => link.sides[r].host === host && !link.sides[r].detached)
        .map((r) => ({ link, r })),
    );
    const fields = {
      incarnation: host.incarnation,
      origin: cause,
      connections: sides.length,
      listeners: ports.length,
    };
    this.sim.emit(name, 'node_killed', fields);
    for (const port of ports) this.sim.emit(name, 'listener_closed', { port, reason: 'killed' });
    for (const { link, r } of sides) link.kill(r);
    this.sim.cancelTasksOf(name);
  }

  /** Alive again, then runs the host's boot callbacks; no-op if alive. */
  restart(name: string, cause: FaultCause = 'explicit'): void {
    const host = this.host(name);
    if (host.alive) return;
    const boot = host.markRestarted();
    this.sim.emit(name, 'node_restarted', { incarnation: host.incarnation, origin: cause });
    for (const fn of boot) fn();
  }

  /** Live connections (including ones still flushing or half-open), sorted by id. */
  connectionInfos(): ConnectionInfo[] {
    return this.sortedLinks().map(connectionInfo);
  }

  faultInfos(): FaultInfo[] {
    return faultInfos(this.table);
  }

  /** Chaos settings while random per-chunk/per-connect faults apply (null when none or quiet). */
  activeChaos(): ChaosSettings | null {
    const quietAfterUs = this.chaos?.quietAfterUs ?? null;
    if (!this.chaos || (quietAfterUs !== null && this.sim.now() >= quietAfterUs)) return null;
    return this.chaos;
  }

  private connect(host: Host, remote: Address, handlers: ConnectHandlers): PendingConnect {
    return new Handshake(this.ctx, host, remote, handlers).start();
  }

  private sortedLinks(): Link[] {
    return [...this.links.values()].sort((x, y) => x.id - y.id);
  }
}
