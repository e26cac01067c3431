import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PeerQueue, type OutgoingMessage } from './peer-queue';
import { peerConfig } from './peer-config';

const op = fc.oneof(
  fc.record({
    op: fc.constant('enqueue' as const),
    reliable: fc.boolean(),
    bytes: fc.integer({ min: 1, max: 300 }),
  }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('take' as const) }),
  fc.record({ op: fc.constant('disconnect' as const) }),
);

describe('PeerQueue accounting', () => {
  it('count and bytes always equal a recount of what is held, and stay within bounds', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 120 }),
        fc.constantFrom('reject' as const, 'drop-oldest' as const),
        fc.boolean(),
        (ops, policy, resend) => {
          const config = peerConfig({
            maxQueuedMessages: 8,
            maxQueuedBytes: 1500,
            queueFullPolicy: policy,
            resendReliable: resend,
          });
          const q = new PeerQueue(config);
          let id = 1;
          for (const o of ops) {
            if (o.op === 'enqueue') {
              const m: OutgoingMessage = {
                id: id++,
                token: { first: 1n, second: 1n },
                frame: new Uint8Array(o.bytes),
                reliable: o.reliable,
                label: 'x',
                enqueuedAtUs: 0,
                sends: 0,
              };
              q.enqueue(m);
            } else if (o.op === 'remove') q.remove(1 + (o.pick % id));
            else if (o.op === 'take') q.takeUnsent();
            else q.requeueAfterDisconnect();
            const held = new Map<number, OutgoingMessage>();
            for (const m of q.reliable) held.set(m.id, m);
            for (const m of q.unsent) if (!m.reliable) held.set(m.id, m);
            expect(q.count).toBe(held.size);
            expect(q.bytes).toBe([...held.values()].reduce((sum, m) => sum + m.frame.length, 0));
            expect(q.count).toBeLessThanOrEqual(config.maxQueuedMessages);
            expect(q.bytes).toBeLessThanOrEqual(config.maxQueuedBytes);
          }
        },
      ),
    );
  });
});
