/*
 * One connect attempt, as a small state machine: the SYN travels one connect
 * latency; on arrival it may hang (partition either way, or an armed/chaos
 * "hang" — the SYN is lost and nothing ever calls back), be refused (nothing
 * listens, the host is dead, or an armed/chaos "refuse": the refusal travels
 * back one latency), or be accepted (the link is created, the acceptor's
 * callback runs, the reply rides the new link's return pipe so data the
 * acceptor writes at once arrives after it). Knows nothing of chaos beyond
 * the ppm knobs it is handed.
 */
import type { Rng, TraceSchema } from '../sim';
import { formatAddress, type Address } from './address';
import type { Connection } from './connection';
import type { HostRef, NetContext } from './context';
import type { ConnectFaultMode, FaultCause } from './fault-table';
import type { ConnectFailure, ConnectHandlers, Host, PendingConnect } from './host';
import { sampleLatencyUs } from './latency';
import { Link, type HandshakeObserver } from './link';

type Phase = 'syn' | 'accepted' | 'hung' | 'done' | 'cancelled';

export class Handshake implements PendingConnect, HandshakeObserver {
  readonly id: number;
  private phase: Phase = 'syn';
  private link: Link | null = null;
  private readonly callerIncarnation: number;

  constructor(
    private readonly ctx: NetContext,
    private readonly caller: Host,
    private readonly remote: Address,
    private readonly handlers: ConnectHandlers,
  ) {
    this.id = ctx.nextConnectionId();
    this.callerIncarnation = caller.incarnation;
  }

  /** Sends the SYN. A dead host's code can do nothing: its connect is inert. */
  start(): this {
    if (!this.caller.alive) {
      this.phase = 'done';
      return this;
    }
    const target = this.ctx.hostByIp(this.remote.ip);
    const to = target?.name ?? '';
    this.emit('connect_started', { conn: this.id, toNode: to, toAddr: formatAddress(this.remote) });
    if (!target) {
      const rng = this.ctx.sim.rng(`connect:${this.caller.ip}>${this.remote.ip}`);
      this.after(sampleLatencyUs(rng, this.ctx.env.connectLatency), () =>
        this.fail('unreachable', 'unreachable'),
      );
    } else this.after(this.legUs(this.caller, target), () => this.synArrives(target));
    return this;
  }

  cancel(): void {
    if (this.phase !== 'syn' && this.phase !== 'accepted' && this.phase !== 'hung') return;
    const accepted = this.phase === 'accepted';
    this.phase = 'cancelled';
    this.emit('connect_cancelled', { conn: this.id, toNode: this.targetName() });
    if (accepted && this.link) this.link.abort(0, 'cancelled', 'app', false);
  }

  opened(): void {
    const link = this.link as Link;
    if (this.phase !== 'accepted' || !this.callerCurrent()) {
      link.abort(0, 'cancelled', 'app', false);
      return;
    }
    this.phase = 'done';
    link.sides[0].established = true;
    this.emit('connection_opened', {
      conn: this.id,
      toNode: this.targetName(),
      port: link.sides[0].local.port,
    });
    this.handlers.onOpen(link.conns[0]);
  }

  failed(reason: string): void {
    if (this.phase !== 'accepted') return;
    this.fail(reason === 'killed' ? 'killed' : 'refused', reason);
  }

  private synArrives(target: Host): void {
    if (this.phase !== 'syn') return;
    if (!this.callerCurrent()) return void (this.phase = 'done');
    const faults = this.ctx.faults;
    if (
      faults.blocked(this.caller.name, target.name) ||
      faults.blocked(target.name, this.caller.name)
    ) {
      return this.hang('partition');
    }
    const clogUntilUs = faults.clogUntilUs(this.caller.name, target.name, this.ctx.sim.now());
    if (clogUntilUs > 0)
      return void this.ctx.sim.scheduleAt(clogUntilUs, 'net:syn', () => this.synArrives(target));
    const fault = this.drawFault(target);
    if (fault?.mode === 'hang') return this.hang(fault.cause);
    const acceptor = target.acceptorAt(this.remote.port);
    if (fault?.mode === 'refuse' || !acceptor) {
      const why = fault ? fault.cause : target.alive ? 'no_listener' : 'host_down';
      this.after(this.legUs(target, this.caller), () => this.refusalArrives(target, why));
      return;
    }
    this.accept(target, acceptor);
  }

