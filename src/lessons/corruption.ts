/* Lesson: a flipped bit → checksum failure → reset → reconnect → resend. */
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
      highlight: { kind: 'packet', packetKind: 'reply', status: 'corrupted' },
      facts: [
        { kind: 'packetSeen', packetKind: 'reply', status: 'corrupted', from: 'n1' },
        { kind: 'traceSeen', event: 'checksum_failed', node: 'n2' },
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
    },
    {
      title: 'Reconnect and resend',
      text: 'After the backoff n2 reconnects and resends the unanswered request on the new connection. n1 answers again, and the ping completes — the flipped bit cost one round trip, never a wrong answer.',
      session: flip,
      atMs: 700,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 },
        { kind: 'retransmittedAtLeast', node: 'n2', remote: 'n1', n: 1 },
        { kind: 'traceSeen', event: 'message_retransmitted', node: 'n2' },
      ],
    },
  ],
};
