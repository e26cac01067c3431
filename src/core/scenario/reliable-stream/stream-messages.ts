/*
 * The messages of the reliable-stream scenario and their deterministic
 * payloads: a receiver can recompute what message `seq` must contain, so any
 * corrupted payload that slipped past the transport would be caught.
 */
import { CodecError, jsonCodec, type JsonValue, type Token } from '../../wire';

export const DATA_TOKEN: Token = { first: 0x7374_7265_616dn, second: 1n };
export const ACK_TOKEN: Token = { first: 0x7374_7265_616dn, second: 2n };

export interface DataMessage {
  readonly seq: number;
  /** The sender's incarnation: a restarted sender starts a new stream. */
  readonly inc: number;
  readonly reliable: boolean;
  readonly payload: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function payloadFor(inc: number, seq: number, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += ALPHABET[(seq * 7 + inc * 13 + i * 5) % ALPHABET.length];
  return out;
}

export function encodeData(m: DataMessage): Uint8Array {
  return jsonCodec.encode({ seq: m.seq, inc: m.inc, reliable: m.reliable, payload: m.payload });
}

export function decodeData(bytes: Uint8Array): DataMessage | null {
  const v = record(jsonCodec.decode(bytes));
  if (
    !v ||
    typeof v.seq !== 'number' ||
    typeof v.inc !== 'number' ||
    typeof v.reliable !== 'boolean' ||
    typeof v.payload !== 'string'
  )
    return null;
  return { seq: v.seq, inc: v.inc, reliable: v.reliable, payload: v.payload };
}

export function encodeAck(inc: number, seq: number): Uint8Array {
  return jsonCodec.encode({ ack: seq, inc });
}

export function decodeAck(bytes: Uint8Array): { inc: number; seq: number } | null {
  const v = record(jsonCodec.decode(bytes));
  return v && typeof v.ack === 'number' && typeof v.inc === 'number'
    ? { inc: v.inc, seq: v.ack }
    : null;
}

function record(v: JsonValue | CodecError): { readonly [k: string]: JsonValue } | null {
  if (v instanceof CodecError || typeof v !== 'object' || v === null || Array.isArray(v))
    return null;
  return v as { readonly [k: string]: JsonValue };
}
