/*
 * RPC envelopes are written out field by field for speed: the bytes must be
 * exactly what JSON.stringify of the envelope object gives (the packet
 * inspector, the CRCs and the trace hash all see them), and decode back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCodec, type JsonValue } from '../wire';
import { endpointText, type Endpoint } from '../transport/endpoint';
import { decodeReply, encodeReply, encodeRequest, requestFromJson } from './rpc-envelope';

const endpoint: Endpoint = {
  address: { ip: '10.0.0.2', port: 4500 },
  token: { first: 0x2ea67b737286dc01n, second: 0xbf231fca366ec207n },
};
const rpcId = fc.oneof(fc.constantFrom('n1#1', 'n12@3#40512'), fc.string());
const anyJson = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('rpc envelopes', () => {
  it('a request encodes to the same bytes as the JSON object and decodes back', () => {
    fc.assert(
      fc.property(rpcId, anyJson, (rpc, body) => {
        const bytes = encodeRequest({ rpc, body, replyTo: endpoint });
        expect(text(bytes)).toBe(JSON.stringify({ rpc, body, replyTo: endpointText(endpoint) }));
        const back = requestFromJson(jsonCodec.decode(bytes));
        expect(back?.rpc).toBe(rpc);
        expect(back?.body).toEqual(JSON.parse(JSON.stringify(body)));
        expect(back && endpointText(back.replyTo)).toBe(endpointText(endpoint));
      }),
      { numRuns: 500 },
    );
  });

  it('a reply encodes to the same bytes as the JSON object and decodes back', () => {
    fc.assert(
      fc.property(rpcId, anyJson, (rpc, ok) => {
        const bytes = encodeReply({ rpc, ok });
        expect(text(bytes)).toBe(JSON.stringify({ rpc, ok }));
        expect(decodeReply(bytes)).toEqual({ rpc, ok: JSON.parse(JSON.stringify(ok)) });
      }),
      { numRuns: 500 },
    );
    expect(decodeReply(encodeReply({ rpc: 'n1#2', error: 'BrokenPromise' }))).toEqual({
      rpc: 'n1#2',
      error: 'BrokenPromise',
    });
  });

  it('a value JSON cannot carry encodes as the object would, and is refused on decode', () => {
    const body = undefined as unknown as JsonValue;
    const request = encodeRequest({ rpc: 'n1#1', body, replyTo: endpoint });
    expect(text(request)).toBe(
      JSON.stringify({ rpc: 'n1#1', body, replyTo: endpointText(endpoint) }),
    );
    expect(requestFromJson(jsonCodec.decode(request))).toBeNull();
    expect(decodeReply(encodeReply({ rpc: 'n1#1', ok: body }))).toBeNull();
  });
});
