/*
 * Liveness with a quiet tail (docs/oracle.md). Chaos stops at its quiet point
 * and undoes what it did; from the last fault of any kind, the transport has a
 * grace window to recover, derived from its own numbers:
 *
 *   graceUs = connectTimeout + maxBackoff + pingInterval + 2 · pingTimeout
 *
 * (a half-open connection is noticed within pingInterval + 2 · pingTimeout
 * (ping-monitor.ts), a hung connect gives up after connectTimeout; then one backoff of at most
 * maxBackoff; then a connect that succeeds on a healthy network). Liveness is
 * judged from
 *
 *   judgedFromUs = max(chaos quiet point, last fault + graceUs)
 *
 * and from then on: every call issued succeeds (or ends in a failure the
 * scenario declares normal on a healthy network, e.g. QueueFull under
 * back-pressure), and at the end every live peer holding messages is
 * Connected and holds none for longer than `holdUs`. A fault the user left
 * standing (a cut, a dead node) means "not judged", naming the intervention;
 * so does a run that ends before `judgedFromUs`. Never a silent pass.
 * Knows trace shapes, peer registries for the end-of-run look, nothing else.
 */
import { formatUs, type Sim } from '../../sim';
import { latencyBoundUs, type Network } from '../../net';
import { PING_PATIENCE_TIMEOUTS, type PeerConfig } from '../../peer';
import { PEER_REGISTRY_SLOT } from '../../transport/peer-registry';
import { addrOfEndpointText } from '../../transport/endpoint';
import type { LivenessVerdict } from '../types';
import { NetworkHealth } from './network-health';

export const INV_LIVE_CALLS = 'liveness: every call issued after the network settled succeeds';
export const INV_LIVE_QUEUES =
  'liveness: after the network settled, every peer with queued work is connected and drains';
export const INV_LIVE_STABLE =
  'liveness: a settled network keeps its connections (no ping timeout)';
export const COVER_LIVENESS_JUDGED =
  'coverage: liveness was judged (the run reached its quiet tail)';

/** The time the transport needs to recover from any fault once the network is healthy (see above). */
export function livenessGraceUs(config: PeerConfig): number {
  return (
    config.connectTimeoutUs +
    config.maxBackoffUs +
    config.pingIntervalUs +
    PING_PATIENCE_TIMEOUTS * config.pingTimeoutUs
  );
}

/** When chaos goes quiet (and buggify with it), or null when the preset injects nothing. */
export function chaosQuietPoint(net: Network): number | null {
  return net.chaos && net.chaos.preset !== 'calm' ? net.chaos.quietAfterUs : null;
}

/** A round trip on the settled network: two deliveries at the latency model's bound, plus 10 ms. */
export function settledRoundTripUs(net: Network): number {
  return 2 * latencyBoundUs(net.env.latency) + 10_000;
}

export interface LivenessOptions {
  /** From the transport's numbers: `livenessGraceUs(config)`. */
  readonly graceUs: number;
  /**
   * Whether a Timeout on a settled network is a failure: only when the deadline
   * leaves room for a round trip and the server's work (`rpc-kit.ts`); a
   * deadline tighter than that makes timeouts normal, not a lost message.
   */
  readonly judgeTimeouts?: boolean;
  /** When chaos (and buggify) stop; null when the preset injects nothing. */
  readonly quietAfterUs: number | null;
  /** RPC failures that are normal on a healthy network in this scenario. */
  readonly allowedFailures?: readonly string[];
  /** Longest a message may stay in a peer's queue on a healthy network (µs). */
  readonly holdUs: number;
}

export class Liveness {
  private readonly health: NetworkHealth;
  private readonly allowed: ReadonlySet<string>;
  private judgedCalls = 0;
  /** `${node}>${peer address}` → when that peer last lost, replaced or failed to make a connection. */
  private readonly connectionLostUs = new Map<string, number>();
  private readonly callsLive: (cond: boolean, node: string, detail: string) => boolean;
  private firstViolation: string | null = null;
  private queuesChecked = false;

  constructor(
    private readonly sim: Sim,
    private readonly net: Network,
    private readonly options: LivenessOptions,
  ) {
    this.health = new NetworkHealth(sim);
    this.allowed = new Set([
      ...(options.allowedFailures ?? []),
      ...(options.judgeTimeouts === false ? ['Timeout'] : []),
    ]);
    for (const name of [INV_LIVE_CALLS, INV_LIVE_QUEUES, INV_LIVE_STABLE])
      sim.assertions.register(name, 'always');
    this.callsLive = sim.assertions.alwaysFor(INV_LIVE_CALLS);
    sim.trace.subscribe(
      ({ node, timeUs, fields: e }) => {
        if (this.isJudged(timeUs))
          this.check(
            false,
            INV_LIVE_STABLE,
            node,
            () =>
              `peer ${node}→${e.peerAddr} lost its connection to a ping timeout at ${formatUs(timeUs)}, on a settled network`,
          );
      },
      ['ping_timeout'],
    );
    sim.trace.subscribe(
      ({ node, timeUs, fields: e }) => {
        if (e.fromState === 'connected' || e.toState === 'backoff')
          this.connectionLostUs.set(`${node}>${e.peerAddr}`, timeUs);
      },
      ['peer_state_changed'],
    );
    sim.assertions.register(COVER_LIVENESS_JUDGED, 'sometimes');
  }

  /** From when liveness is judged, as things stand now; null while a fault is in force. */
  judgedFromUs(): number | null {
    const healthy = this.health.healthySinceUs();
    if (healthy === null) return null;
    const settled = this.health.everFaulted ? healthy + this.options.graceUs : 0;
    return Math.max(settled, this.options.quietAfterUs ?? 0);
  }

