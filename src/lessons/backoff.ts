/* Lesson: reconnecting with exponential, jittered backoff. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

const killed: LessonSession = {
  scenario: 'ping-pong',
  seed: 1,
  chaos: 'calm',
  script: '300ms_kill_n1',
};
const restarted: LessonSession = { ...killed, script: '300ms_kill_n1~4s_restart_n1' };
const fdbRestarted: LessonSession = { ...restarted, transport: { profile: 'fdb' } };

export const backoffLesson: Lesson = {
  id: 'backoff',
  title: 'Reconnect and jittered backoff',
  summary:
    'When the other side is gone, a peer retries — waiting twice as long each time, with a little randomness.',
  steps: [
    {
      title: 'All is well',
      text: 'n2 calls n1 every 100 ms over one connection. Its peer for n1 is Connected, and its count of failed attempts is 0.',
      session: killed,
      atMs: 200,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1', label: 'n2’s peer for n1' },
      facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 }],
    },
    {
      title: 'The server dies',
      text: 'At 300 ms n1’s process is killed. Its operating system resets the connection, so n2 learns of it at once and its peer goes to Backoff, attempt 1: it waits about 100 ms before trying again. (A machine that loses power sends nothing — that silence is the half-open lesson.)',
      fromMs: 250,
      session: killed,
      atMs: 350,
      highlight: { kind: 'node', node: 'n1', label: 'n1, killed' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: false },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 1 },
        { kind: 'backoffWait', node: 'n2', attempt: 1, minMs: 80, maxMs: 120 },
      ],
    },
    {
      title: 'Each failure doubles the wait',
      text: 'Every reconnect is refused, and each failure doubles the delay: about 100, 200, then 400 ms. The peer is now in Backoff, attempt 3. Each wait is drawn at random within ±20% of its doubling — the thundering-herd lesson shows why, with twenty clients.',
      fromMs: 350,
      session: killed,
      atMs: 700,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 3 },
        { kind: 'traceSeen', event: 'connect_refused', node: 'n2', atLeast: 2 },
        { kind: 'backoffWait', node: 'n2', attempt: 2, minMs: 160, maxMs: 240 },
        { kind: 'backoffWait', node: 'n2', attempt: 3, minMs: 320, maxMs: 480 },
      ],
      question: {
        prompt: 'The next refusal makes it attempt 4. How long will attempt 4 wait?',
        choices: [
          {
            label: 'About 100 ms, like the first',
            facts: [{ kind: 'backoffWait', node: 'n2', attempt: 4, minMs: 80, maxMs: 120 }],
          },
          {
            label: 'About 400 ms, like the last',
            facts: [{ kind: 'backoffWait', node: 'n2', attempt: 4, minMs: 320, maxMs: 480 }],
          },
          {
            label: 'About 800 ms',
            facts: [{ kind: 'backoffWait', node: 'n2', attempt: 4, minMs: 640, maxMs: 960 }],
          },
          {
            label: 'About 1.6 s',
            facts: [{ kind: 'backoffWait', node: 'n2', attempt: 4, minMs: 1280, maxMs: 1920 }],
          },
        ],
        revealAtMs: 1000,
        explain:
          'Doubling again: 749 ms, inside 800 ms ± 20%. With the growth knob at 1 (no growth) every wait would stay near 100 ms.',
        whatIf: { transport: { knobs: [['backoffMultiplier', '1']] } },
      },
    },
    {
      title: 'Waiting longer and longer',
      text: 'Attempt 4 waits about 800 ms. The delay keeps doubling up to a cap of 30 s. The point is less the client’s effort than the server’s: a server coming back up is not hit by every client at once. Try bringing n1 back.',
      fromMs: 950,
      session: killed,
      atMs: 1500,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 4 },
        { kind: 'nodeAlive', node: 'n1', alive: false },
        { kind: 'backoffWait', node: 'n2', attempt: 4, minMs: 640, maxMs: 960 },
        {
          kind: 'traceSeen',
          event: 'backoff_scheduled',
          node: 'n2',
          fields: { capUs: 30_000_000 },
        },
      ],
      tryIt: {
        prompt: 'Restart n1: click it in the topology and choose Restart, then play.',
        done: { kind: 'restart', nodes: ['n1'] },
      },
    },
    {
      title: 'Back together — 2.2 s later',
      text: 'Here n1 was restarted at 4 s, but n2 had just begun a 2.7 s wait (attempt 6) and only reconnected at 6.2 s: long waits cost recovery time. The first frame to arrive on the new connection resets the count to 0 — not the connect itself, so a server that accepts and drops at once cannot cause a reconnect storm.',
      session: restarted,
      atMs: 6300,
      fromMs: 6150,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: true },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 },
        { kind: 'backoffWait', node: 'n2', attempt: 6, minMs: 2650, maxMs: 2750 },
        {
          kind: 'traceSeen',
          event: 'peer_state_changed',
          node: 'n2',
          fields: { toState: 'connected' },
          nearMs: 6207,
        },
      ],
    },
    {
      title: 'FoundationDB’s numbers',
      text: 'The same restart with FoundationDB’s knobs: the first wait is 50 ms, growing ×1.2 to at most 0.5 s, jittered ±10%. n2 is back 0.16 s after the restart instead of 2.2 s. A cluster wants recovery in under a second; a public service wants politeness. Open both runs side by side to compare them.',
      session: fdbRestarted,
      atMs: 4300,
      fromMs: 3900,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1', label: 'reconnected at 4.16 s' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        { kind: 'traceSeen', event: 'backoff_scheduled', node: 'n2', fields: { capUs: 500_000 } },
        {
          kind: 'traceSeen',
          event: 'peer_state_changed',
          node: 'n2',
          fields: { toState: 'connected' },
          nearMs: 4164,
        },
      ],
      compareWith: restarted,
    },
    {
      title: 'Check: backoff',
      text: 'n1 has been dead since 300 ms. Three tasks, graded by the run.',
      session: killed,
      atMs: 1500,
      fromMs: 1400,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1', label: 'n2’s peer for n1' },
      facts: [{ kind: 'nodeAlive', node: 'n1', alive: false }],
      check: [
        {
          kind: 'answer',
          question: {
            prompt: 'How many of n2’s reconnects have been refused so far?',
            choices: [
              {
                label: '1',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'connect_refused',
                    node: 'n2',
                    atLeast: 1,
                    atMost: 1,
                  },
                ],
              },
              {
                label: '3',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'connect_refused',
                    node: 'n2',
                    atLeast: 3,
                    atMost: 3,
                  },
                ],
              },
              {
                label: '6',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'connect_refused',
                    node: 'n2',
                    atLeast: 6,
                    atMost: 6,
                  },
                ],
              },
            ],
            explain:
              'Attempts 1, 2 and 3 were refused at 0.41, 0.58 and 0.96 s; attempt 4 is still waiting.',
          },
        },
        {
          kind: 'answer',
          question: {
            prompt: 'What is n2’s peer doing right now?',
            choices: [
              {
                label: 'Connecting',
                facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connecting' }],
              },
              {
                label: 'Waiting in Backoff',
                facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff' }],
              },
              {
                label: 'Given up: Disconnected',
                facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'disconnected' }],
              },
            ],
            explain: 'A peer never gives up while something is queued: it waits, then dials again.',
          },
        },
        {
          kind: 'achieve',
          prompt: 'Get n2 connected again before 3 s: restart n1 (click it), then play.',
          facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' }],
          solution: '1600ms_restart_n1',
          byMs: 3000,
        },
      ],
    },
  ],
};
