/*
 * Helpers shared by the network's tests: a small world (sim + network + hosts
 * with predictable latency and no chunk splitting unless asked), a recorder of
 * what one connection side received and when, and a random traffic workload
 * that logs every byte written and received per connection direction so a
 * property test can compare them exactly. Test support only: nothing in the
 * product imports it.
 */
import { Sim, toTraceEvent, type Rng, type TraceEventOf, type TraceKind } from '../sim';
import type { ChaosSettings } from './chaos';
import type { Connection } from './connection';
import type { Host } from './host';
import type { LatencyModel } from './latency';
import { Network, type NetworkOptions } from './network';

export const LATENCY_US = 1_000;
export const PORT = 7_000;

export function world(options: NetworkOptions & { seed?: bigint; hosts?: number } = {}): {
  sim: Sim;
  net: Network;
} {
  const sim = new Sim({ seed: options.seed ?? 1n });
  const fixed: LatencyModel = { kind: 'fixed', us: LATENCY_US };
  const net = new Network(sim, {
    latency: options.latency ?? (options.chaos ? undefined : fixed),
    connectLatency: options.connectLatency ?? (options.chaos ? undefined : fixed),
    chunking:
      options.chunking ?? (options.chaos ? undefined : { splitPpm: 0, maxChunkBytes: 1 << 20 }),
    chaos: options.chaos,
  });
  for (let i = 1; i <= (options.hosts ?? 3); i++) net.addHost(`n${i}`, `10.0.0.${i}`);
  return { sim, net };
}

/** ASCII only (core has no TextEncoder). */
export const text = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
export const str = (b: Uint8Array): string => String.fromCharCode(...b);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

/** Records what one side receives, with arrival times. */
export class Recorder {
  readonly chunks: { atUs: number; bytes: Uint8Array }[] = [];
  ended = false;
  resetReason: string | null = null;
  endedAtUs = -1;
  resetAtUs = -1;

  constructor(private readonly sim: Sim) {}

  attach(conn: Connection): this {
    conn.setHandlers({
      onData: (chunk) => this.chunks.push({ atUs: this.sim.now(), bytes: chunk }),
      onEnd: () => ((this.ended = true), (this.endedAtUs = this.sim.now())),
      onReset: (reason) => ((this.resetReason = reason), (this.resetAtUs = this.sim.now())),
    });
    return this;
  }

  get text(): string {
    return str(concat(this.chunks.map((c) => c.bytes)));
  }
}

const accepted = new WeakMap<Host, Connection[]>();

/** Listens on `to` (once per host), connects from `from`, runs until open. */
export function openPair(sim: Sim, net: Network, from = 'n1', to = 'n2') {
  const target = net.host(to);
  if (!accepted.has(target)) {
    const list: Connection[] = [];
    accepted.set(target, list);
    target.listen(PORT, (c) => void list.push(c));
  }
  let client: Connection | null = null;
  net.host(from).connect(
    { ip: target.ip, port: PORT },
    {
      onOpen: (c) => (client = c),
      onFail: (r) => {
        throw new Error(`connect failed: ${r}`);
      },
    },
  );
  sim.runUntil({ predicate: () => client !== null, events: 1_000 });
  const server = accepted.get(target)?.find((c) => c.id === (client as Connection | null)?.id);
  if (!client || !server) throw new Error('pair did not open');
  const clientRec = new Recorder(sim).attach(client);
  const serverRec = new Recorder(sim).attach(server);
  return { client: client as Connection, server, clientRec, serverRec };
}

/** The events of `kind` still in the trace's ring, narrowed to that kind. */
export function events<K extends TraceKind>(sim: Sim, kind: K): TraceEventOf<K>[] {
  return sim.trace.since(0).events.filter((e): e is TraceEventOf<K> => e.kind === kind);
}

/** Written and received bytes per "connId:sender" direction, plus flips to undo. */
export interface TrafficLog {
  readonly written: Map<string, Uint8Array[]>;
  readonly received: Map<string, Uint8Array[]>;
  readonly flips: TraceEventOf<'bits_flipped'>[];
}

