/*
 * The state of one end of a connection as its application sees it: whether it
 * is established, sent or received FIN, was reset, and the handlers that get
 * data, end and reset. Events that arrive before handlers are set are buffered
 * and replayed in order; a side whose host was killed is detached and never
 * calls application code again. Knows nothing of pipes, latency or faults.
 */
import type { Sim } from '../sim';
import type { Address } from './address';
import type { Host } from './host';

export interface ConnectionHandlers {
  onData(chunk: Uint8Array): void;
  /** The remote closed gracefully and every byte it wrote has been delivered. */
  onEnd(): void;
  onReset(reason: string): void;
}

export type ConnectionState = 'open' | 'closing' | 'closed';

type AppEvent =
  { kind: 'data'; chunk: Uint8Array } | { kind: 'end' } | { kind: 'reset'; reason: string };

export class Side {
  sentFin = false;
  receivedFin = false;
  reset = false;
  /** The host died: nothing reaches application code any more. */
  detached = false;
  private handlers: ConnectionHandlers | null = null;
  private readonly buffered: AppEvent[] = [];

  constructor(
    private readonly sim: Sim,
    readonly host: Host,
    readonly local: Address,
    readonly remote: Address,
    /** The connecting side becomes established when the handshake reply arrives. */
    public established: boolean,
  ) {}

  /** open: both directions usable; closing: one FIN sent or received; closed: reset or both FINs. */
  get state(): ConnectionState {
    if (this.reset || (this.sentFin && this.receivedFin)) return 'closed';
    return this.sentFin || this.receivedFin ? 'closing' : 'open';
  }

  get canWrite(): boolean {
    return this.established && !this.reset && !this.sentFin && !this.detached && this.host.alive;
  }

  setHandlers(handlers: ConnectionHandlers): void {
    if (this.detached) return;
    this.handlers = handlers;
    // Replay from the ready queue, not inside the caller's own setHandlers call.
    if (this.buffered.length > 0) this.sim.defer(() => this.flush());
  }

  notify(event: AppEvent): void {
    if (this.detached) return;
    if (!this.handlers || this.buffered.length > 0) {
      this.buffered.push(event);
      return;
    }
    dispatch(this.handlers, event);
  }

  /** `notify` for a data chunk, without building an event when it can go straight through. */
  notifyData(chunk: Uint8Array): void {
    if (this.handlers && this.buffered.length === 0 && !this.detached) this.handlers.onData(chunk);
    else this.notify({ kind: 'data', chunk });
  }

  detach(): void {
    this.detached = true;
    this.handlers = null;
    this.buffered.length = 0;
  }

  private flush(): void {
    while (this.handlers && this.buffered.length > 0)
      dispatch(this.handlers, this.buffered.shift() as AppEvent);
  }
}

function dispatch(handlers: ConnectionHandlers, event: AppEvent): void {
  if (event.kind === 'data') handlers.onData(event.chunk);
  else if (event.kind === 'end') handlers.onEnd();
  else handlers.onReset(event.reason);
}
