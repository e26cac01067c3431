/*
 * Scenario `echo`: clients open raw byte-stream connections to an echo server
 * and stream sequence-numbered, self-checksummed records; the server echoes
 * every byte back. It exercises the virtual network alone (no wire format, no
 * peers). Invariants: on each connection echoed records come back in order,
 * never duplicated, never invented; a record that passes its checksum is
 * intact; corruption is counted when the record's own checksum catches it.
 * Liveness: once the network settled (invariants/liveness.ts, with echo's own
 * numbers: connect timeout + retry delay + a second), every client is
 * connected and every record it sent more than HOLD_US before the end came back.
 * Each record is traced as a packet (`packet_sent` when its last byte is
 * written, `packet_delivered` when it is parsed whole and intact, kind
 * 'record'), both ways, so the one packet model (core/view/lifecycle.ts) — and
 * every view — shows echo's byte streams; the server only watches the records
 * go by, it still echoes every byte as it comes.
 * Knows nothing of the UI or how the run is driven.
 */
import { formatUs, ms, seconds, type Sim, type SimFuture } from '../../sim';
import { chaosQuietPoint, Liveness } from '../invariants/liveness';
import { formatAddress, type Connection, type Host } from '../../net';
import { connect, StreamReader } from '../stream-io';
import type { Scenario, World } from '../types';
import { hubAndSpokes } from '../topology';
import { checksumOf, encodeRecord, RECORD_HEADER_BYTES, RecordParser } from './records';

const ECHO_PORT = 7;
const CONNECT_TIMEOUT_US = seconds(1);
const RETRY_DELAY_US = ms(100);
/**
 * Once its own side can no longer write (closed, or reset), a client waits this
 * long for the last echoes, then gives the connection up: a server that died
 * behind a lost RST would otherwise keep it waiting for good.
 */
const DRAIN_US = seconds(1);
/** Longest an echo may take on a settled network, and longest a client may be without a connection. */
const HOLD_US = seconds(1);
const INV_LIVE_ECHO =
  'echo: after the network settled, every client is connected and every record comes back';

const INV_ORDER = 'echo: records come back in order, never duplicated';
const INV_KNOWN = 'echo: every echoed record was sent on that connection';
const INV_INTACT = 'echo: a record that passes its checksum is intact';
const COVER_CORRUPT = 'echo: a corrupted record was caught by its checksum';
const COVER_RECONNECT = 'echo: a client reconnected after losing its connection';

/** Payload byte i of record `seq`: recomputable, so the client can verify echoes. */
function payloadFor(seq: number, bytes: number): Uint8Array {
  const payload = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) payload[i] = (seq * 31 + i * 7) & 0xff;
  return payload;
}

