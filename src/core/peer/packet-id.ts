/*
 * A packet's identity: its connection, the sender's address and the frame's
 * byte offset in that direction of the connection — unique for the run, and
 * the same in the trace (packet_sent / packet_delivered fields), the frame tap
 * and every viewer. The key is its one string form ("7:10.0.0.1:4500:128"),
 * built and parsed only here. Knows nothing of frames or drawing.
 */

export interface PacketId {
  readonly conn: number;
  /** "ip:port" of the sending side. */
  readonly fromAddr: string;
  /** Byte offset of the frame within its direction of the connection. */
  readonly offset: number;
}

export function packetKey(id: PacketId): string {
  return `${id.conn}:${id.fromAddr}:${id.offset}`;
}

/** The id a key stands for, or null if `key` is not one (say, from a URL or a console line). */
export function parsePacketKey(key: string): PacketId | null {
  const m = /^(\d+):(\d{1,3}(?:\.\d{1,3}){3}:\d+):(\d+)$/.exec(key);
  return m ? { conn: Number(m[1]), fromAddr: m[2] as string, offset: Number(m[3]) } : null;
}

/** The IP part of an "ip:port" address. */
export function ipOf(addr: string): string {
  const colon = addr.lastIndexOf(':');
  return colon < 0 ? addr : addr.slice(0, colon);
}