  private accept(target: Host, acceptor: (conn: Connection) => void): void {
    const local = { ip: this.caller.ip, port: this.caller.allocatePort() };
    const link = new Link(
      this.ctx,
      this.id,
      { host: this.caller, address: local },
      { host: target, address: this.remote },
      this,
    );
    this.link = link;
    this.phase = 'accepted';
    this.ctx.registerLink(link);
    this.ctx.sim.emit(target.name, 'connect_accepted', {
      conn: this.id,
      fromNode: this.caller.name,
      port: this.remote.port,
    });
    link.pipes[1].sendSynAck();
    acceptor(link.conns[1]);
  }

  private refusalArrives(target: Host, why: string): void {
    if (this.phase !== 'syn') return;
    if (!this.callerCurrent()) return void (this.phase = 'done');
    if (this.ctx.faults.blocked(target.name, this.caller.name)) return this.hang('partition');
    this.fail('refused', why);
  }

  /** A dead caller's code is gone: it hears nothing. */
  private fail(failure: ConnectFailure, why: string): void {
    this.phase = 'done';
    if (!this.callerCurrent()) return;
    this.emit('connect_refused', { conn: this.id, toNode: this.targetName(), reason: why });
    this.handlers.onFail(failure);
  }

  private hang(why: string): void {
    this.phase = 'hung';
    this.emit('connect_hung', { conn: this.id, toNode: this.targetName(), reason: why });
  }

  /** An armed one-shot fault first, else the chaos ppm knobs (own stream per direction). */
  private drawFault(target: Host): { mode: ConnectFaultMode; cause: FaultCause } | null {
    const armed = this.ctx.faults.takeConnectFault(this.caller.name, target.name);
    if (armed) return { mode: armed.value, cause: armed.cause };
    const chaos = this.ctx.activeChaos();
    if (!chaos || (chaos.connectRefusePpm <= 0 && chaos.connectHangPpm <= 0)) return null;
    const rng: Rng = this.ctx.sim.rng(`connect-faults:${this.caller.ip}>${target.ip}`);
    if (rng.chancePpm(chaos.connectRefusePpm)) return { mode: 'refuse', cause: 'chaos' };
    if (rng.chancePpm(chaos.connectHangPpm)) return { mode: 'hang', cause: 'chaos' };
    return null;
  }

  private legUs(from: HostRef, to: HostRef): number {
    const model = this.ctx.faults.latencyModel(from.name, to.name, this.ctx.env.connectLatency);
    return sampleLatencyUs(this.ctx.sim.rng(`connect:${from.ip}>${to.ip}`), model);
  }

  private after(delayUs: number, fn: () => void): void {
    this.ctx.sim.schedule(delayUs, 'net:handshake', fn);
  }

  private callerCurrent(): boolean {
    return this.caller.alive && this.caller.incarnation === this.callerIncarnation;
  }

  private targetName(): string {
    return this.ctx.hostByIp(this.remote.ip)?.name ?? '';
  }

  /** The dial's own events happen on the caller. */
  private emit<K extends HandshakeKind>(kind: K, fields: TraceSchema[K]): void {
    this.ctx.sim.emit(this.caller.name, kind, fields);
  }
}

type HandshakeKind =
  | 'connect_started'
  | 'connect_cancelled'
  | 'connection_opened'
  | 'connect_refused'
  | 'connect_hung';
