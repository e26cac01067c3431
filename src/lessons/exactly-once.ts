/* Lesson: exactly-once effects from at-least-once delivery — an idempotent append on the hash chain. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

/** Answers from n1 to n2 are cut from 1 s to 4 s; requests still reach n1. */
const answersLost: LessonSession = {
  scenario: 'hash-chain',
  seed: 1,
  chaos: 'calm',
  script: '1s_partition_n1_n2_oneway~4s_heal',
};

export const exactlyOnceLesson: Lesson = {
  id: 'exactly-once',
  title: 'Exactly-once effects from at-least-once delivery',
  summary:
    'Requests can arrive twice. An idempotent server turns at-least-once delivery into an effect that happens exactly once.',
  steps: [
    {
      title: 'A chain of appends',
      text: 'n2 appends numbered blocks to n1’s log, one at a time; n1 folds each into a hash chain kept on disk. Each append is a reliable call with a 1 s deadline, and when one fails n2 asks again for the same block — so a block may be asked for more than once.',
      session: answersLost,
      atMs: 900,
      fromMs: 860,
      highlight: { kind: 'node', node: 'n1', label: 'the log server' },
      facts: [{ kind: 'traceSeen', event: 'block_appended', node: 'n1', fields: { index: 38 } }],
    },
    {
      title: 'An answer lost',
      text: 'At 1 s the link from n1 to n2 is cut; n2 to n1 still works. n2#45 asked for block 44: n1 appended it at 1.017 s, but its answer cannot come back. n2 will wait for its deadline and then ask again.',
      session: answersLost,
      atMs: 1100,
      fromMs: 1000,
      highlight: { kind: 'link', a: 'n1', b: 'n2', label: 'n1 → n2 cut' },
      facts: [
        {
          kind: 'traceSeen',
          event: 'block_appended',
          node: 'n1',
          fields: { index: 44 },
          nearMs: 1017,
        },
        { kind: 'traceSeen', event: 'rpc_received', node: 'n1', fields: { rpc: 'n2#45' } },
        { kind: 'rpcPending', rpc: 'n2#45' },
      ],
      question: {
        prompt:
          'n2#45 will time out at 2.01 s, and n2 will ask for block 44 again. How many times will block 44 be in n1’s chain at 2.2 s?',
        choices: [
          {
            label: 'Not at all',
            facts: [
              {
                kind: 'traceSeen',
                event: 'block_appended',
                node: 'n1',
                fields: { index: 44 },
                atMost: 0,
              },
            ],
          },
          {
            label: 'Once',
            facts: [
              {
                kind: 'traceSeen',
                event: 'block_appended',
                node: 'n1',
                fields: { index: 44 },
                atLeast: 1,
                atMost: 1,
              },
            ],
          },
          {
            label: 'Twice',
            facts: [
              {
                kind: 'traceSeen',
                event: 'block_appended',
                node: 'n1',
                fields: { index: 44 },
                atLeast: 2,
              },
            ],
          },
        ],
        revealAtMs: 2200,
        explain:
          'The second request (n2#46) reached n1 at 2.117 s, but n1 saw that block 44 was already in its log and answered with the stored hash instead of appending again. Had the cut gone both ways, the first request would not have arrived either, and block 44 would not be there yet.',
        whatIf: { script: '1s_partition_n1_n2~4s_heal' },
      },
    },
    {
      title: 'Asked again, appended once',
      text: 'n2#46 asked for block 44 again and reached n1 at 2.117 s. n1 answered with the hash it already had, without appending. At-least-once delivery plus an idempotent operation — doing it twice leaves the same result as once — gives an effect that happens exactly once.',
      session: answersLost,
      atMs: 2200,
      fromMs: 2090,
      highlight: { kind: 'node', node: 'n1', label: 'block 44: once' },
      facts: [
        {
          kind: 'traceSeen',
          event: 'rpc_failed',
          node: 'n2',
          fields: { rpc: 'n2#45', error: 'Timeout' },
        },
        {
          kind: 'traceSeen',
          event: 'rpc_received',
          node: 'n1',
          fields: { rpc: 'n2#46' },
          nearMs: 2117,
        },
        {
          kind: 'traceSeen',
          event: 'block_appended',
          node: 'n1',
          fields: { index: 44 },
          atMost: 1,
        },
      ],
    },
    {
      title: 'How the server knows',
      text: 'The key is the index: the request names which block it means, so a repeat can be recognised. Real systems do the same with a request id or an idempotency key. FoundationDB added idempotency ids to commits for exactly this case: a client told commit_unknown_result can find out whether its commit ran.',
      session: answersLost,
      atMs: 8310,
      fromMs: 8270,
      highlight: { kind: 'node', node: 'n1' },
      facts: [
        { kind: 'traceSeen', event: 'rpc_received', node: 'n1', fields: { rpc: 'n2#51' } },
        { kind: 'traceSeen', event: 'block_appended', node: 'n1', fields: { index: 45 } },
        {
          kind: 'traceSeen',
          event: 'block_appended',
          node: 'n1',
          fields: { index: 44 },
          atMost: 1,
        },
      ],
    },
    {
      title: 'Check: exactly once',
      text: 'The same run, after the heal. Three tasks, graded by the run.',
      session: answersLost,
      atMs: 8400,
      fromMs: 8300,
      highlight: { kind: 'panel', panel: 'invariants', label: 'the chain replays: all hold' },
      facts: [{ kind: 'traceSeen', event: 'invariant_violated', atMost: 0 }],
      check: [
        {
          kind: 'answer',
          question: {
            prompt:
              'How many of n2’s appends timed out during the cut? (Press Fit on the timeline: failed calls are red bars on n2’s lane.)',
            choices: [1, 3, 6].map((n) => ({
              label: String(n),
              facts: [
                {
                  kind: 'traceSeen' as const,
                  event: 'rpc_failed' as const,
                  node: 'n2',
                  fields: { error: 'Timeout' as const },
                  atLeast: n,
                  atMost: n,
                },
              ],
            })),
            explain:
              'n2#45 to n2#50, one a second: each asked for block 44 and got no answer back.',
          },
        },
        {
          kind: 'answer',
          question: {
            prompt: 'Is block 44 in the chain more than once?',
            choices: [
              {
                label: 'Yes',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'block_appended',
                    node: 'n1',
                    fields: { index: 44 },
                    atLeast: 2,
                  },
                ],
              },
              {
                label: 'No',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'block_appended',
                    node: 'n1',
                    fields: { index: 44 },
                    atLeast: 1,
                    atMost: 1,
                  },
                ],
              },
            ],
            explain: 'Seven requests asked for it; the index made six of them harmless.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Lose another answer: after 8.3 s cut n1→n2 one way (partition n1 n2 oneway) and play until an append times out.',
          facts: [
            {
              kind: 'traceSeen',
              event: 'rpc_failed',
              node: 'n2',
              fields: { error: 'Timeout' },
              atLeast: 7,
            },
          ],
          solution: '9s_partition_n1_n2_oneway',
          byMs: 11000,
        },
      ],
    },
  ],
};
