/* Lesson: the playground itself — what is on screen, virtual time, rewind, interventions, links. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

const session: LessonSession = { scenario: 'ping-pong', seed: 1, chaos: 'calm' };

export const playgroundLesson: Lesson = {
  id: 'playground',
  title: 'Using the playground',
  summary:
    'What is on screen, how virtual time moves, and how to rewind, cut a link and share the exact run.',
  steps: [
    {
      title: 'What you are looking at',
      text: 'Each circle is a node: n1 is a server, n2 a client. The line between them is the network link, and each moving dot is a packet on it. n2 dials n1; its first packet is a hello, with the first request right behind it. Below, the timeline records every event of the run, and the console prints them as text.',
      session,
      atMs: 5,
      fromMs: 0,
      highlight: { kind: 'node', node: 'n2', label: 'n2, the client' },
      facts: [
        { kind: 'nodeAlive', node: 'n1', alive: true },
        { kind: 'packetSeen', packetKind: 'hello', from: 'n2' },
      ],
    },
    {
      title: 'Time only moves when you say',
      text: 'This is virtual time: Play runs it, Step and +100 ms move it on, and the slider sets the pace. While packets are in flight, play slows down so you can follow each one. The same seed always makes exactly the same run — which is what makes a bug reproducible.',
      session,
      atMs: 100,
      fromMs: 90,
      highlight: { kind: 'panel', panel: 'timeline', label: 'every event, in virtual time' },
      facts: [{ kind: 'traceSeen', event: 'rpc_replied', node: 'n2', atLeast: 1, atMost: 1 }],
      question: {
        prompt:
          'n2 calls n1 every 100 ms and waits about 3 ms for each answer. How many answers will n2 have had by 0.5 s?',
        choices: [
          {
            label: '1 or 2',
            facts: [{ kind: 'traceSeen', event: 'rpc_replied', node: 'n2', atLeast: 1, atMost: 2 }],
          },
          {
            label: '4 to 6',
            facts: [{ kind: 'traceSeen', event: 'rpc_replied', node: 'n2', atLeast: 4, atMost: 6 }],
          },
          {
            label: '10 or more',
            facts: [{ kind: 'traceSeen', event: 'rpc_replied', node: 'n2', atLeast: 10 }],
          },
        ],
        revealAtMs: 500,
        explain:
          'One answer about every 103 ms: 5 by 0.5 s. With a 40 ms pause between calls it would be 11 — try the scenario’s interval parameter.',
        whatIf: { params: { intervalMs: 40 } },
      },
    },
    {
      title: 'Rewind is exact',
      text: 'Drag along the timeline, or press ←, to go back: the run is recomputed from the start to that moment, event for event — not a recording. Whatever you change from there forks a new run; the part you had already seen stays faint ahead of the playhead until you reach it again.',
      session,
      atMs: 500,
      fromMs: 400,
      highlight: { kind: 'panel', panel: 'timeline', label: 'drag here to rewind' },
      facts: [{ kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' }],
    },
    {
      title: 'Cut a link',
      text: 'Interventions change the run: click the link to cut it (click again to heal), click a node to kill or restart it, or type commands such as "partition n1 n2" in the console. Each is recorded with the exact moment it happened, so it replays too.',
      session,
      atMs: 500,
      fromMs: 480,
      highlight: { kind: 'link', a: 'n1', b: 'n2', label: 'click to cut' },
      facts: [{ kind: 'linkState', a: 'n1', b: 'n2', state: 'connected' }],
      tryIt: {
        prompt:
          'Click the link between n1 and n2, then press Play for a second and watch the packets stop at the cut.',
        done: { kind: 'partition', nodes: ['n1', 'n2'] },
      },
    },
    {
      title: 'Share the exact run',
      text: 'The address bar always holds the whole run: scenario, seed, chaos, your interventions and the moment you are at. "Copy link" puts it on the clipboard; whoever opens it sees this exact state — the trace hash in the toolbar proves it is the same run. Attach it to a bug report.',
      session: { ...session, script: '600ms_partition_n1_n2' },
      atMs: 1000,
      fromMs: 580,
      highlight: { kind: 'panel', panel: 'copy-link', label: 'the whole run in one link' },
      facts: [{ kind: 'linkPartition', a: 'n1', b: 'n2', partition: 'both' }],
    },
    {
      title: 'Check: the playground',
      text: 'A fresh run. Three tasks — each is graded by the run itself.',
      session,
      atMs: 300,
      fromMs: 200,
      highlight: { kind: 'panel', panel: 'topology', label: 'nodes, link, packets' },
      facts: [{ kind: 'linkState', a: 'n1', b: 'n2', state: 'connected' }],
      check: [
        {
          kind: 'select',
          prompt:
            'Click a reply packet to open it in the packet inspector (the dots, or the packet list).',
          packetKind: 'reply',
        },
        {
          kind: 'answer',
          question: {
            prompt: 'Which node sent the hello?',
            choices: [
              {
                label: 'n1, the server',
                facts: [{ kind: 'packetSeen', packetKind: 'hello', from: 'n1' }],
              },
              {
                label: 'n2, the client',
                facts: [{ kind: 'packetSeen', packetKind: 'hello', from: 'n2' }],
              },
            ],
            explain: 'The side that dials says hello first.',
          },
        },
        {
          kind: 'achieve',
          prompt: 'Kill n1 (click it, then Kill) and play until n2’s peer notices.',
          facts: [
            { kind: 'nodeAlive', node: 'n1', alive: false },
            { kind: 'peerState', node: 'n2', remote: 'n1', state: 'backoff' },
          ],
          solution: '400ms_kill_n1',
          byMs: 450,
        },
      ],
    },
  ],
};
