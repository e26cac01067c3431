/*
 * The messages carried on the well-known Ping token: `{ping: n}` asks, `{pong: n}`
 * answers with the same n. Anything else is ignored (never crashes a node).
 */
import { CodecError, jsonCodec, type JsonValue } from '../wire';

export type PingMessage = { ping: number } | { pong: number };

export function encodePing(message: PingMessage): Uint8Array {
  return jsonCodec.encode(message);
}

export function decodePing(bytes: Uint8Array): PingMessage | null {
  const value = jsonCodec.decode(bytes);
  if (
    value instanceof CodecError ||
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value)
  )
    return null;
  const record = value as { readonly [key: string]: JsonValue };
  if (typeof record.ping === 'number') return { ping: record.ping };
  if (typeof record.pong === 'number') return { pong: record.pong };
  return null;
}
