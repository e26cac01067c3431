/*
 * The trace schema: every kind of event a run can record, with its fields,
 * their types and units, and what the event means. The trace is the contract
 * every layer reads — checkers, views, the timeline, the console, lessons,
 * exports — so this is the first file to read. `emit` and `subscribe` are
 * typed by it: drop a field here and the compiler names its producer and
 * every reader. Each event also carries an envelope (trace.ts):
 *
 *   seq     position in the run, from 0
 *   timeUs  virtual time, µs since the run started
 *   node    the node it happened on; '' for the world (faults, the sim)
 *   kind    one of the keys below
 *   cause   seq of the event that caused it, -1 for none: the event whose
 *           handler scheduled the work that emitted it (a timer, a settled
 *           future, a segment in flight), else the event emitted just before
 *           it in the same handler. Roots: interventions, chaos decisions,
 *           the run's start. See docs/ARCHITECTURE.md#the-trace.
 *
 * Naming: node names end in `Node` ("n1"), addresses in `Addr`
 * ("10.0.0.1:4500"), durations in `Us`. Field order is the order producers
 * emit them in, and part of the trace hash. Knows nothing of how events are
 * produced or drawn; only the value vocabularies below live here, so that
 * every layer names them the same way.
 */

/** Who decided a fault: the user (or a script) or the chaos driver. */
export type FaultOrigin = 'explicit' | 'chaos';
/** Who closed a connection: its application, a user, chaos, a node's death, or the stack (an RST for a gone connection). */
export type CloseOrigin = 'app' | 'explicit' | 'chaos' | 'kill' | 'stack';
export type PartitionMode = 'both' | 'one_way' | 'isolate';
export type ConnectFaultMode = 'refuse' | 'hang';
/** A peer's connection state (docs/peer.md). */
export type PeerStateName = 'disconnected' | 'connecting' | 'connected' | 'backoff';
export type QueueFullPolicy = 'reject' | 'drop-oldest';
/** How an RPC can fail (docs/rpc.md). */
export type RpcErrorKind =
  | 'BrokenPromise'
  | 'EndpointNotFound'
  | 'Timeout'
  | 'MaybeDelivered'
  | 'QueueFull'
  | 'PacketTooLarge';

/** A connection reset, by where the RST was seen. */
type ConnectionReset =
  /** This node sent an RST. */
  | {
      conn: number;
      peerNode: string;
      step: 'rst_sent';
      reason: string;
      origin: CloseOrigin;
      /** segments discarded unsent */ dropped: number;
    }
  /** This node received the peer's RST. */
  | { conn: number; peerNode: string; step: 'rst_received'; reason: string }
  /** An RST met a partition: the other side never learns (half-open). World event. */
  | { conn: number; fromNode: string; toNode: string; step: 'rst_lost'; reason: string };

type ConnectionClosed =
  | { conn: number; peerNode: string; step: 'fin_sent'; origin: CloseOrigin }
  | { conn: number; peerNode: string; step: 'fin_received' };

/** A frame on the wire, as framed-connection.ts writes and reads it. */
interface PacketFields {
  conn: number;
  fromAddr: string;
  toAddr: string;
  /** Byte offset of the frame in its direction of the connection: with conn and fromAddr, the packet's identity. */
  offset: number;
  /** Frame size, header included. */
  bytes: number;
  /** What the frame carries: the sender's label ('request', 'reply', 'data', …) on packet_sent; on delivery, what the token says ('message', 'hello', 'ping', 'not-found', 'well-known'; peer/packet-kind.ts). */
  packet: string;
}

export interface TraceSchema {
  // ── sim ──────────────────────────────────────────────────────────────
  /** The run began. `seed` in decimal (a u64 does not fit a number). */
  run_started: { scenario: string; seed: string; chaos: string };
  /** A task threw. `error` is the error's kind; `message` only for sim errors (engine wording differs across JS engines). */
  task_failed: { task: string; error: string; message: string };
  /** A checked invariant failed (docs/oracle.md). */
  invariant_violated: { name: string; message: string };
  /** A BUGGIFY site misbehaved this time it was reached: a root cause. */
  buggify_fired: { site: string };
  /** A user or script acted (cut a link, killed a node, …): a root cause. `action` is its script line. */
  intervention_applied: { action: string };

