/* Endpoints as text: what requests carry as their reply endpoint, parsed back exactly or refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpointText, formatEndpoint, parseEndpoint, type Endpoint } from './endpoint';

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const anEndpoint: fc.Arbitrary<Endpoint> = fc.record({
  address: fc.record({
    ip: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
    port: fc.integer({ min: 1, max: 65535 }),
  }),
  token: fc.record({ first: u64, second: u64 }),
});

describe('endpoint text', () => {
  it('parses back to the same address and token, for any endpoint', () => {
    fc.assert(
      fc.property(anEndpoint, (ep) => {
        expect(parseEndpoint(endpointText(ep))).toEqual(ep);
        expect(formatEndpoint(ep)).toBe(endpointText(ep));
      }),
    );
  });

  it('refuses anything that is not exactly that form', () => {
    const good = '10.0.0.1:4500/2ea67b737286dc01:bf231fca366ec207';
    expect(parseEndpoint(good)).not.toBeNull();
    for (const bad of [
      null,
      42,
      '',
      '10.0.0.1:4500',
      '10.0.0.1:4500/2ea67b737286dc01',
      '10.0.0.1:4500/2EA67B737286DC01:bf231fca366ec207',
      '10.0.0.1:4500/12345678901234567:1',
      '10.0.0.1:99999/1:2',
      'host:4500/1:2',
      '10.0.0.1:4500/:2',
      ' 10.0.0.1:4500/1:2',
    ]) {
      expect(parseEndpoint(bad), String(bad)).toBeNull();
    }
  });
});
