/*
 * The public handle on ONE side of a connection (the other side is a separate
 * Connection object with the same id): addresses, state, handlers, write,
 * graceful close and abort. A thin facade over the link that owns both sides,
 * so application code cannot reach the network's internals. Knows nothing of
 * how bytes travel.
 */
import type { Address } from './address';
import type { Host } from './host';
import type { ConnectionHandlers, ConnectionState, Side } from './side';

export type Role = 0 | 1;

/** What a Connection asks of the link that owns it. */
export interface LinkOps {
  readonly id: number;
  canWrite(role: Role): boolean;
  write(role: Role, bytes: Uint8Array): boolean;
  close(role: Role, cause: 'app'): void;
  abort(role: Role, reason: string, cause: 'app', notifyLocal: boolean): void;
}

export class Connection {
  readonly id: number;
  readonly local: Address;
  readonly remote: Address;
  readonly host: Host;

  constructor(
    private readonly link: LinkOps,
    private readonly role: Role,
    private readonly side: Side,
  ) {
    this.id = link.id;
    this.local = side.local;
    this.remote = side.remote;
    this.host = side.host;
  }

  get state(): ConnectionState {
    return this.side.state;
  }

  /** Data, end and reset that arrived before this call are replayed in order. */
  setHandlers(handlers: ConnectionHandlers): void {
    this.side.setHandlers(handlers);
  }

  /** Whether write() would take bytes now. */
  get writable(): boolean {
    return this.link.canWrite(this.role);
  }

  /** Queues the bytes (copied); false if this side can no longer write. */
  write(bytes: Uint8Array): boolean {
    return this.link.write(this.role, bytes);
  }

  /** Graceful FIN: the remote reads everything written so far, then gets onEnd(). */
  close(): void {
    this.link.close(this.role, 'app');
  }

  /** RST: this side is closed at once (no callback here); the remote gets onReset after one trip. */
  abort(): void {
    this.link.abort(this.role, 'aborted', 'app', false);
  }
}