  // ── net: connections and bytes (docs/network.md) ────────────────────
  host_listened: { port: number; address: string };
  listener_closed: { port: number; reason: 'closed' | 'killed' };
  /** A dial began (on the caller). `toNode` '' when no host has that IP. */
  connect_started: { conn: number; toNode: string; toAddr: string };
  /** The callee accepted (on the callee). `port` is the listening port. */
  connect_accepted: { conn: number; fromNode: string; port: number };
  connect_refused: { conn: number; toNode: string; reason: string };
  /** The dial will never complete (partition, or an armed hang). */
  connect_hung: { conn: number; toNode: string; reason: string };
  connect_cancelled: { conn: number; toNode: string };
  /** The caller's side is established. `port` is the caller's local port. */
  connection_opened: { conn: number; toNode: string; port: number };
  connection_closed: ConnectionClosed;
  connection_reset: ConnectionReset;
  /** A chunk left (on the sender). `offset` in bytes within the direction. */
  bytes_sent: { conn: number; toNode: string; offset: number; bytes: number };
  /** A chunk arrived and was handed to the connection (on the receiver). */
  bytes_delivered: { conn: number; fromNode: string; offset: number; bytes: number };
  /** A chunk arrived for a connection this side already closed. */
  bytes_dropped: { conn: number; fromNode: string; bytes: number; reason: string };

  // ── net: faults (roots of causal chains) ─────────────────────────────
  /** `a`, `b` node names; `b` '' for an isolation of `a`. `durationUs` null: until healed. */
  partition_created: {
    fault: number;
    a: string;
    b: string;
    mode: PartitionMode;
    durationUs: number | null;
    origin: FaultOrigin;
  };
  partition_healed: {
    fault: number;
    a: string;
    b: string;
    mode: PartitionMode;
    origin: FaultOrigin;
  };
  /** Traffic between nodes `a` and `b` is held (not lost) for `durationUs`. */
  clog_started: { fault: number; a: string; b: string; durationUs: number; origin: FaultOrigin };
  clog_released: { fault: number; a: string; b: string };
  /** Bits of a chunk from `fromNode` were flipped in flight (on the receiver). `positions`: bit indexes, comma-separated. */
  bits_flipped: {
    conn: number;
    fromNode: string;
    offset: number;
    count: number;
    positions: string;
    origin: FaultOrigin;
  };
  /** `model`: the latency distribution in words. */
  latency_spike_started: {
    fault: number;
    a: string;
    b: string;
    model: string;
    durationUs: number;
    origin: FaultOrigin;
  };
  latency_spike_ended: { fault: number; a: string; b: string };
  /** The node died: `connections` aborted, `listeners` closed. `incarnation` counts restarts. */
  node_killed: { incarnation: number; origin: FaultOrigin; connections: number; listeners: number };
  node_restarted: { incarnation: number; origin: FaultOrigin };
  /** The next chunk fromNode→toNode will have `bits` flipped (null: a random count). */
  /** `bits`: how many bits will flip (null: a random count). `atByte`: the chunk byte whose low bit flips (null: random positions). */
  corruption_armed: {
    fromNode: string;
    toNode: string;
    bits: number | null;
    atByte: number | null;
    origin: FaultOrigin;
  };
  connect_fault_armed: {
    fromNode: string;
    toNode: string;
    mode: ConnectFaultMode;
    origin: FaultOrigin;
  };
  /** `model` null: back to the environment's latency. */
  pair_latency_set: { a: string; b: string; model: string | null };

