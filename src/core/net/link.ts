/*
 * A connection as the network holds it: two sides (0 = the connecting host,
 * 1 = the accepting host) and two pipes (pipes[r] carries what side r sends).
 * Implements TCP-like lifecycle rules: FIN after the data, RST that drops what
 * is queued and fails the remote, and "a segment for a connection that no
 * longer exists is answered with RST" (unless the host is dead, which answers
 * nothing — that is how half-open connections arise). Emits the lifecycle
 * trace events. Knows nothing of chaos or of what the bytes mean.
 */
import { copyBytes, type CloseOrigin } from '../sim';
import type { Address } from './address';
import type { NetContext } from './context';
import { Connection, type LinkOps, type Role } from './connection';
import type { Host } from './host';
import { Pipe, type Segment } from './pipe';
import { Side } from './side';

/** Who decided a close or reset, for the trace. */
/** Who closed a connection; the trace's vocabulary (core/sim/trace-schema.ts). */
export type CloseCause = CloseOrigin;

/** The handshake that created the link hears how it ends. */
export interface HandshakeObserver {
  /** The handshake reply reached side 0. */
  opened(): void;
  /** Side 0 was reset before it was established. */
  failed(reason: string): void;
}

export interface LinkEnd {
  readonly host: Host;
  readonly address: Address;
}

export class Link implements LinkOps {
  readonly sides: readonly [Side, Side];
  readonly conns: readonly [Connection, Connection];
  readonly pipes: readonly [Pipe, Pipe];

  constructor(
    private readonly ctx: NetContext,
    readonly id: number,
    a: LinkEnd,
    b: LinkEnd,
    private readonly handshake: HandshakeObserver,
  ) {
    this.sides = [
      new Side(ctx.sim, a.host, a.address, b.address, false),
      new Side(ctx.sim, b.host, b.address, a.address, true),
    ];
    this.conns = [new Connection(this, 0, this.sides[0]), new Connection(this, 1, this.sides[1])];
    this.pipes = [
      new Pipe(ctx, id, a.host, b.host, {
        deliver: (s) => this.deliver(1, s),
        lostReset: (s) => this.lost(0, s),
      }),
      new Pipe(ctx, id, b.host, a.host, {
        deliver: (s) => this.deliver(0, s),
        lostReset: (s) => this.lost(1, s),
      }),
    ];
  }

  canWrite(role: Role): boolean {
    return this.sides[role].canWrite;
  }

  write(role: Role, bytes: Uint8Array): boolean {
    if (!this.sides[role].canWrite) return false;
    if (bytes.length > 0) this.pipes[role].sendData(copyBytes(bytes));
    return true;
  }

  close(role: Role, cause: CloseCause): void {
    const side = this.sides[role];
    if (side.reset || side.sentFin || !side.established) return;
    side.sentFin = true;
    this.ctx.sim.emit(side.host.name, 'connection_closed', {
      conn: this.id,
      peerNode: this.peer(role),
      step: 'fin_sent',
      origin: cause,
    });
    this.pipes[role].sendFin();
  }

  /** RST from side `role`; `notifyLocal` when the network (not the app) tore it down. */
  abort(role: Role, reason: string, cause: CloseCause, notifyLocal: boolean): void {
    const side = this.sides[role];
    if (side.reset) return;
    side.reset = true;
    // Traced before the RST is queued, so the RST (and the remote's rst_received) descends from it.
    const dropped = this.pipes[role].discard();
    this.ctx.sim.emit(side.host.name, 'connection_reset', {
      conn: this.id,
      peerNode: this.peer(role),
      step: 'rst_sent',
      reason,
      origin: cause,
      dropped,
    });
    this.pipes[role].sendReset(reason);
    if (notifyLocal) side.notify({ kind: 'reset', reason });
  }

  /** The host of side `role` died: its code is gone, the remote is sent a reset. */
  kill(role: Role): void {
    this.sides[role].detach();
    this.abort(role, 'killed', 'kill', false);
  }

  /** Both sides closed and nothing in flight. */
  get finished(): boolean {
    const [s0, s1] = this.sides;
    const [p0, p1] = this.pipes;
    return s0.state === 'closed' && s1.state === 'closed' && p0.empty && p1.empty;
  }

  private deliver(role: Role, segment: Segment): void {
    const side = this.sides[role];
    if (segment.kind === 'rst') this.receiveReset(role, segment.reason);
    else if (side.reset) this.receiveOnClosed(role, segment);
    else if (segment.kind === 'syn_ack') this.handshake.opened();
    else if (segment.kind === 'fin') {
      side.receivedFin = true;
      this.ctx.sim.emit(side.host.name, 'connection_closed', {
        conn: this.id,
        peerNode: this.peer(role),
        step: 'fin_received',
      });
      side.notify({ kind: 'end' });
    } else {
      const fields = {
        conn: this.id,
        fromNode: this.peer(role),
        offset: segment.offset,
        bytes: segment.bytes.length,
      };
      this.ctx.sim.emit(side.host.name, 'bytes_delivered', fields);
      side.notifyData(segment.bytes);
    }
    this.checkFinished();
  }

  private receiveReset(role: Role, reason: string): void {
    const side = this.sides[role];
    if (side.reset) return;
    side.reset = true;
    this.pipes[role].discard();
    this.ctx.sim.emit(side.host.name, 'connection_reset', {
      conn: this.id,
      peerNode: this.peer(role),
      step: 'rst_received',
      reason,
    });
    if (side.established) side.notify({ kind: 'reset', reason });
    else this.handshake.failed(reason);
  }

  /** Like TCP: a live host answers a segment for a gone connection with RST; a dead one is silent. */
  private receiveOnClosed(role: Role, segment: Segment): void {
    const side = this.sides[role];
    if (segment.kind === 'data') {
      const fields = {
        conn: this.id,
        fromNode: this.peer(role),
        bytes: segment.bytes.length,
        reason: 'closed',
      };
      this.ctx.sim.emit(side.host.name, 'bytes_dropped', fields);
    }
    if (!side.host.alive || !this.pipes[role].empty) return;
    this.pipes[role].sendReset('no such connection');
    this.ctx.sim.emit(side.host.name, 'connection_reset', {
      conn: this.id,
      peerNode: this.peer(role),
      step: 'rst_sent',
      reason: 'no such connection',
      origin: 'stack',
      dropped: 0,
    });
  }

  /** An RST sent by side `from` met a partition: the other side never learns (half-open). */
  private lost(from: Role, segment: Segment): void {
    const reason = segment.kind === 'rst' ? segment.reason : '';
    const to = this.sides[from === 0 ? 1 : 0];
    this.ctx.sim.emit('', 'connection_reset', {
      conn: this.id,
      fromNode: this.sides[from].host.name,
      toNode: to.host.name,
      step: 'rst_lost',
      reason,
    });
    this.checkFinished();
  }

  private peer(role: Role): string {
    return this.sides[role === 0 ? 1 : 0].host.name;
  }

  private checkFinished(): void {
    if (this.finished) this.ctx.linkFinished(this);
  }
}
