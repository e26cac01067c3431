/*
 * The hello frame, first on every connection: the protocol version and the
 * sender's *listening* address, so the acceptor can file the connection under
 * the sender's canonical address and replies ride the same connection. An
 * incompatible version closes the connection with a clear trace event.
 * Knows nothing of peers' state.
 */
import { CodecError, jsonCodec, type JsonValue } from '../wire';
import type { Address } from '../net';

export const PROTOCOL_VERSION = 1;

export interface Hello {
  readonly version: number;
  readonly address: Address;
}

export function encodeHello(hello: Hello): Uint8Array {
  return jsonCodec.encode({
    version: hello.version,
    ip: hello.address.ip,
    port: hello.address.port,
  });
}

/** The hello's contents, or a reason it is unusable (malformed or wrong version). */
export function decodeHello(bytes: Uint8Array): Hello | { error: string } {
  const value = jsonCodec.decode(bytes);
  if (value instanceof CodecError || !isRecord(value)) return { error: 'malformed hello' };
  const { version, ip, port } = value;
  if (typeof version !== 'number' || typeof ip !== 'string' || typeof port !== 'number')
    return { error: 'malformed hello' };
  if (version !== PROTOCOL_VERSION)
    return { error: `incompatible protocol version ${version} (expected ${PROTOCOL_VERSION})` };
  return { version, address: { ip, port } };
}

function isRecord(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
