/* Capstone: a deliberately broken transport (a mutant) to expose with interventions until the oracle fails it. */
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
    'A transport with a planted bug passes every check on a calm network. Find the fault that makes the oracle fail it, then ask Why?',
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
      text: 'At 21.35 s the oracle reports: reliable messages 20, 21, 22… were never delivered. Click the violation in the Invariants panel to jump to it, then press Why? — it walks back through the causes: the partition, the ping timeout that dropped the connection, and the messages this transport forgot instead of resending.',
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
      ],
    },
    {
      title: 'Check: hunt it yourself',
      text: 'The broken transport on a calm network, with no faults yet. Expose it three different ways. To go fast, type "run 20s" in the console; the oracle judges delivery about 15 s after the network calms down.',
      session: hunt,
      atMs: 500,
      fromMs: 400,
      highlight: { kind: 'panel', panel: 'console', label: 'try: run 20s' },
      facts: [{ kind: 'traceSeen', event: 'invariant_violated', atMost: 0 }],
      check: [
        {
          kind: 'achieve',
          prompt:
            'Expose it with a corrupted frame: "corrupt n1 n2 byte 40" at about 1 s, then run on.',
          facts: [
            { kind: 'traceSeen', event: 'corruption_armed' },
            { kind: 'violationSeen', invariant: VIOLATED },
          ],
          solution: '1s_corrupt_n1_n2_byte_40',
          byMs: 17000,
        },
        {
          kind: 'achieve',
          prompt: 'Expose it by killing and restarting the receiver, n2.',
          facts: [
            { kind: 'traceSeen', event: 'node_restarted', node: 'n2' },
            { kind: 'violationSeen', invariant: VIOLATED },
          ],
          solution: '1s_kill_n2~2s_restart_n2',
          byMs: 18000,
        },
        {
          kind: 'achieve',
          prompt:
            'Expose it with a partition long enough for the ping monitor to drop the connection (over 3 s).',
          facts: [
            { kind: 'traceSeen', event: 'partition_created' },
            { kind: 'violationSeen', invariant: VIOLATED },
          ],
          solution: '1s_partition_n1_n2~5s_heal',
          byMs: 21000,
        },
      ],
    },
  ],
};
