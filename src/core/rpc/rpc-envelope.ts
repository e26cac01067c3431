/*
 * What an RPC puts on the wire. A request carries the caller's value and its
 * reply endpoint (a ReplyPromise is nothing but that endpoint on the wire); a
 * reply carries a value or an error kind. Plain JSON through the message
 * codec; anything malformed decodes to null and is counted, never thrown.
 */
import { CodecError, jsonCodec, utf8Encode, type JsonValue } from '../wire';
import { endpointText, parseEndpoint, type Endpoint } from '../transport/endpoint';

export interface RequestEnvelope {
  readonly rpc: string;
  readonly body: JsonValue;
  readonly replyTo: Endpoint;
}

export type ReplyEnvelope =
  | { readonly rpc: string; readonly ok: JsonValue }
  | { readonly rpc: string; readonly error: 'BrokenPromise' };

// `replyToText`, when the caller has it already (it fingerprints it for the oracle), is endpointText(r.replyTo).
// Envelopes are written out field by field: the same text JSON.stringify would
// give for the object, in about half the time (this is on every call's path).

export function encodeRequest(
  r: RequestEnvelope,
  replyToText: string = endpointText(r.replyTo),
): Uint8Array {
  const body = JSON.stringify(r.body) as string | undefined;
  const replyTo = replyToText;
  if (body === undefined) return jsonCodec.encode({ rpc: r.rpc, body: r.body, replyTo }); // not JSON: as the object would encode
  return utf8Encode(
    `{"rpc":${JSON.stringify(r.rpc)},"body":${body},"replyTo":${JSON.stringify(replyTo)}}`,
  );
}

export function requestFromJson(value: JsonValue | CodecError): RequestEnvelope | null {
  const v = asRecord(value);
  if (!v || typeof v.rpc !== 'string' || !('body' in v)) return null;
  const replyTo = parseEndpoint(v.replyTo);
  return replyTo ? { rpc: v.rpc, body: v.body as JsonValue, replyTo } : null;
}

export function encodeReply(r: ReplyEnvelope): Uint8Array {
  if (!('ok' in r)) return jsonCodec.encode({ rpc: r.rpc, error: r.error });
  const ok = JSON.stringify(r.ok) as string | undefined;
  if (ok === undefined) return jsonCodec.encode({ rpc: r.rpc, ok: r.ok });
  return utf8Encode(`{"rpc":${JSON.stringify(r.rpc)},"ok":${ok}}`);
}

export function decodeReply(bytes: Uint8Array): ReplyEnvelope | null {
  const v = asRecord(jsonCodec.decode(bytes));
  if (!v || typeof v.rpc !== 'string') return null;
  if ('ok' in v) return { rpc: v.rpc, ok: v.ok as JsonValue };
  if (v.error === 'BrokenPromise') return { rpc: v.rpc, error: 'BrokenPromise' };
  return null;
}

function asRecord(v: JsonValue | CodecError): { readonly [k: string]: JsonValue } | null {
  if (v instanceof CodecError || typeof v !== 'object' || v === null || Array.isArray(v))
    return null;
  return v as { readonly [k: string]: JsonValue };
}
