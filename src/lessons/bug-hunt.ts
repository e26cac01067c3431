/* Capstone: a deliberately broken transport (a mutant) to expose with interventions until the oracle fails it. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

/** reliable-stream on a transport that forgets reliable messages when their connection dies. */
const hunt: LessonSession = {
  scenario: 'reliable-stream',
  seed: 1,
  chaos: 'calm',
  mutant: 'forget-reliable',
};
const caught: LessonSession = { ...hunt, script: '1s_partition_n1_n2~6s_heal' };
const VIOLATED = 'reliable-stream: every reliable message is delivered at least once';

export const bugHuntLesson: Lesson = {
  id: 'bug-hunt',
  title: 'Bug hunt: expose a broken transport',
  summary:
    'A transport with a planted bug passes every check on a calm network. Find the fault that makes the oracle fail it.',
  secretMutant: true,
  steps: [
    {
      title: 'A transport with a bug',
      text: 'This run uses a deliberately broken transport — a mutant; the banner says so. The oracle watches every run for rules that must hold, listed under Invariants. On a calm network every one holds: this bug needs a fault to show. That is what simulation testing is for — running faults until a rule breaks.',
      session: hunt,
      atMs: 500,
      fromMs: 400,
      highlight: { kind: 'panel', panel: 'invariants', label: 'all hold — for now' },
      facts: [{ kind: 'traceSeen', event: 'invariant_violated', atMost: 0 }],
    },
    {
      title: 'Try a fault',
      text: 'Here the link is cut from 1 s to 6 s, long enough for the ping monitor to drop the connection. Reliable messages were queued on it. The oracle judges delivery once the network has been quiet for a while, so the answer comes at about 21 s.',
      session: caught,
      atMs: 1500,
      fromMs: 950,
      highlight: { kind: 'link', a: 'n1', b: 'n2', label: 'cut from 1 s to 6 s' },
      facts: [{ kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' }],
      question: {
        prompt: 'What will the oracle say by 22 s?',
        choices: [
          {
            label: 'Nothing: every rule holds',
            facts: [{ kind: 'traceSeen', event: 'invariant_violated', atMost: 0 }],
          },
          {
            label: 'Reliable messages were never delivered',
            facts: [{ kind: 'violationSeen', invariant: VIOLATED }],
          },
          {
            label: 'A corrupted payload was delivered',
            facts: [{ kind: 'violationSeen', invariant: 'reliable-stream: no corrupted payload' }],
          },
        ],
        revealAtMs: 22000,
        explain:
          'This transport forgets the reliable messages that were on a connection when it died, instead of resending them: 31 never arrive. Without the cut, nothing would have shown it.',
        whatIf: { script: '' },
      },
    },
    {
      title: 'The oracle catches it',
      text: 'At 21.35 s the oracle reports: reliable messages 20, 21, 22… were never delivered. They were queued when the ping monitor dropped the connection at 3 s, and after the reconnect at 8.31 s nothing resent them: this transport forgets what was on a dead connection. Click the violation in the Invariants panel to jump to it. (Why? walks back from an event; a liveness failure is an absence, so the evidence is what never came.)',
      session: caught,
      atMs: 21400,
      fromMs: 21300,
      highlight: { kind: 'panel', panel: 'invariants', label: 'the violation — click it' },
      facts: [
        { kind: 'violationSeen', invariant: VIOLATED },
        {
          kind: 'traceSeen',
          event: 'invariant_violated',
          fields: { name: VIOLATED },
          nearMs: 21347,
        },
        { kind: 'traceSeen', event: 'ping_timeout', node: 'n1', nearMs: 3004 },
        {
          kind: 'traceSeen',
          event: 'peer_state_changed',
          node: 'n1',
          fields: { toState: 'connected' },
          nearMs: 8311,
        },
        { kind: 'traceSeen', event: 'message_retransmitted', atMost: 0 },
      ],
    },
    {
      title: 'Check: hunt it yourself',
      text: 'The broken transport on a calm network, no faults yet. Expose it yourself, one task after the other. To go fast, type "run 20s" in the console: the oracle judges delivery once the network has been calm for a while.',
      session: hunt,
      atMs: 500,
      fromMs: 400,
      highlight: { kind: 'panel', panel: 'console', label: 'type here: run 20s' },
      facts: [{ kind: 'traceSeen', event: 'invariant_violated', atMost: 0 }],
      check: [
        {
          kind: 'achieve',
          prompt:
            'Kill the connection while reliable messages are on it: cut the link n1–n2 (click it) and play until n1’s ping monitor gives up (about 3 s).',
          facts: [
            { kind: 'traceSeen', event: 'partition_created' },
            { kind: 'traceSeen', event: 'ping_timeout', node: 'n1' },
          ],
          solution: '1s_partition_n1_n2~5s_heal',
          byMs: 21000,
        },
        {
          kind: 'achieve',
          prompt: 'Heal the link (click it again) and let n1 reconnect.',
          facts: [
            { kind: 'traceSeen', event: 'partition_healed' },
            {
              kind: 'traceSeen',
              event: 'peer_state_changed',
              node: 'n1',
              fields: { toState: 'connected' },
              atLeast: 2,
            },
          ],
          solution: '1s_partition_n1_n2~5s_heal',
          byMs: 21000,
        },
        {
          kind: 'achieve',
          prompt: 'Now run on ("run 20s") until the oracle fails the transport.',
          facts: [{ kind: 'violationSeen', invariant: VIOLATED }],
          solution: '1s_partition_n1_n2~5s_heal',
          byMs: 21000,
        },
      ],
    },
  ],
};
