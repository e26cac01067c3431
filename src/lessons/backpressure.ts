/* Lesson: back-pressure — QueueFull reaching callers, and reject versus drop-oldest. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

/** Three clients keep 4 calls going through peers that hold at most 3; n2 is cut off from 1 s to 3 s. */
const fanCut: LessonSession = {
  scenario: 'fan-in',
  seed: 1,
  chaos: 'calm',
  params: { clients: 3 },
  script: '1s_partition_n1_n2~3s_heal',
};
const rejecting: LessonSession = {
  scenario: 'reliable-stream',
  seed: 1,
  chaos: 'calm',
  params: { maxQueuedMessages: 16 },
  script: '1s_partition_n1_n2~6s_heal',
};
const dropping: LessonSession = {
  ...rejecting,
  transport: { knobs: [['queueFullPolicy', 'drop-oldest']] },
};

export const backpressureLesson: Lesson = {
  id: 'backpressure',
  title: 'Back-pressure: reject or drop',
  summary:
    'A full queue must push back on whoever sends. Refusing tells the caller; dropping the oldest loses a message silently.',
  steps: [
    {
      title: 'Small queues, fast failures',
      text: 'Three clients each keep 4 calls going to one server, but a client’s peer holds at most 3 messages while they wait to be sent. At the very start the connection is not up yet, so each client’s 4th call is refused at once with QueueFull. The caller is told immediately and backs off.',
      session: fanCut,
      atMs: 20,
      fromMs: 0,
      highlight: {
        kind: 'peer',
        node: 'n2',
        remote: 'n1',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n2',
          fields: { rpc: 'n2#4', error: 'QueueFull' },
        },
        { kind: 'traceSeen', event: 'queue_full', node: 'n2', fields: { policy: 'reject' } },
      ],
    },
    {
      title: 'Cut off: calls fail fast',
      text: 'n2 is cut off at 1 s. Its queue fills with 3 calls, and every new call fails at once with QueueFull instead of piling up. That is back-pressure: the pressure travels back to the one who can slow down — the caller — instead of growing a queue no one can drain.',
      session: fanCut,
      atMs: 2500,
      fromMs: 2300,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1', part: 'queue', label: 'full: 3 of 3' },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' },
        { kind: 'queueAtLeast', node: 'n2', remote: 'n1', n: 3 },
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n2',
          fields: { error: 'QueueFull' },
          atLeast: 3,
        },
      ],
    },
    {
      title: 'Reject or drop the oldest?',
      text: 'Now a stream: n1 sends numbered messages through a peer that holds 16, and the link is cut from 1 s. This peer is set to drop-oldest instead of reject. At 2.05 s the queue is full and another message arrives.',
      session: dropping,
      atMs: 2000,
      fromMs: 1900,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2', part: 'queue', label: '16 of 16' },
      facts: [
        { kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 16 },
        { kind: 'traceSeen', event: 'queue_full', node: 'n1', atMost: 0 },
      ],
      question: {
        prompt: 'What happens to message 21, the oldest one waiting, when the next one arrives?',
        choices: [
          {
            label: 'It is dropped to make room, and the sender is not told',
            facts: [
              { kind: 'traceSeen', event: 'message_dropped', node: 'n1', fields: { msg: 21 } },
            ],
          },
          {
            label: 'It stays: message 41 is refused with QueueFull instead',
            facts: [
              {
                kind: 'traceSeen',
                event: 'message_dropped',
                node: 'n1',
                fields: { msg: 21 },
                atMost: 0,
              },
              { kind: 'traceSeen', event: 'queue_full', node: 'n1', fields: { policy: 'reject' } },
            ],
          },
          {
            label: 'Both stay: the queue grows past 16',
            facts: [{ kind: 'queueAtLeast', node: 'n1', remote: 'n2', n: 17 }],
          },
        ],
        revealAtMs: 2100,
        explain:
          'drop-oldest evicts message 21 — accepted long ago, now gone, and the sender believes it queued. Under reject, 21 would stay and the newcomer would be refused with QueueFull, so its sender knows to retry.',
        whatIf: { transport: { knobs: [['queueFullPolicy', 'reject']] } },
      },
    },
    {
      title: 'Silent loss',
      text: 'Every 50 ms another accepted message is evicted — 21, 22, 23… none will ever arrive, and nobody was told. drop-oldest suits data that is stale anyway (the latest position of a mouse); reject suits everything else. FoundationDB’s transport has no bound at all: its back-pressure lives in the layers above (its ratekeeper slows clients down). Compare both policies side by side.',
      session: dropping,
      atMs: 2300,
      fromMs: 2090,
      highlight: {
        kind: 'peer',
        node: 'n1',
        remote: 'n2',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [
        { kind: 'traceSeen', event: 'message_dropped', node: 'n1', fields: { msg: 23 } },
        { kind: 'traceSeen', event: 'queue_full', node: 'n1', fields: { policy: 'drop-oldest' } },
      ],
      compareWith: rejecting,
    },
    {
      title: 'Check: back-pressure',
      text: 'Back to the three clients: n2 is cut off until 3 s. Three tasks, graded by the run.',
      session: fanCut,
      atMs: 2000,
      fromMs: 1900,
      highlight: {
        kind: 'peer',
        node: 'n2',
        remote: 'n1',
        part: 'queue',
        label: 'its queue: RELIABLE',
      },
      facts: [{ kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' }],
      check: [
        {
          kind: 'answer',
          question: {
            prompt: 'How many messages does n2’s peer hold right now?',
            choices: [
              { label: 'None', facts: [{ kind: 'queueAtMost', node: 'n2', remote: 'n1', n: 0 }] },
              {
                label: 'Exactly 3, its bound',
                facts: [
                  { kind: 'queueAtLeast', node: 'n2', remote: 'n1', n: 3 },
                  { kind: 'queueAtMost', node: 'n2', remote: 'n1', n: 3 },
                ],
              },
              {
                label: 'More than 3',
                facts: [{ kind: 'queueAtLeast', node: 'n2', remote: 'n1', n: 4 }],
              },
            ],
            explain: 'The bound holds: the rest were refused.',
          },
        },
        {
          kind: 'answer',
          question: {
            prompt: 'Was any message dropped silently in this run?',
            choices: [
              {
                label: 'Yes',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'message_dropped',
                    fields: { reason: 'evicted (queue full, drop-oldest)' },
                  },
                ],
              },
              {
                label: 'No: every refusal was a QueueFull the caller saw',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'message_dropped',
                    fields: { reason: 'evicted (queue full, drop-oldest)' },
                    atMost: 0,
                  },
                ],
              },
            ],
            explain: 'These peers reject when full: callers always know.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'After the heal at 3 s, cut n3 off too (the link n1–n3) and play on until n3’s ping monitor gives up on the connection.',
          facts: [
            { kind: 'linkPartition', a: 'n1', b: 'n3', partition: 'both' },
            { kind: 'traceSeen', event: 'ping_timeout', node: 'n3' },
          ],
          solution: '3100ms_partition_n1_n3',
          byMs: 7000,
        },
      ],
    },
  ],
};
