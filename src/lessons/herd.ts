/* Lesson: the thundering herd — twenty clients lose one server, with and without jitter, side by side. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

/** Twenty clients; the scenario kills the server at 2 s and restarts it at 5 s. */
const jittered: LessonSession = { scenario: 'herd', seed: 1, chaos: 'calm' };
const lockstep: LessonSession = { ...jittered, transport: { knobs: [['jitter', '0']] } };

export const herdLesson: Lesson = {
  id: 'herd',
  title: 'The thundering herd: why jitter',
  summary:
    'Twenty clients lose their server at the same moment. Without jitter they come back in waves; with it, in a trickle.',
  steps: [
    {
      title: 'Twenty clients, one server',
      text: 'n1 serves twenty clients, n2 to n21, each with one request outstanding. At 2 s the scenario kills n1 and at 5 s restarts it. These clients back off like gRPC’s (1 s, ×1.6 per failure), capped at 5 s instead of gRPC’s 120 s so the run stays short.',
      session: lockstep,
      atMs: 1900,
      fromMs: 1800,
      highlight: { kind: 'node', node: 'n1', label: 'the server' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: true },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        { kind: 'peerState', node: 'n21', remote: 'n1', state: 'connected' },
      ],
    },
    {
      title: 'Without jitter: waves',
      text: 'Here jitter is off. Every client lost the server at the same instant and waits exactly 1 s, so at 3.0 s all twenty dial within the same 10 ms — then again at 4.6 s, and at 7.17 s. Each wave hits the server at once: the moment it comes back, a herd is at the door.',
      session: lockstep,
      atMs: 3010,
      fromMs: 2950,
      highlight: { kind: 'node', node: 'n1', label: 'twenty dials at once' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: false },
        { kind: 'traceBurst', event: 'connect_started', withinMs: 10, atLeast: 20 },
        { kind: 'traceSeen', event: 'connect_started', nearMs: 3005, atLeast: 20 },
      ],
    },
    {
      title: 'With jitter: a trickle',
      text: 'The same run with jitter back on: each wait is drawn within ±20% of its nominal value (1 s, then ×1.6). The twenty clients started together, but each now draws its own wait.',
      session: jittered,
      atMs: 2100,
      fromMs: 1980,
      highlight: { kind: 'node', node: 'n1', label: 'killed at 2 s' },
      facts: [{ kind: 'nodeAlive', node: 'n1', alive: false }],
      question: {
        prompt:
          'With ±20% jitter, what is the most clients that will dial within one 10 ms window by 8 s?',
        choices: [
          {
            label: 'All 20, still in waves',
            facts: [{ kind: 'traceBurst', event: 'connect_started', withinMs: 10, atLeast: 20 }],
          },
          {
            label: 'A handful (2 to 8)',
            facts: [
              { kind: 'traceBurst', event: 'connect_started', withinMs: 10, atLeast: 2, atMost: 8 },
            ],
          },
          {
            label: 'Never more than one',
            facts: [{ kind: 'traceBurst', event: 'connect_started', withinMs: 10, atMost: 1 }],
          },
        ],
        revealAtMs: 8000,
        explain:
          'At most 5 within any 10 ms: the first retries spread over 0.8–1.2 s instead of one instant, and the spread grows with every wait. With jitter off, all 20 land together.',
        whatIf: { transport: { knobs: [['jitter', '0']] } },
      },
    },
    {
      title: 'Side by side',
      text: 'n1 came back at 5 s. With jitter the clients reconnected one by one, from 5.1 s to 7.7 s; without it, all twenty within 10 ms at 7.17 s. Open both runs side by side to compare. Jitter costs nothing and protects the server exactly when it is weakest: just restarted.',
      session: jittered,
      atMs: 7700,
      fromMs: 6400,
      highlight: { kind: 'node', node: 'n1', label: 'back since 5 s' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: true },
        { kind: 'traceBurst', event: 'connect_started', withinMs: 10, atMost: 5 },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        {
          kind: 'traceSeen',
          event: 'peer_state_changed',
          fields: { toState: 'connected' },
          nearMs: 5096,
        },
        {
          kind: 'traceSeen',
          event: 'peer_state_changed',
          fields: { toState: 'connected' },
          nearMs: 7678,
        },
      ],
      compareWith: lockstep,
    },
    {
      title: 'Check: the herd',
      text: 'Jitter is off again, and n1 is back since 5 s. Three tasks, graded by the run.',
      session: lockstep,
      atMs: 6000,
      fromMs: 5900,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [{ kind: 'nodeAlive', node: 'n1', alive: true }],
      check: [
        {
          kind: 'answer',
          question: {
            prompt: 'n1 has been back for a second. What is n2’s peer doing?',
            choices: [
              {
                label: 'Connected again',
                facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' }],
              },
              {
                label: 'Still waiting in Backoff',
                facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff' }],
              },
              {
                label: 'Connecting',
                facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connecting' }],
              },
            ],
            explain:
              'Its third wait (2.56 s, from 4.6 s) runs until 7.17 s: the restarted server waits for its clients.',
          },
        },
        {
          kind: 'answer',
          question: {
            prompt: 'How many clients dialled within the same 10 ms, at most?',
            choices: [
              {
                label: '5',
                facts: [
                  {
                    kind: 'traceBurst',
                    event: 'connect_started',
                    withinMs: 10,
                    atLeast: 5,
                    atMost: 5,
                  },
                ],
              },
              {
                label: '10',
                facts: [
                  {
                    kind: 'traceBurst',
                    event: 'connect_started',
                    withinMs: 10,
                    atLeast: 10,
                    atMost: 10,
                  },
                ],
              },
              {
                label: '20',
                facts: [
                  {
                    kind: 'traceBurst',
                    event: 'connect_started',
                    withinMs: 10,
                    atLeast: 20,
                    atMost: 20,
                  },
                ],
              },
            ],
            explain:
              'All twenty, in every wave: identical clients with identical timers stay in lockstep.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Make a second herd: once the clients are back (after 7.1 s), kill n1 again (click it, then Kill) and play on a little.',
          facts: [
            { kind: 'traceSeen', event: 'node_killed', node: 'n1', atLeast: 2 },
            { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff' },
          ],
          solution: '7200ms_kill_n1',
          byMs: 7500,
        },
      ],
    },
  ],
};
