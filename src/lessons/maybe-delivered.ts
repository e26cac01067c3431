/* Lesson: partitions, at-most-once calls and what MaybeDelivered really means. */
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
      text: 'n1 and n2 each keep calling the other’s "add" endpoint. Half the calls are reliable (getReply: resent until answered), half at most once (tryGetReply: sent once, and if the connection drops you get MaybeDelivered).',
      session: oneWay,
      atMs: 1900,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
      ],
    },
    {
      title: 'A one-way partition',
      text: 'At 2 s bytes from n1 to n2 are cut; n2 to n1 still works. n2’s reliable call n2#38 reached n1 and was served, but the answer cannot come back. n1’s own call n1#38 never leaves.',
      session: oneWay,
      atMs: 2100,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'a>b' },
        { kind: 'traceSeen', event: 'rpc_received', node: 'n1', fields: { rpc: 'n2#38' } },
        { kind: 'rpcPending', rpc: 'n2#38' },
        { kind: 'rpcPending', rpc: 'n1#38' },
      ],
    },
    {
      title: 'MaybeDelivered: here, not delivered',
      text: 'n2 hears nothing for 2 s, so its ping monitor tears the connection down. n1 sees the reset, and its at-most-once call n1#38 fails with MaybeDelivered. In this case the request never arrived — but n1 cannot know that.',
      session: oneWay,
      atMs: 4060,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n1',
          fields: { rpc: 'n1#38', error: 'MaybeDelivered' },
        },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'backoff' },
        { kind: 'rpcPending', rpc: 'n2#38' },
      ],
    },
    {
      title: 'MaybeDelivered: here, delivered after all',
      text: 'After the heal at 9 s, n1’s next at-most-once call n1#39 failed with MaybeDelivered too — yet n2 received it once the connection came back. And n2’s reliable call n2#38 was resent, so n1 served it twice. MaybeDelivered means exactly that: it may have run. Make requests idempotent.',
      session: oneWay,
      atMs: 9500,
      highlight: { kind: 'panel', panel: 'timeline' },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n1',
          fields: { rpc: 'n1#39', error: 'MaybeDelivered' },
        },
        { kind: 'traceSeen', event: 'rpc_received', node: 'n2', fields: { rpc: 'n1#39' } },
        {
          kind: 'traceSeen',
          event: 'rpc_received',
          node: 'n1',
          fields: { rpc: 'n2#38' },
          atLeast: 2,
        },
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: null },
      ],
    },
  ],
};
