/*
 * Follows frames through the trace: a packet is born at packet_sent, and ends
 * delivered (packet_delivered), corrupted (the receiver's checksum or framing
 * failed at its offset) or lost (its connection went away first). Keeps the
 * packets in flight plus a short history of finished ones so a viewer can draw
 * them arriving. Knows trace shapes only; delivery times come from the caller.
 */
import type { Trace, TraceRecord } from '../sim';

export interface TrackedPacket {
  readonly id: string;
  readonly conn: number;
  readonly from: string;
  readonly to: string;
  readonly fromNode: string;
  readonly offset: number;
  readonly bytes: number;
  readonly kind: string;
  readonly msg: number;
  readonly sentUs: number;
  endUs: number | null;
  end: 'delivered' | 'corrupted' | 'lost' | null;
}

const HISTORY = 256;

export class PacketTracker {
  private readonly live = new Map<string, TrackedPacket>();
  private readonly finished: (TrackedPacket | undefined)[] = new Array(HISTORY);
  private finishedCount = 0;

  /** Without a trace (a headless run) it tracks nothing. */
  constructor(trace: Trace | null) {
    trace?.subscribe((e) => this.observe(e), ['packet_sent', 'packet_delivered', 'checksum_failed', 'wire_error']);
  }

  inFlight(): TrackedPacket[] {
    return [...this.live.values()];
  }

  /** The last finished packets, oldest first. */
  recent(): TrackedPacket[] {
    const out: TrackedPacket[] = [];
    for (let i = Math.max(0, this.finishedCount - HISTORY); i < this.finishedCount; i++) out.push(this.finished[i % HISTORY] as TrackedPacket);
    return out;
  }

  /** Packets of connections that no longer exist are lost. */
  sweep(liveConnections: ReadonlySet<number>, nowUs: number): void {
    for (const p of this.live.values()) if (!liveConnections.has(p.conn)) this.finish(p, 'lost', nowUs);
  }

  private observe({ kind, node, timeUs, fields: e }: TraceRecord): void {
    if (kind === 'packet_sent') {
      const p: TrackedPacket = { id: `${e.conn}:${e.from}:${e.offset}`, conn: e.conn as number, from: e.from as string, to: e.to as string, fromNode: node, offset: e.offset as number, bytes: e.bytes as number, kind: e.packet as string, msg: e.msg as number, sentUs: timeUs, endUs: null, end: null };
      this.live.set(p.id, p);
    } else if (kind === 'packet_delivered') {
      const p = this.live.get(`${e.conn}:${e.from}:${e.offset}`);
      if (p) this.finish(p, 'delivered', timeUs);
    } else if (kind === 'checksum_failed' || kind === 'wire_error') {
      const p = this.live.get(`${e.conn}:${e.from}:${e.offset}`);
      if (p) this.finish(p, 'corrupted', timeUs);
    }
  }

  private finish(p: TrackedPacket, end: 'delivered' | 'corrupted' | 'lost', atUs: number): void {
    this.live.delete(p.id);
    p.end = end;
    p.endUs = atUs;
    this.finished[this.finishedCount++ % HISTORY] = p;
  }
}
