/*
 * The one model of how a packet and an RPC live and end, derived from the
 * trace event by event. Every reader — the topology's packets, the
 * inspectors, the timeline, lessons — feeds its events through a Lifecycles
 * and hears births and ends from it, so they all agree on when and why a
 * packet was lost. The rules, in full:
 *
 *   packet   born       packet_sent                          (key: conn, fromAddr, offset)
 *            delivered  packet_delivered with its key
 *            corrupted  checksum_failed / wire_error with its key     reason: the wire error
 *            lost       connection_reset of its connection, either    reason: "connection reset: …"
 *                       side (a reset side discards what is queued
 *                       and drops what still arrives)
 *   rpc      born       rpc_sent
 *            replied    rpc_replied
 *            failed     rpc_failed                                      reason: its error kind
 *            abandoned  node_killed of its caller (its task is gone: no outcome will come)
 *
 * Knows trace shapes only; nothing of drawing or of where events come from.
 */
import type { TraceEventOf } from '../sim';
import { packetKey } from '../peer/packet-id';

export const LIFECYCLE_KINDS = [
  'packet_sent',
  'packet_delivered',
  'checksum_failed',
  'wire_error',
  'connection_reset',
  'rpc_sent',
  'rpc_replied',
  'rpc_failed',
  'node_killed',
] as const;
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];

export type PacketEnd = 'delivered' | 'corrupted' | 'lost';
export type RpcEnd = 'replied' | 'failed' | 'abandoned';

export interface PacketBirth {
  readonly key: string;
  readonly conn: number;
  readonly fromAddr: string;
  readonly toAddr: string;
  readonly offset: number;
  readonly fromNode: string;
  readonly bytes: number;
  /** What it carries ('rpc', 'ping', …). */
  readonly packet: string;
  readonly msg: number;
  readonly sentUs: number;
  /** Seq of its packet_sent. */
  readonly seq: number;
}

export interface RpcBirth {
  readonly rpc: string;
  readonly node: string;
  readonly toEndpoint: string;
  readonly reliable: boolean;
  readonly sentUs: number;
  /** Absolute deadline, µs; null: none. */
  readonly deadlineAtUs: number | null;
  readonly seq: number;
}

/** What a reader hears. An end names the event that ended it (`seq`) and where (`node`). */
export interface LifecycleSink {
  packetBorn(p: PacketBirth): void;
  packetEnded(
    key: string,
    end: PacketEnd,
    atUs: number,
    node: string,
    reason: string,
    seq: number,
  ): void;
  rpcBorn(r: RpcBirth): void;
  rpcEnded(rpc: string, end: RpcEnd, atUs: number, reason: string, seq: number): void;
}

export class Lifecycles {
  /** Packets in flight: key → connection. */
  private readonly packets = new Map<string, number>();
  /** Calls without an outcome: rpc → caller node. */
  private readonly rpcs = new Map<string, string>();

  constructor(private readonly sink: LifecycleSink) {}

  observe(e: TraceEventOf<LifecycleKind>): void {
    switch (e.kind) {
      case 'packet_sent': {
        const key = packetKey(e);
        this.packets.set(key, e.conn);
        return this.sink.packetBorn({
          key,
          conn: e.conn,
          fromAddr: e.fromAddr,
          toAddr: e.toAddr,
          offset: e.offset,
          fromNode: e.node,
          bytes: e.bytes,
          packet: e.packet,
          msg: e.msg,
          sentUs: e.timeUs,
          seq: e.seq,
        });
      }
      case 'packet_delivered':
        return this.endPacket(packetKey(e), 'delivered', e, '');
      case 'checksum_failed':
      case 'wire_error':
        return this.endPacket(packetKey(e), 'corrupted', e, e.error);
      case 'connection_reset':
        for (const [key, conn] of this.packets)
          if (conn === e.conn)
            this.endPacket(key, 'lost', e, `connection reset: ${e.reason || e.step}`);
        return;
      case 'rpc_sent':
        this.rpcs.set(e.rpc, e.node);
        return this.sink.rpcBorn({
          rpc: e.rpc,
          node: e.node,
          toEndpoint: e.toEndpoint,
          reliable: e.reliable,
          sentUs: e.timeUs,
          deadlineAtUs: e.deadlineUs === null ? null : e.timeUs + e.deadlineUs,
          seq: e.seq,
        });
      case 'rpc_replied':
        return this.endRpc(e.rpc, 'replied', e, '');
      case 'rpc_failed':
        return this.endRpc(e.rpc, 'failed', e, e.error);
      case 'node_killed':
        for (const [rpc, node] of this.rpcs)
          if (node === e.node) this.endRpc(rpc, 'abandoned', e, 'caller killed');
        return;
    }
  }

  private endPacket(
    key: string,
    end: PacketEnd,
    e: TraceEventOf<LifecycleKind>,
    reason: string,
  ): void {
    if (!this.packets.delete(key)) return;
    this.sink.packetEnded(key, end, e.timeUs, e.node, reason, e.seq);
  }

  private endRpc(rpc: string, end: RpcEnd, e: TraceEventOf<LifecycleKind>, reason: string): void {
    if (!this.rpcs.delete(rpc)) return;
    this.sink.rpcEnded(rpc, end, e.timeUs, reason, e.seq);
  }

  /** Forgets everything (a viewer starting over). */
  clear(): void {
    this.packets.clear();
    this.rpcs.clear();
  }
}
