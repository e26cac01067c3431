/* Lesson: queueing while disconnected, a bounded queue, back-pressure and resend. */
import type { Lesson, LessonSession } from './lesson';

const cut: LessonSession = {
  scenario: 'reliable-stream',
  seed: 1,
  chaos: 'calm',
  params: { maxQueuedMessages: 16 },
  script: '1s_partition_n1_n2~6s_heal',
};

export const queueingLesson: Lesson = {
  id: 'queueing',
  title: 'Queueing and back-pressure',
  summary:
    'Messages wait in the peer while the network is down — up to a limit, and then the sender is told to slow down.',
  steps: [
    {
      title: 'A steady stream',
      text: 'n1 sends a numbered message to n2 every 50 ms; n2 acknowledges each one. A reliable message stays in n1’s queue until its acknowledgement arrives, so the queue stays short.',
      session: cut,
      atMs: 900,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 2 },
      ],
    },
    {
      title: 'The link is cut',
      text: 'At 1 s the link is partitioned. Nothing gets through and no acknowledgement comes back, so messages pile up in n1’s queue, in order.',
      session: cut,
      atMs: 1500,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' },
        { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 8 },
      ],
    },
    {
      title: 'The queue is full: back-pressure',
      text: 'This queue holds at most 16 messages. It is full, so the peer refuses new ones (QueueFull) and the sender has to wait and retry. Nothing is lost silently: the caller knows.',
      session: cut,
      atMs: 2500,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [
        { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'traceSeen', event: 'queue_full', node: 'n1', fields: { policy: 'reject' } },
      ],
    },
    {
      title: 'Disconnected, still holding on',
      text: 'The ping monitor has given up on the silent connection and the peer is trying to reconnect. The 16 reliable messages are still queued: they survive the disconnect.',
      session: cut,
      atMs: 3500,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connecting' },
        { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 16 },
      ],
    },
    {
      title: 'Healed: the queue drains',
      text: 'The link healed at 6 s. Once the peer reconnects, every queued reliable message is sent again, in the original order, and the queue empties as acknowledgements return.',
      session: cut,
      atMs: 10000,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'retransmittedAtLeast', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 2 },
      ],
    },
  ],
};
