/* Lesson: partitions, at-most-once calls and what MaybeDelivered really means. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

const oneWay: LessonSession = {
  scenario: 'mesh',
  seed: 1,
  chaos: 'calm',
  params: { nodes: 2, deadlineMs: 10000 },
  script: '2s_partition_n1_n2_oneway~9s_heal',
};

export const maybeDeliveredLesson: Lesson = {
  id: 'maybe-delivered',
  title: 'Partitions and MaybeDelivered',
  summary:
    'When a call fails with MaybeDelivered, the request may or may not have run. Both happen.',
  steps: [
    {
      title: 'Two nodes calling each other',
      text: 'n1 and n2 each keep calling the other’s "add" endpoint. Half the calls are reliable (getReply: resent until answered), half at most once (tryGetReply: sent once; if the connection fails before the answer, the caller gets MaybeDelivered). Hover a call’s bar in the timeline to see its id.',
      session: oneWay,
      atMs: 1900,
      fromMs: 1850,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
      ],
    },
    {
      title: 'A one-way partition',
      text: 'At 2 s bytes from n1 to n2 are cut; n2 to n1 still works. n2’s reliable call n2#38 reached n1 and was served, but the answer cannot come back. n1’s own at-most-once call n1#38 left n1 and is stalled at the cut: it never arrives.',
      session: oneWay,
      atMs: 2100,
      fromMs: 1990,
      highlight: {
        kind: 'packet',
        packetKind: 'request',
        status: 'stalled',
        label: 'n1#38, stalled at the cut',
      },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'a>b' },
        { kind: 'traceSeen', event: 'rpc_received', node: 'n1', fields: { rpc: 'n2#38' } },
        { kind: 'rpcPending', rpc: 'n2#38' },
        { kind: 'rpcPending', rpc: 'n1#38' },
      ],
      question: {
        prompt: 'n1#38 waits with a 10 s deadline. What will n1 have been told about it by 4.06 s?',
        choices: [
          {
            label: 'MaybeDelivered',
            facts: [
              {
                kind: 'traceSeen',
                event: 'rpc_failed',
                node: 'n1',
                fields: { rpc: 'n1#38', error: 'MaybeDelivered' },
              },
            ],
          },
          {
            label: 'Timeout',
            facts: [
              {
                kind: 'traceSeen',
                event: 'rpc_failed',
                node: 'n1',
                fields: { rpc: 'n1#38', error: 'Timeout' },
              },
            ],
          },
          {
            label: 'Nothing yet: it still waits',
            facts: [{ kind: 'rpcPending', rpc: 'n1#38' }],
          },
        ],
        revealAtMs: 4060,
        explain:
          'n2 heard nothing from n1 for 2 s, so its ping monitor reset the connection; the reset reached n1, and a broken connection ends an at-most-once call with MaybeDelivered. Without the ping monitor, n1#38 would still be waiting.',
        whatIf: { transport: { knobs: [['pingIntervalMs', '600000']] } },
      },
    },
    {
      title: 'MaybeDelivered: here, not delivered',
      text: 'n2 heard nothing for 2 s, so its ping monitor tore the connection down. n1 saw the reset, and its at-most-once call n1#38 failed with MaybeDelivered. In this case the request never arrived — but n1 cannot know that.',
      session: oneWay,
      atMs: 4060,
      fromMs: 4040,
      highlight: { kind: 'call', node: 'n1', rpc: 'n1#38', label: 'n1#38: MaybeDelivered' },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n1',
          fields: { rpc: 'n1#38', error: 'MaybeDelivered' },
        },
        {
          kind: 'traceSeen',
          event: 'rpc_received',
          node: 'n2',
          fields: { rpc: 'n1#38' },
          atMost: 0,
        },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'backoff' },
        { kind: 'rpcPending', rpc: 'n2#38' },
      ],
    },
    {
      title: 'MaybeDelivered: here, delivered after all',
      text: 'n1#39 was sent at 4.1 s, while n1’s peer was in backoff, so it waited in n1’s queue. n1’s next connect hung in the cut; at 9.17 s it timed out, and that failure ended n1#39 with MaybeDelivered. But the message was still queued: once n2 reconnected at 9.33 s it went out, and n2 ran it. MaybeDelivered means exactly that: it may have run.',
      session: oneWay,
      atMs: 9340,
      fromMs: 9150,
      highlight: {
        kind: 'peer',
        node: 'n1',
        remote: 'n2',
        label: 'n1’s peer: reconnected, queue sent',
      },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n1',
          fields: { rpc: 'n1#39', error: 'MaybeDelivered' },
        },
        {
          kind: 'traceSeen',
          event: 'rpc_sent',
          node: 'n1',
          fields: { rpc: 'n1#39' },
          nearMs: 4107,
        },
        { kind: 'traceSeen', event: 'connect_cancelled', node: 'n1', nearMs: 9171 },
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n1',
          fields: { rpc: 'n1#39' },
          nearMs: 9171,
        },
        {
          kind: 'traceSeen',
          event: 'peer_state_changed',
          node: 'n2',
          fields: { toState: 'connected' },
          nearMs: 9333,
        },
        { kind: 'traceSeen', event: 'rpc_received', node: 'n2', fields: { rpc: 'n1#39' } },
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: null },
      ],
    },
    {
      title: 'Reliable means at least once',
      text: 'And n2’s reliable call n2#38, whose answer was lost in the cut, was resent on the new connection — so n1 ran it twice. Either way the server may run a request more than once. Make requests idempotent: running one twice must leave the same result as running it once (the exactly-once lesson shows how).',
      session: oneWay,
      atMs: 9500,
      fromMs: 9330,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_received',
          node: 'n1',
          fields: { rpc: 'n2#38' },
          atLeast: 2,
        },
        { kind: 'retransmittedAtLeast', node: 'n2', remote: 'n1', n: 1 },
      ],
    },
    {
      title: 'Check: MaybeDelivered',
      text: 'The same run, after the heal. Three tasks, graded by the run.',
      session: oneWay,
      atMs: 9500,
      fromMs: 9400,
      highlight: { kind: 'panel', panel: 'timeline', label: 'hover a call to see its id' },
      facts: [{ kind: 'linkPartition', a: 'n1', b: 'n2', partition: null }],
      check: [
        {
          kind: 'answer',
          question: {
            prompt: 'Did n2 run n1#39, the call n1 was told "MaybeDelivered" about?',
            choices: [
              {
                label: 'Yes',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'rpc_received',
                    node: 'n2',
                    fields: { rpc: 'n1#39' },
                  },
                ],
              },
              {
                label: 'No',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'rpc_received',
                    node: 'n2',
                    fields: { rpc: 'n1#39' },
                    atMost: 0,
                  },
                ],
              },
            ],
            explain:
              'It waited in n1’s queue and went out on the new connection, after the caller had been told.',
          },
        },
        {
          kind: 'answer',
          question: {
            prompt: 'Did n2 run n1#38, the first call that failed?',
            choices: [
              {
                label: 'Yes',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'rpc_received',
                    node: 'n2',
                    fields: { rpc: 'n1#38' },
                  },
                ],
              },
              {
                label: 'No',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'rpc_received',
                    node: 'n2',
                    fields: { rpc: 'n1#38' },
                    atMost: 0,
                  },
                ],
              },
            ],
            explain:
              'It was written to the connection that died at the cut: at most once, here zero times.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Rewind to 2.5 s and heal the cut (click the link), so that both n1#38 and n2#38 get their answers.',
          facts: [
            { kind: 'traceSeen', event: 'rpc_replied', node: 'n1', fields: { rpc: 'n1#38' } },
            { kind: 'traceSeen', event: 'rpc_replied', node: 'n2', fields: { rpc: 'n2#38' } },
          ],
          solution: '3s_heal',
          byMs: 6000,
        },
      ],
    },
  ],
};