function samePayload(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

interface Counters {
  sent: number;
  echoed: number;
  corrupted: number;
}

/** What a client is doing, for the liveness look at the end. */
interface ClientState {
  /** Send times of the records not yet echoed on the current connection; null while not connected. */
  outstandingUs: number[] | null;
  /** Since when it has had no connection. */
  disconnectedSinceUs: number;
}

/** A record on the wire, as the packet model sees one: `offset` in its direction of `conn`. */
interface RecordPacket {
  readonly offset: number;
  readonly bytes: number;
  readonly seq: number;
  readonly checksum: number;
}

/** `conn`'s side wrote the record's last byte. */
function tracePacketSent(sim: Sim, conn: Connection, r: RecordPacket): void {
  sim.emit(conn.host.name, 'packet_sent', {
    conn: conn.id,
    fromAddr: formatAddress(conn.local),
    toAddr: formatAddress(conn.remote),
    offset: r.offset,
    bytes: r.bytes,
    packet: 'record',
    msg: r.seq,
    crc: r.checksum,
  });
}

/** `conn`'s side parsed the record whole, its checksum good. */
function tracePacketDelivered(sim: Sim, conn: Connection, r: RecordPacket): void {
  sim.emit(conn.host.name, 'packet_delivered', {
    conn: conn.id,
    fromAddr: formatAddress(conn.remote),
    toAddr: formatAddress(conn.local),
    offset: r.offset,
    bytes: r.bytes,
    packet: 'record',
    crc: r.checksum,
  });
}

function* serveConnection(
  sim: Sim,
  conn: Connection,
  recordBytes: number,
): Generator<SimFuture<unknown>, void, unknown> {
  const reader = new StreamReader(sim, conn);
  // Only to trace records as they pass: a bad one stops the tracing, never the echo.
  const parser = new RecordParser(recordBytes);
  let offset = 0;
  try {
    for (;;) {
      const chunk = yield* reader.read();
      if (chunk === null) break;
      conn.write(chunk);
      parser.push(chunk);
      for (let parsed = parser.next(); parsed?.ok; parsed = parser.next()) {
        const r = {
          offset,
          bytes: parsed.bytes,
          seq: parsed.record.seq,
          checksum: parsed.checksum,
        };
        tracePacketDelivered(sim, conn, r); // in whole…
        tracePacketSent(sim, conn, r); // …and, with the chunk just echoed, out whole (the same offset)
        offset += parsed.bytes;
      }
    }
    conn.close();
  } catch {
    // reset: nothing to echo any more
  }
}

function startServer(sim: Sim, host: Host, recordBytes: number): void {
  host.listen(
    ECHO_PORT,
    (conn) =>
      void sim.spawn(`echo-conn-${conn.id}`, host.name, serveConnection(sim, conn, recordBytes)),
  );
}

function* writeRecords(
  sim: Sim,
  conn: Connection,
  payloadBytes: number,
  intervalUs: number,
  sentOnConn: { n: number },
  counters: Counters,
  state: ClientState,
): Generator<SimFuture<unknown>, void, unknown> {
  for (;;) {
    const seq = sentOnConn.n;
    const record = encodeRecord({ seq, payload: payloadFor(seq, payloadBytes) });
    if (!conn.write(record)) return;
    // Records are all one size, so record n starts at n of them.
    tracePacketSent(sim, conn, {
      offset: seq * record.length,
      bytes: record.length,
      seq,
      checksum: checksumOf(record),
    });
    state.outstandingUs?.push(sim.now());
    sentOnConn.n++;
    counters.sent++;
    sim.emit(conn.host.name, 'record_sent', { conn: conn.id, record: seq });
    yield* sim.sleep(intervalUs);
  }
}

function* runClient(
  world: World,
  host: Host,
  server: Host,
  params: Readonly<Record<string, number>>,
  counters: Counters,
  state: ClientState,
): Generator<SimFuture<unknown>, void, unknown> {
  const { sim } = world;
  const payloadBytes = params.payloadBytes as number;
  const intervalUs = ms(params.intervalMs as number);
  for (let attempt = 0; ; attempt++) {
    let conn: Connection;
    try {
      conn = yield* connect(sim, host, { ip: server.ip, port: ECHO_PORT }, CONNECT_TIMEOUT_US);
    } catch {
      yield* sim.sleep(RETRY_DELAY_US);
      continue;
    }
    if (attempt > 0) sim.assertions.sometimes(true, COVER_RECONNECT);
    const sentOnConn = { n: 0 };
    state.outstandingUs = [];
    const writer = sim.spawn(
      `echo-writer-${conn.id}`,
      host.name,
      writeRecords(sim, conn, payloadBytes, intervalUs, sentOnConn, counters, state),
    );
    const reader = new StreamReader(sim, conn);
    writer.done.onSettle(
      () =>
        void sim.schedule(DRAIN_US, 'echo-drain', () =>
          reader.abandon('our side closed and no echo came back'),
        ),
    );
    try {
      yield* readEchoes(sim, conn, reader, payloadBytes, sentOnConn, counters, state);
    } catch {
      // reset or end of stream: reconnect below
    } finally {
      writer.cancel();
      state.outstandingUs = null;
      state.disconnectedSinceUs = sim.now();
    }
    conn.abort();
    yield* sim.sleep(RETRY_DELAY_US);
  }
}

function* readEchoes(
  sim: Sim,
  conn: Connection,
  reader: StreamReader,
  payloadBytes: number,
  sentOnConn: { n: number },
  counters: Counters,
  state: ClientState,
): Generator<SimFuture<unknown>, void, unknown> {
  const parser = new RecordParser(RECORD_HEADER_BYTES + payloadBytes);
  const node = conn.host.name;
  let expectedSeq = 0;
  let offset = 0;
  for (;;) {
    const chunk = yield* reader.read();
    if (chunk === null) return;
    parser.push(chunk);
    for (let parsed = parser.next(); parsed; parsed = parser.next()) {
      if (!parsed.ok) {
        counters.corrupted++;
        sim.assertions.sometimes(true, COVER_CORRUPT);
        sim.emit(node, 'record_corrupted', {
          conn: conn.id,
          reason: parsed.reason,
          afterSeq: expectedSeq - 1,
        });
        return; // the stream can no longer be trusted: drop it and reconnect
      }
      const { seq, payload } = parsed.record;
      tracePacketDelivered(sim, conn, {
        offset,
        bytes: parsed.bytes,
        seq,
        checksum: parsed.checksum,
      });
      offset += parsed.bytes;
      const inOrder = seq === expectedSeq;
      const known = seq < sentOnConn.n;
      const intact = samePayload(payload, payloadFor(seq, payloadBytes));
      sim.assertions.always(
        inOrder,
        INV_ORDER,
        node,
        inOrder ? '' : `conn ${conn.id}: expected record ${expectedSeq}, got ${seq}`,
      );
      sim.assertions.always(
        known,
        INV_KNOWN,
        node,
        known ? '' : `conn ${conn.id}: record ${seq} was never sent`,
      );
      sim.assertions.always(
        intact,
        INV_INTACT,
        node,
        intact ? '' : `conn ${conn.id}: record ${seq} passed its checksum but differs`,
      );
      expectedSeq = seq + 1;
      state.outstandingUs?.shift();
      counters.echoed++;
      sim.emit(node, 'record_received', { conn: conn.id, record: seq });
    }
  }
}

/** At the end of a settled run: the client is connected (or only just lost it) and nothing old is unechoed. */
function judgeEchoes(sim: Sim, liveness: Liveness, node: string, state: ClientState): void {
  const now = sim.now();
  const oldestUs = state.outstandingUs?.[0];
  const connected =
    state.outstandingUs !== null || now - state.disconnectedSinceUs <= HOLD_US + CONNECT_TIMEOUT_US;
  const echoed = oldestUs === undefined || oldestUs > now - HOLD_US;
  liveness.judge(connected && echoed, INV_LIVE_ECHO, node, () =>
    connected
      ? `a record sent at ${formatUs(oldestUs as number)} never came back`
      : `no connection since ${formatUs(state.disconnectedSinceUs)}`,
  );
}

export const echoScenario: Scenario = {
  id: 'echo',
  title: 'Echo over raw byte streams',
  description:
    'A few clients stream numbered records to an echo server over plain TCP-like byte streams and check every echo: in order, never duplicated, intact. There is no transport layer yet, so a cut link stalls the stream, a corrupted byte is caught only by each record\u2019s own checksum, and a lost connection means starting over.',
  defaultChaos: 'calm',
  rawConnections: true,
  defaultUntilUs: seconds(20),
  chaosQuietAfterUs: seconds(10),
  params: [
    {
      name: 'clients',
      description: 'number of echo clients',
      defaultValue: 3,
      min: 1,
      max: 16,
      size: true,
    },
    {
      name: 'intervalMs',
      description: 'time between records per client (ms)',
      defaultValue: 20,
      min: 1,
      max: 1000,
    },
    {
      name: 'payloadBytes',
      description: 'payload size of each record (bytes)',
      defaultValue: 64,
      min: 0,
      max: 2048,
    },
  ],
  topology: (params) => hubAndSpokes('echo server', 'client', params.clients as number),
  setup(world, params) {
    const { sim, net } = world;
    for (const name of [INV_ORDER, INV_KNOWN, INV_INTACT, INV_LIVE_ECHO])
      sim.assertions.register(name, 'always');
    const liveness = new Liveness(sim, net, {
      graceUs: CONNECT_TIMEOUT_US + RETRY_DELAY_US + seconds(1),
      quietAfterUs: chaosQuietPoint(net),
      holdUs: HOLD_US,
    });
    const states = new Map<Host, ClientState>();
    for (const name of [COVER_CORRUPT, COVER_RECONNECT]) sim.assertions.register(name, 'sometimes');
    const counters: Counters = { sent: 0, echoed: 0, corrupted: 0 };
    const [server, ...clients] = net.hosts();
    if (!server) throw new Error('echo: topology has no server');
    const recordBytes = RECORD_HEADER_BYTES + (params.payloadBytes as number);
    startServer(sim, server, recordBytes);
    server.onBoot(() => startServer(sim, server, recordBytes));
    for (const client of clients) {
      const start = () => {
        const state: ClientState = { outstandingUs: null, disconnectedSinceUs: sim.now() };
        states.set(client, state);
        sim.spawn(
          `echo-client-${client.name}`,
          client.name,
          runClient(world, client, server, params, counters, state),
        );
      };
      start();
      client.onBoot(start);
    }
    return {
      finish: () => {
        if (liveness.isJudged(sim.now()))
          for (const [client, state] of states)
            if (client.alive) judgeEchoes(sim, liveness, client.name, state);
        liveness.finish(net);
      },
      liveness: () => liveness.verdict(),
      outcomes: () => ({
        recordsSent: counters.sent,
        recordsEchoed: counters.echoed,
        corruptedCaught: counters.corrupted,
      }),
    };
  },
};
