/*
 * A host of the virtual network: a name ("n1"), an ip ("10.0.0.1"), its
 * listeners, liveness and incarnation (bumped on every kill so stale code can
 * tell it belongs to a previous life), and the boot callbacks a restart runs.
 * Connecting is delegated to the network. Knows nothing of latency, faults or
 * how connections carry bytes.
 */
import type { Sim } from '../sim';
import { formatAddress, isValidPort, type Address } from './address';
import type { Connection } from './connection';

export type ConnectFailure = 'refused' | 'unreachable' | 'killed';

export interface ConnectHandlers {
  onOpen(conn: Connection): void;
  onFail(reason: ConnectFailure): void;
}

/** A connect in progress; cancel() after a timeout. A connect that hangs never calls back. */
export interface PendingConnect {
  readonly id: number;
  cancel(): void;
}

export interface Listener {
  readonly port: number;
  close(): void;
}

/** What a host needs from its network. */
export interface HostServices {
  readonly sim: Sim;
  connect(host: Host, remote: Address, handlers: ConnectHandlers): PendingConnect;
}

const FIRST_EPHEMERAL_PORT = 49_152;

export class Host {
  private aliveFlag = true;
  private incarnationCount = 0;
  private nextEphemeralPort = FIRST_EPHEMERAL_PORT;
  private readonly listeners = new Map<number, (conn: Connection) => void>();
  private readonly bootCallbacks: (() => void)[] = [];

  constructor(
    private readonly services: HostServices,
    readonly name: string,
    readonly ip: string,
  ) {}

  get alive(): boolean {
    return this.aliveFlag;
  }

  /** 0 at creation, +1 on every kill. */
  get incarnation(): number {
    return this.incarnationCount;
  }

  /** Accepts connections on `port` until the listener is closed or the host dies. */
  listen(port: number, onAccept: (conn: Connection) => void): Listener {
    if (!isValidPort(port))
      throw new RangeError(`${this.name}: cannot listen on port ${port}: use 1..65535`);
    if (!this.aliveFlag)
      throw new Error(`${this.name} is dead: listen from its boot callback after restart`);
    if (this.listeners.has(port)) throw new Error(`${this.name}: port ${port} is already in use`);
    this.listeners.set(port, onAccept);
    const address = formatAddress({ ip: this.ip, port });
    this.services.sim.emit(this.name, 'host_listened', { port, address });
    const incarnation = this.incarnationCount;
    return {
      port,
      close: () => {
        if (incarnation !== this.incarnationCount || this.listeners.get(port) !== onAccept) return;
        this.listeners.delete(port);
        this.services.sim.emit(this.name, 'listener_closed', { port, reason: 'closed' });
      },
    };
  }

  connect(remote: Address, handlers: ConnectHandlers): PendingConnect {
    return this.services.connect(this, remote, handlers);
  }

  /** Runs on every restart, in registration order (re-create listeners and tasks here). */
  onBoot(fn: () => void): void {
    this.bootCallbacks.push(fn);
  }

  /** The accept callback listening on `port`, if any (network use). */
  acceptorAt(port: number): ((conn: Connection) => void) | undefined {
    return this.aliveFlag ? this.listeners.get(port) : undefined;
  }

  /** A local port for an outgoing connection, deterministic per host. */
  allocatePort(): number {
    const port = this.nextEphemeralPort;
    this.nextEphemeralPort = port >= 65_535 ? FIRST_EPHEMERAL_PORT : port + 1;
    return port;
  }

  /** Network use: the host dies; returns the ports whose listeners were closed. */
  markKilled(): number[] {
    this.aliveFlag = false;
    this.incarnationCount++;
    const ports = [...this.listeners.keys()].sort((x, y) => x - y);
    this.listeners.clear();
    return ports;
  }

  /** Network use: alive again; returns the boot callbacks to run. */
  markRestarted(): readonly (() => void)[] {
    this.aliveFlag = true;
    return [...this.bootCallbacks];
  }
}
