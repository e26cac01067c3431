/* Lesson: a flipped bit → checksum failure → reset → reconnect → resend. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

const flip: LessonSession = {
  scenario: 'ping-pong',
  seed: 1,
  chaos: 'calm',
  script: '500ms_corrupt_n1_n2',
};

export const corruptionLesson: Lesson = {
  id: 'corruption',
  title: 'Corruption, checksum failure and resend',
  summary:
    'One flipped bit is caught by the CRC32C checksum; the connection is reset and the request resent.',
  steps: [
    {
      title: 'A bit is about to flip',
      text: 'At 500 ms we armed the network to flip a bit in the next bytes n1 sends to n2. The connection is still fine and n2’s peer is Connected.',
      session: flip,
      atMs: 510,
      fromMs: 495,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'traceSeen', event: 'corruption_armed' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
      ],
    },
    {
      title: 'The checksum catches it',
      text: 'n1’s reply arrived with one bit flipped. n2 recomputed the CRC32C over the bytes and it does not match the header, so the packet is marked corrupted. The inspector shows the flipped bit and both checksums.',
      session: flip,
      atMs: 523,
      fromMs: 515,
      highlight: {
        kind: 'packet',
        packetKind: 'reply',
        status: 'corrupted',
        label: 'the flipped bit in red; ✗ CRC MISMATCH just above',
      },
      facts: [
        { kind: 'packetSeen', packetKind: 'reply', status: 'corrupted', from: 'n1' },
        { kind: 'traceSeen', event: 'checksum_failed', node: 'n2' },
        { kind: 'traceSeen', event: 'bits_flipped', node: 'n2', fields: { count: 1 } },
      ],
    },
    {
      title: 'Reset, not trusted',
      text: 'A byte stream with a bad frame cannot be trusted past that point, so n2 resets the connection. Both peers go to Backoff, attempt 1. The request is still on n2’s reliable list.',
      session: flip,
      atMs: 560,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 1 },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'backoff', attempt: 1 },
        { kind: 'queueAtLeast', node: 'n2', remote: 'n1', n: 1 },
      ],
      question: {
        prompt:
          'The request n2#6 was answered, but the answer arrived damaged. What becomes of n2#6?',
        choices: [
          {
            label: 'It is resent on the next connection and answered',
            facts: [
              { kind: 'traceSeen', event: 'rpc_replied', node: 'n2', fields: { rpc: 'n2#6' } },
            ],
          },
          {
            label: 'It fails at once with MaybeDelivered',
            facts: [
              {
                kind: 'traceSeen',
                event: 'rpc_failed',
                node: 'n2',
                fields: { rpc: 'n2#6', error: 'MaybeDelivered' },
              },
            ],
          },
          {
            label: 'Nothing sends it again: it waits, unanswered',
            facts: [{ kind: 'rpcPending', rpc: 'n2#6' }],
          },
        ],
        revealAtMs: 700,
        explain:
          'A reliable request stays on the peer’s list until its reply arrives, so the new connection carries it again. With resend turned off (an early version of moonpool, a Rust port of this design, did that) it would just wait for its deadline.',
        whatIf: { transport: { knobs: [['resendReliable', 'false']] } },
      },
    },
    {
      title: 'Reconnect and resend',
      text: 'After the backoff n2 reconnects and resends the unanswered request on the new connection. n1 runs it a second time and answers again. The flipped bit never produced a wrong answer, but it cost 117 ms instead of about 3: a reset, a 108 ms backoff, a new connection with its hello, and the resend.',
      fromMs: 620,
      session: flip,
      atMs: 700,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 },
        { kind: 'retransmittedAtLeast', node: 'n2', remote: 'n1', n: 1 },
        { kind: 'traceSeen', event: 'message_retransmitted', node: 'n2' },
        {
          kind: 'traceSeen',
          event: 'rpc_received',
          node: 'n1',
          fields: { rpc: 'n2#6' },
          atLeast: 2,
        },
        {
          kind: 'traceSeen',
          event: 'rpc_replied',
          node: 'n2',
          fields: { rpc: 'n2#6', latencyUs: 116_950 },
        },
        { kind: 'backoffWait', node: 'n2', attempt: 1, minMs: 107, maxMs: 109 },
      ],
    },
    {
      title: 'Check: corruption',
      text: 'The same run at 700 ms. Three tasks, graded by the run.',
      session: flip,
      atMs: 700,
      fromMs: 640,
      highlight: { kind: 'panel', panel: 'timeline', label: 'the run so far' },
      facts: [{ kind: 'traceSeen', event: 'checksum_failed', node: 'n2' }],
      check: [
        {
          kind: 'select',
          prompt: 'Click the reply that failed its checksum.',
          packetKind: 'reply',
          status: 'corrupted',
        },
        {
          kind: 'answer',
          question: {
            prompt: 'How many times did n1 run request n2#6?',
            choices: [1, 2, 3].map((n) => ({
              label: String(n),
              facts: [
                {
                  kind: 'traceSeen' as const,
                  event: 'rpc_received' as const,
                  node: 'n1',
                  fields: { rpc: 'n2#6' },
                  atLeast: n,
                  atMost: n,
                },
              ],
            })),
            explain:
              'Once on the first connection, once more when it was resent: reliable means at least once.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Corrupt a request on its way to n1 so that n1 detects a checksum failure: type "corrupt n2 n1 byte 40", then play.',
          facts: [{ kind: 'traceSeen', event: 'checksum_failed', node: 'n1' }],
          solution: '800ms_corrupt_n2_n1_byte_40',
          byMs: 1100,
        },
      ],
    },
  ],
};
