/* Lesson: reconnecting with exponential, jittered backoff. */
import type { Lesson, LessonSession } from './lesson';

const killed: LessonSession = {
  scenario: 'ping-pong',
  seed: 1,
  chaos: 'calm',
  script: '300ms_kill_n1',
};

export const backoffLesson: Lesson = {
  id: 'backoff',
  title: 'Reconnect and jittered backoff',
  summary:
    'When the other side is gone, a peer retries — waiting twice as long each time, with a little randomness.',
  steps: [
    {
      title: 'All is well',
      text: 'n2 pings n1 every 100 ms over one connection. Its peer for n1 is Connected and has never failed: attempt 0.',
      session: killed,
      atMs: 200,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 }],
    },
    {
      title: 'The server dies',
      text: 'At 300 ms n1 is killed. n2 learns of it when the reset arrives and its peer goes to Backoff, attempt 1: it will wait about 100 ms before trying again.',
      session: killed,
      atMs: 350,
      highlight: { kind: 'node', node: 'n1' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: false },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 1 },
      ],
    },
    {
      title: 'Each failure doubles the wait',
      text: 'Every reconnect is refused, and each failure doubles the delay: about 100, 200, then 400 ms. The peer is now in Backoff, attempt 3. Each wait is drawn at random within ±20% so that many clients do not retry in lockstep.',
      session: killed,
      atMs: 700,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 3 },
        { kind: 'traceSeen', event: 'connect_refused', node: 'n2', atLeast: 2 },
      ],
    },
    {
      title: 'Waiting longer and longer',
      text: 'Attempt 4 waits about 800 ms. The delay keeps doubling up to a cap, so a dead server costs its clients almost nothing. Try bringing n1 back.',
      session: killed,
      atMs: 1500,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 4 },
        { kind: 'nodeAlive', node: 'n1', alive: false },
      ],
      tryIt: {
        prompt: 'Restart n1: click it in the topology and choose Restart, then play.',
        done: { kind: 'restart', nodes: ['n1'] },
      },
    },
    {
      title: 'Back together',
      text: 'Here n1 was restarted at 4 s. At its next attempt the peer connects, and a successful connection resets the count: Connected, attempt 0.',
      session: { ...killed, script: '300ms_kill_n1~4s_restart_n1' },
      atMs: 7000,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: true },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 },
      ],
    },
  ],
};