  // ── wire and peer (docs/wire.md, docs/peer.md) ───────────────────────
  /** A frame was written. `msg`: the peer's message id (-1: hello, ping, pong). `crc`: the header's CRC32C. */
  packet_sent: PacketFields & { msg: number; crc: number };
  /** A frame passed its checksum and was handed up. `crc`: recomputed over what was handed up. */
  packet_delivered: PacketFields & { crc: number };
  /** A frame failed its CRC32C; the connection is reset. `error` in words. */
  checksum_failed: {
    conn: number;
    fromAddr: string;
    offset: number;
    error: string;
    expected: number;
    actual: number;
  };
  /** A frame could not be decoded (bad length, too large); the connection is reset. */
  wire_error: { conn: number; fromAddr: string; offset: number; error: string; wireError: string };
  peer_state_changed: {
    peerAddr: string;
    fromState: PeerStateName;
    toState: PeerStateName;
    reason: string;
    /** the connection a connected peer now uses, -1 otherwise */ conn: number;
  };
  /** The peer waits `delayUs`, drawn from [minUs, maxUs], before dialling again (attempt from 1). */
  backoff_scheduled: {
    peerAddr: string;
    attempt: number;
    delayUs: number;
    minUs: number;
    maxUs: number;
    capUs: number;
  };
  /** `queued`/`queuedBytes`: the queue after this message. */
  message_queued: {
    peerAddr: string;
    msg: number;
    reliable: boolean;
    bytes: number;
    packet: string;
    queued: number;
    queuedBytes: number;
  };
  /** `msg` -1: refused before it got an id. */
  message_dropped: { peerAddr: string; msg: number; packet: string; reason: string };
  /** A reliable message is sent again on a new connection; `sends` counts every send. */
  message_retransmitted: { peerAddr: string; msg: number; sends: number };
  queue_full: { peerAddr: string; policy: QueueFullPolicy; queued: number; queuedBytes: number };
  hello_rejected: { conn: number; fromAddr: string; reason: string };
  /** A ping went unanswered (no frame since) for `waitedUs` after it was sent: the connection is dropped. */
  ping_timeout: { peerAddr: string; waitedUs: number };

  // ── transport and RPC (docs/transport.md, docs/rpc.md) ───────────────
  /** A frame's token named no endpoint here. `token` in hex; `fromAddr` 'local' for a local send. */
  endpoint_not_found: { token: string; fromAddr: string };
  /** The failure monitor marked `endpoint` (at `address`) failed: its callers' pending calls fail. */
  endpoint_failed: { endpoint: string; address: string };
  message_undecodable: { endpoint: string; bytes: number } | { endpoint: 'reply'; rpc: string };
  /** A call was issued. `rpc`: "node[@incarnation]#n". `replyTo`, `digest`: fingerprints the oracle matches (CRC32C). */
  rpc_sent: {
    rpc: string;
    toEndpoint: string;
    reliable: boolean;
    deadlineUs: number | null;
    replyTo: number;
    digest: number;
  };
  /** The server application took a request (conn -1: local). */
  rpc_received: { rpc: string; endpoint: string; conn: number; replyTo: number; digest: number };
  /** The server handed its answer over (error: a BrokenPromise or null). */
  rpc_answered: { rpc: string; replyTo: number; digest: number; error: string | null };
  /** The caller got its reply after `latencyUs`. */
  rpc_replied: { rpc: string; latencyUs: number; digest: number };
  rpc_failed: { rpc: string; error: RpcErrorKind; latencyUs: number };

  // ── scenario workloads ───────────────────────────────────────────────
  record_sent: { conn: number; record: number };
  record_received: { conn: number; record: number };
  record_corrupted: { conn: number; reason: string; afterSeq: number };
  /** reliable-stream: message `msgSeq` of sender incarnation `inc` reached the receiver. */
  message_delivered: { msgSeq: number; inc: number; reliable: boolean; conn: number };
  /** fan-in: the server dropped a request because its backlog was full. */
  request_shed: { rpc: string; backlog: number };
  block_appended: { index: number; hash: string; data: string };
}
