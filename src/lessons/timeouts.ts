/* Lesson: three clocks — a call's deadline, the ping monitor, the connect timeout — and what each can tell. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

const cut: LessonSession = {
  scenario: 'ping-pong',
  seed: 1,
  chaos: 'calm',
  script: '1s_partition_n1_n2~6s_heal',
};
const calm: LessonSession = { scenario: 'ping-pong', seed: 1, chaos: 'calm' };

export const timeoutsLesson: Lesson = {
  id: 'timeouts',
  title: 'Timeouts versus failure detection',
  summary:
    'A call’s deadline, the ping monitor and the connect timeout: three clocks that answer three different questions.',
  steps: [
    {
      title: 'Three clocks',
      text: 'Three clocks run here. A call’s deadline (700 ms): how long the caller will wait for this answer. The ping monitor (a ping every 1 s, dead after 2 s of silence): is the connection alive? The connect timeout (5 s): how long a dial may hang. At 1 s the link is cut — and nothing tells anyone.',
      session: cut,
      atMs: 1050,
      fromMs: 980,
      highlight: { kind: 'link', a: 'n1', b: 'n2', label: 'cut at 1 s' },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
      ],
      question: {
        prompt: 'Which clock will have fired by 1.8 s?',
        choices: [
          {
            label: 'The call’s deadline: a Timeout',
            facts: [
              { kind: 'traceSeen', event: 'rpc_failed', node: 'n2', fields: { error: 'Timeout' } },
              { kind: 'traceSeen', event: 'ping_timeout', atMost: 0 },
            ],
          },
          {
            label: 'The ping monitor',
            facts: [
              { kind: 'traceSeen', event: 'ping_timeout', node: 'n2' },
              { kind: 'traceSeen', event: 'rpc_failed', atMost: 0 },
            ],
          },
          {
            label: 'The connect timeout',
            facts: [
              { kind: 'traceSeen', event: 'connect_cancelled', node: 'n2' },
              { kind: 'traceSeen', event: 'ping_timeout', atMost: 0 },
            ],
          },
        ],
        revealAtMs: 1800,
        explain:
          'The call n2#11, sent at 1.03 s, gave up at 1.73 s. The connection still counts as alive: the ping monitor needs 2 s of silence. With a 5 s deadline and a 0.5 s ping timeout, the ping monitor would have fired first.',
        whatIf: { params: { deadlineMs: 5000 }, transport: { knobs: [['pingTimeoutMs', '500']] } },
      },
    },
    {
      title: 'A deadline tells the caller, not the connection',
      text: 'n2#11 timed out at 1.73 s. Its request may still arrive and run — a Timeout says only that the caller stopped waiting. The peer is still Connected: one slow answer is not a dead connection.',
      session: cut,
      atMs: 1740,
      fromMs: 1700,
      highlight: { kind: 'call', node: 'n2', rpc: 'n2#11', label: 'n2#11: Timeout' },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n2',
          fields: { rpc: 'n2#11', error: 'Timeout', latencyUs: 700_000 },
          nearMs: 1733,
        },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
      ],
    },
    {
      title: 'The ping monitor decides the connection is dead',
      text: 'At 3.0 s, 2 s after its unanswered ping, the ping monitor gives up: no byte at all arrived. Now the connection is torn down and everything on it fails over to a new one. No timeout can tell a slow peer from a dead one — a shorter timeout just guesses sooner, and guesses wrong more often on a slow link.',
      session: cut,
      atMs: 3010,
      fromMs: 2990,
      highlight: {
        kind: 'peer',
        node: 'n2',
        remote: 'n1',
        label: 'Backoff after the ping timeout',
      },
      facts: [
        { kind: 'traceSeen', event: 'ping_timeout', node: 'n2', nearMs: 3004 },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff' },
      ],
    },
    {
      title: 'The connect timeout: the slowest clock',
      text: 'n2 dialled again at 3.11 s; nothing answered, since the cut swallowed its first packet. The link healed at 6 s, but the dial was already lost: only the connect timeout ended it, at 8.11 s. FoundationDB uses 2 s here; Tidepool’s defaults 5 s — which is why heals seem slow to take effect.',
      session: cut,
      atMs: 8120,
      fromMs: 8090,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1', label: 'connect timed out' },
      facts: [
        { kind: 'traceSeen', event: 'connect_started', node: 'n2', nearMs: 3114 },
        { kind: 'traceSeen', event: 'connect_hung', node: 'n2' },
        { kind: 'traceSeen', event: 'connect_cancelled', node: 'n2', nearMs: 8112 },
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: null },
      ],
    },
    {
      title: 'Check: timeouts',
      text: 'A calm run at 1 s. Three tasks, graded by the run: use the console (clog n1 n2 1s holds bytes for a while, then lets them through).',
      session: calm,
      atMs: 1000,
      fromMs: 900,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [{ kind: 'linkState', a: 'n1', b: 'n2', state: 'connected' }],
      check: [
        {
          kind: 'answer',
          question: {
            prompt: 'How many of n2’s calls have ended in Timeout so far?',
            choices: [
              {
                label: 'None',
                facts: [{ kind: 'traceSeen', event: 'rpc_failed', node: 'n2', atMost: 0 }],
              },
              {
                label: 'One',
                facts: [
                  { kind: 'traceSeen', event: 'rpc_failed', node: 'n2', atLeast: 1, atMost: 1 },
                ],
              },
              {
                label: 'Several',
                facts: [{ kind: 'traceSeen', event: 'rpc_failed', node: 'n2', atLeast: 2 }],
              },
            ],
            explain: 'A calm network: every call is answered in a few ms.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Make a call time out without the connection dying: clog n1 n2 for 1 s, then play past 2.5 s.',
          facts: [
            { kind: 'traceSeen', event: 'rpc_failed', node: 'n2', fields: { error: 'Timeout' } },
            { kind: 'traceSeen', event: 'ping_timeout', atMost: 0 },
          ],
          solution: '1100ms_clog_n1_n2_1s',
          byMs: 2500,
        },
        {
          kind: 'achieve',
          prompt: 'Now make the ping monitor fire: silence n1→n2 for longer than its 2 s timeout.',
          facts: [{ kind: 'traceSeen', event: 'ping_timeout', node: 'n2' }],
          solution: '1100ms_clog_n1_n2_4s',
          byMs: 6000,
        },
      ],
    },
  ],
};