/** Every host listens and keeps a client connection to a random peer, writing random payloads. */
export function startTraffic(
  sim: Sim,
  net: Network,
  opts: { maxWriteBytes: number; hosts?: readonly Host[] },
): TrafficLog {
  const log: TrafficLog = { written: new Map(), received: new Map(), flips: [] };
  sim.trace.subscribe((e) => void log.flips.push(toTraceEvent(e)), ['bits_flipped']);
  const rng = sim.rng('workload');
  for (const host of opts.hosts ?? net.hosts()) {
    const boot = (): void => {
      host.listen(PORT, (conn) =>
        serve(sim, net, rng, conn, log, opts.maxWriteBytes, host.incarnation),
      );
      clientLoop(sim, net, rng, host, log, opts.maxWriteBytes, host.incarnation);
    };
    host.onBoot(boot);
    boot();
  }
  return log;
}

function serve(
  sim: Sim,
  net: Network,
  rng: Rng,
  conn: Connection,
  log: TrafficLog,
  max: number,
  inc: number,
): void {
  const peer = net.hostByIp(conn.remote.ip)?.name ?? '?';
  const key = `${conn.id}:${peer}`;
  conn.setHandlers({
    onData: (c) => push(log.received, key, c),
    onEnd: () => conn.close(),
    onReset: () => {},
  });
  writeLoop(sim, rng, conn, log, max, inc);
}

function clientLoop(
  sim: Sim,
  net: Network,
  rng: Rng,
  host: Host,
  log: TrafficLog,
  max: number,
  inc: number,
): void {
  const live = (): boolean => host.alive && host.incarnation === inc;
  const retry = (): void =>
    void sim.schedule(rng.intBetween(10_000, 100_000), 'test:retry', () => live() && attempt());
  const attempt = (): void => {
    const others = net.hosts().filter((h) => h !== host);
    const target = others[rng.below(others.length)] as Host;
    let settled = false;
    const pending = host.connect(
      { ip: target.ip, port: PORT },
      {
        onOpen: (conn) => {
          settled = true;
          const key = `${conn.id}:${target.name}`;
          const again = (): void => (conn.abort(), retry());
          conn.setHandlers({
            onData: (c) => push(log.received, key, c),
            onEnd: again,
            onReset: retry,
          });
          writeLoop(sim, rng, conn, log, max, inc);
        },
        onFail: () => ((settled = true), retry()),
      },
    );
    sim.schedule(
      1_000_000,
      'test:connect-timeout',
      () => !settled && live() && (pending.cancel(), retry()),
    );
  };
  attempt();
}

function writeLoop(
  sim: Sim,
  rng: Rng,
  conn: Connection,
  log: TrafficLog,
  max: number,
  inc: number,
): void {
  const tick = (): void => {
    if (!conn.host.alive || conn.host.incarnation !== inc) return;
    const bytes = new Uint8Array(rng.intBetween(1, max)).map(() => rng.below(256));
    if (!conn.write(bytes)) return;
    push(log.written, `${conn.id}:${conn.host.name}`, bytes);
    if (rng.below(40) === 0) return conn.close();
    sim.schedule(rng.intBetween(1_000, 50_000), 'test:write', tick);
  };
  tick();
}

function push(map: Map<string, Uint8Array[]>, key: string, bytes: Uint8Array): void {
  const list = map.get(key);
  if (list) list.push(bytes);
  else map.set(key, [bytes]);
}

/** For each direction: received (flips undone) must equal a prefix of written. Returns problems. */
export function checkPrefixes(log: TrafficLog): string[] {
  const problems: string[] = [];
  for (const [key, parts] of [...log.received.entries()].sort()) {
    const got = concat(parts);
    for (const f of log.flips.filter((e) => `${e.conn}:${e.fromNode}` === key)) undoFlips(got, f);
    const sent = concat(log.written.get(key) ?? []);
    if (got.length > sent.length)
      problems.push(`${key}: received ${got.length} > written ${sent.length}`);
    else if (got.some((b, i) => b !== sent[i]))
      problems.push(`${key}: received bytes differ from what was written`);
  }
  return problems;
}

function undoFlips(got: Uint8Array, flip: TraceEventOf<'bits_flipped'>): void {
  const offset = flip.offset;
  for (const bit of flip.positions.split(',').map(Number)) {
    const at = offset + (bit >> 3);
    if (at < got.length) got[at] = (got[at] as number) ^ (1 << (bit & 7));
  }
}

export function withoutFlips(settings: ChaosSettings): ChaosSettings {
  return { ...settings, bitFlipPpm: 0 };
}