  /** Whether a moment lies in the judged tail (as things stand now). */
  isJudged(timeUs: number): boolean {
    const from = this.judgedFromUs();
    return from !== null && timeUs >= from;
  }

  /**
   * A call's outcome (called by the RPC ledger): judged if it was issued in the
   * settled tail. EndpointNotFound is normal only for an endpoint of a node that
   * has restarted (its endpoints are gone); `to` is the endpoint's text.
   */
  callEnded(rpc: string, node: string, sentUs: number, failure: string | null, to: string): void {
    if (!this.isJudged(sentUs)) return;
    this.judgedCalls++;
    if (failure === null || this.allowed.has(failure) || this.explained(failure, node, sentUs, to))
      return void this.callsLive(true, node, '');
    const text = `call ${rpc}, issued at ${formatUs(sentUs)} on a settled network (judged from ${formatUs(this.judgedFromUs() as number)}), failed with ${failure}`;
    this.firstViolation ??= text;
    this.callsLive(false, node, text);
  }

  /**
   * Failures the settled network itself explains: EndpointNotFound for an
   * endpoint of a node that has restarted (its endpoints are gone), and
   * MaybeDelivered when the caller's connection to that address really was
   * lost or replaced after the call (two nodes dialling each other at once).
   */
  private explained(failure: string, node: string, sentUs: number, to: string): boolean {
    if (failure === 'EndpointNotFound') return this.restarted(to);
    if (failure !== 'MaybeDelivered') return false;
    return (this.connectionLostUs.get(`${node}>${addrOfEndpointText(to)}`) ?? -1) >= sentUs;
  }

  /** Whether the node an endpoint (`ip:port/token`) lives on has restarted since the run began. */
  private restarted(endpoint: string): boolean {
    return (this.net.hostByIp(endpoint.slice(0, endpoint.indexOf(':')))?.incarnation ?? 0) > 0;
  }

  /** The end of the run: a look at every live peer's queue, and a coverage mark if judged (once). */
  finish(net: Network): void {
    if (this.queuesChecked) return;
    this.queuesChecked = true;
    const now = this.sim.now();
    const from = this.judgedFromUs();
    if (from === null || now < from) return;
    this.sim.assertions.sometimes(true, COVER_LIVENESS_JUDGED);
    for (const host of net.hosts()) {
      if (!host.alive) continue;
      for (const peer of PEER_REGISTRY_SLOT.get(host)?.all() ?? []) {
        const held = [...peer.queued.reliable, ...peer.queued.unsent.filter((m) => !m.reliable)];
        if (held.length === 0) continue;
        let oldestUs = Infinity;
        for (const m of held) oldestUs = Math.min(oldestUs, m.enqueuedAtUs);
        const connected = peer.state === 'connected';
        const drained = now - this.options.holdUs < from || oldestUs > now - this.options.holdUs;
        this.check(
          connected && drained,
          INV_LIVE_QUEUES,
          host.name,
          () =>
            `peer ${host.name}→${peer.label} holds ${held.length} message(s), the oldest queued at ${formatUs(oldestUs)}, and is ${peer.state} at the end (judged from ${formatUs(from)})`,
        );
      }
    }
  }

  verdict(): LivenessVerdict {
    const from = this.judgedFromUs();
    if (this.firstViolation !== null)
      return { status: 'violated', reason: this.firstViolation, judgedFromUs: from };
    const now = this.sim.now();
    if (from === null)
      return { status: 'not judged', reason: this.standingReason(), judgedFromUs: null };
    if (now < from) {
      return {
        status: 'not judged',
        reason: `the run is at ${formatUs(now)}; liveness is judged from ${formatUs(from)} (${this.fromWhat()})`,
        judgedFromUs: from,
      };
    }
    const queues = this.queuesChecked
      ? '; every peer with queued work connected and drained'
      : ' so far (the end-of-run checks run when the run is summarised)';
    const timeouts =
      this.options.judgeTimeouts === false
        ? ' (timeouts not counted: the deadline is tighter than a round trip and the server’s work)'
        : '';
    return {
      status: 'held',
      reason: `judged from ${formatUs(from)} (${this.fromWhat()}): ${this.judgedCalls} call(s) issued since, none failed${timeouts}${queues}`,
      judgedFromUs: from,
    };
  }

  private fromWhat(): string {
    const quiet = this.options.quietAfterUs;
    const grace = `grace ${formatUs(this.options.graceUs)}`;
    if (!this.health.everFaulted)
      return quiet === null ? 'no fault ever happened' : `chaos quiet from ${formatUs(quiet)}`;
    return `last fault at ${formatUs(this.health.healthySinceUs() ?? 0)} + ${grace}${quiet === null ? '' : `, chaos quiet from ${formatUs(quiet)}`}`;
  }

  private standingReason(): string {
    const standing = this.health.standing();
    const user = standing.find((f) => f.byUser);
    if (user)
      return `\`${user.what}\` at ${formatUs(user.sinceUs)} is still in force: the network never settled`;
    const first = standing[0];
    return first
      ? `a ${first.what.replace(/_/g, ' ')} from ${formatUs(first.sinceUs)} is still in force: the network has not settled yet`
      : 'the network has not settled';
  }

  /** Records a liveness check's result (a scenario's own, e.g. at-least-once); the first failure is the verdict's reason. */
  judge(ok: boolean, name: string, node: string, message: () => string): void {
    this.check(ok, name, node, message);
  }

  private check(ok: boolean, name: string, node: string, message: () => string): void {
    if (ok) return void this.sim.assertions.always(true, name, node);
    const text = message();
    this.firstViolation ??= text;
    this.sim.assertions.always(false, name, node, text);
  }
}
