/* Lesson: half-open connections and the ping monitor. Data only: it names sessions and moments, and knows nothing of the page. */
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
      text: 'n2 calls n1 every 100 ms over one connection. Separately, n2’s peer runs a ping monitor: once a second it sends a small ping frame of its own and expects a pong — the first went at 1.004 s and was answered 1.3 ms later. Both peers are Connected.',
      session: calm,
      atMs: 1010,
      fromMs: 995,
      highlight: { kind: 'packet', packetKind: 'pong', label: 'the pong answering n2’s ping' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'packetSeen', packetKind: 'ping', from: 'n2', status: 'delivered' },
        { kind: 'packetSeen', packetKind: 'pong', from: 'n1' },
        {
          kind: 'traceSeen',
          event: 'packet_sent',
          node: 'n2',
          fields: { packet: 'ping' },
          nearMs: 1004,
        },
        {
          kind: 'traceSeen',
          event: 'packet_sent',
          node: 'n1',
          fields: { packet: 'pong' },
          nearMs: 1005,
        },
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
      question: {
        prompt: 'Nothing will tell either side the link is cut. What happens by 3.1 s?',
        choices: [
          {
            label: 'Nothing: both stay Connected until the link heals',
            facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' }],
          },
          {
            label: 'n2’s ping goes unanswered, so n2 tears the connection down',
            facts: [
              { kind: 'traceSeen', event: 'ping_timeout', node: 'n2' },
              { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff' },
            ],
          },
          {
            label: 'n1 notices first and resets the connection',
            facts: [{ kind: 'traceSeen', event: 'ping_timeout', node: 'n1' }],
          },
        ],
        revealAtMs: 3100,
        explain:
          'n2’s ping at 1.004 s left 4 ms after the cut and was lost in it. When 2 s passed with no pong and no byte at all, at 3.004 s, the ping monitor declared the connection dead. With pings only every 10 minutes, n2 would still say Connected.',
        whatIf: { transport: { knobs: [['pingIntervalMs', '600000']] } },
      },
    },
    {
      title: 'The ping monitor gives up',
      text: 'n2’s ping got no pong, and no byte at all arrived for 2 seconds, so n2 declares the connection dead, tears it down and goes to Backoff, attempt 1. Detection takes up to interval + timeout = 3 s: faster means more false alarms on a slow link. Its reset is lost in the partition, so n1 — a server, which does not ping its clients — still thinks it is connected.',
      fromMs: 2950,
      session: cut,
      atMs: 3100,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'traceSeen', event: 'ping_timeout', node: 'n2', fields: { waitedUs: 2_000_000 } },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff', attempt: 1 },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
      ],
    },
    {
      title: 'Healed and reconnected',
      text: 'The link healed at 6 s, but n2’s connect begun at 3.1 s got no answer at all — its first packet was lost in the cut — so it waited out the 5 s connect timeout until 8.1 s. Then it dialled again and connected at 8.28 s. When the new connection said hello, n1 dropped its stale one and replaced it.',
      session: cut,
      atMs: 8400,
      fromMs: 8250,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'linkPartition', a: 'n1', b: 'n2', partition: null },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected', attempt: 0 },
        { kind: 'traceSeen', event: 'connect_started', node: 'n2', nearMs: 3114 },
        { kind: 'traceSeen', event: 'connect_hung', node: 'n2' },
        { kind: 'traceSeen', event: 'connect_cancelled', node: 'n2', nearMs: 8112 },
        {
          kind: 'traceSeen',
          event: 'peer_state_changed',
          node: 'n2',
          fields: { toState: 'connected' },
          nearMs: 8281,
        },
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
      ],
    },
    {
      title: 'Check: half-open',
      text: 'The link is still cut (until 6 s); n2 has given up on the old connection. Three tasks, graded by the run.',
      session: cut,
      atMs: 4000,
      fromMs: 3900,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [{ kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' }],
      check: [
        {
          kind: 'select',
          prompt: 'Click the ping frame that never got its pong.',
          packetKind: 'ping',
          status: 'lost',
          from: 'n2',
        },
        {
          kind: 'answer',
          question: {
            prompt: 'What does n1’s peer for n2 say now?',
            choices: [
              {
                label: 'Connected',
                facts: [{ kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' }],
              },
              {
                label: 'Backoff',
                facts: [{ kind: 'peerState', node: 'n1', remote: 'n2', state: 'backoff' }],
              },
              {
                label: 'Disconnected',
                facts: [{ kind: 'peerState', node: 'n1', remote: 'n2', state: 'disconnected' }],
              },
            ],
            explain:
              'n1 never heard the reset and does not ping: its side of the connection is half-open.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Make n2’s ping monitor catch a half-open connection a second time: play past the reconnect (8.3 s), cut the link again, and play on.',
          facts: [{ kind: 'traceSeen', event: 'ping_timeout', node: 'n2', atLeast: 2 }],
          solution: '10s_partition_n1_n2',
          byMs: 14000,
        },
      ],
    },
  ],
};
