/* Lesson: half-open connections and the ping monitor. */
import type { Lesson, LessonSession } from './lesson';

const calm: LessonSession = { scenario: 'ping-pong', seed: 1, chaos: 'calm' };
const cut: LessonSession = { ...calm, script: '1s_partition_n1_n2~6s_heal' };

export const halfOpenLesson: Lesson = {
  id: 'half-open',
  title: 'Half-open connections and the ping monitor',
  summary: 'A connection can look open on both ends while nothing gets through. Pings find out.',
  steps: [
    {
      title: 'A healthy connection',
      text: 'n2 pings n1 over one connection, and n2’s peer also sends its own small ping frames every second to check the line. Both peers are Connected.',
      session: calm,
      atMs: 900,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
      ],
      tryIt: {
        prompt: 'Cut the link between n1 and n2: click the link in the topology.',
        done: { kind: 'partition', nodes: ['n1', 'n2'] },
      },
    },
    {
      title: 'Silence, but still "connected"',
      text: 'Here the link was cut at 1 s. No bytes flow, yet nothing closed the connection: no reset, no error. Both peers still say Connected. That is a half-open connection.',
      session: cut,
      atMs: 1500,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' },
        { kind: 'linkState', a: 'n1', b: 'n2', state: 'stalled' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
      ],
    },
    {
      title: 'The ping monitor gives up',
      text: 'n2’s ping got no pong, and no byte at all arrived for 2 seconds, so n2 declares the connection dead, tears it down and goes to Backoff, attempt 1. Its reset is lost in the partition, so n1 — which only answers — still thinks it is connected.',
      session: cut,
      atMs: 3100,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'traceSeen', event: 'ping_timeout', node: 'n2' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 1 },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
      ],
    },
    {
      title: 'Healed and reconnected',
      text: 'The link healed at 6 s. n2’s hanging connect times out, it tries again and connects. When the new connection says hello, n1 drops the stale one and replaces it.',
      session: cut,
      atMs: 9000,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: null },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
      ],
    },
  ],
};
