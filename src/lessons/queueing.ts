/* Lesson: queueing while disconnected, a bounded queue, back-pressure and resend. Data only: it names sessions and moments, and knows nothing of the page. */
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
      text: 'n1 sends a numbered message to n2 every 50 ms; n2 acknowledges each one. Every 4th message is a datagram (unreliable, purple), the rest are reliable: a reliable message stays in n1’s peer until its acknowledgement arrives, so the queue stays short. (The ack is this application’s own message: FoundationDB’s transport has no per-message ack.)',
      session: cut,
      atMs: 900,
      highlight: {
        kind: 'peer',
        node: 'n1',
        remote: 'n2',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 2 },
      ],
    },
    {
      title: 'The link is cut',
      text: 'At 1 s the link is partitioned. Two things pile up: bytes already written sit stalled on the wire at the cut, and every reliable message stays in n1’s peer, in order, because no acknowledgement comes back. Only the second survives a broken connection.',
      session: cut,
      atMs: 1500,
      highlight: {
        kind: 'peer',
        node: 'n1',
        remote: 'n2',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' },
        { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 8 },
      ],
      question: {
        prompt:
          'The link stays cut until 6 s. How many reliable messages will n1’s peer hold at 2.5 s?',
        choices: [
          {
            label: 'About 8: the queue empties as it goes',
            facts: [{ kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 10 }],
          },
          {
            label: '16',
            facts: [
              { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 16 },
              { kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 16 },
            ],
          },
          {
            label: 'Every reliable message since the cut: about 24',
            facts: [{ kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 20 }],
          },
        ],
        revealAtMs: 2500,
        explain:
          'This peer holds at most 16 (the queue bound): past that, new messages are refused with QueueFull. With a bound of 64 it would hold all 24.',
        whatIf: { params: { maxQueuedMessages: 64 } },
      },
    },
    {
      title: 'The queue is full: back-pressure',
      text: 'This queue holds at most 16 messages. It is full, so the peer refuses new ones (QueueFull) and the sender has to wait and retry: the caller knows. FoundationDB’s transport has no such bound — its queues grow and back-pressure comes from layers above.',
      session: cut,
      atMs: 2500,
      highlight: {
        kind: 'peer',
        node: 'n1',
        remote: 'n2',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [
        { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'traceSeen', event: 'queue_full', node: 'n1', fields: { policy: 'reject' } },
      ],
    },
    {
      title: 'Disconnected, still holding on',
      text: 'The ping monitor gave up on the silent connection at 3 s and the peer is reconnecting. The 16 reliable messages are still queued: they survive the disconnect. The datagrams written before it were lost with the connection — silently, as datagrams are.',
      session: cut,
      atMs: 3500,
      fromMs: 2950,
      highlight: {
        kind: 'peer',
        node: 'n1',
        remote: 'n2',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connecting' },
        { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'packetSeen', packetKind: 'datagram', status: 'lost' },
        { kind: 'traceSeen', event: 'ping_timeout', node: 'n1', nearMs: 3004 },
      ],
    },
    {
      title: 'Healed: the queue drains',
      text: 'The link healed at 6 s, but n1’s connect begun during the cut hung until its 5 s timeout at 8.1 s. At 8.31 s the peer reconnects and sends every queued reliable message again, in the original order; the queue empties as acknowledgements return.',
      session: cut,
      atMs: 8400,
      fromMs: 8290,
      highlight: {
        kind: 'peer',
        node: 'n1',
        remote: 'n2',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'retransmittedAtLeast', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'traceSeen', event: 'connect_cancelled', node: 'n1', nearMs: 8118 },
        {
          kind: 'traceSeen',
          event: 'message_retransmitted',
          node: 'n1',
          nearMs: 8311,
          atLeast: 16,
        },
        { kind: 'queueAtMost', node: 'n1', remote: 'n2', n: 2 },
      ],
    },
    {
      title: 'Check: queueing',
      text: 'The link is still cut (until 6 s). Three tasks, graded by the run.',
      session: cut,
      atMs: 3500,
      fromMs: 3400,
      highlight: { kind: 'link', a: 'n1', b: 'n2', label: 'cut both ways' },
      facts: [{ kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' }],
      check: [
        {
          kind: 'select',
          prompt:
            'In the packet list, click a datagram row marked lost: it went down with the dead connection.',
          packetKind: 'datagram',
          status: 'lost',
        },
        {
          kind: 'answer',
          question: {
            prompt: 'Was n1’s sender told that its queue was full?',
            choices: [
              {
                label: 'Yes: it got QueueFull',
                facts: [{ kind: 'traceSeen', event: 'queue_full', node: 'n1' }],
              },
              {
                label: 'No: the oldest messages were dropped silently',
                facts: [{ kind: 'traceSeen', event: 'queue_full', node: 'n1', atMost: 0 }],
              },
            ],
            explain: 'The policy here is reject: the caller hears QueueFull and retries later.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Fill the queue a second time: play past the reconnect at 8.3 s, then cut n1–n2 again and play until 16 are queued.',
          facts: [
            { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 16 },
            { kind: 'traceSeen', event: 'message_retransmitted', node: 'n1', atLeast: 16 },
            { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' },
          ],
          solution: '9s_partition_n1_n2',
          byMs: 12000,
        },
      ],
    },
  ],
};
