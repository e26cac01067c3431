/* Lesson: what goes over the wire — peers, frames, the hello, and the CRC32C checksum. Data only: it names sessions and moments, and knows nothing of the page. */
import type { Lesson, LessonSession } from './lesson';

const session: LessonSession = { scenario: 'ping-pong', seed: 1, chaos: 'calm' };
/** The try-it of step 4, done: the next reply loses one bit of its message, past the header. */
const flipped: LessonSession = { ...session, script: '300ms_corrupt_n1_n2_byte_40' };

export const framesLesson: Lesson = {
  id: 'frames',
  title: 'Frames and checksums',
  summary: 'What a message looks like on the wire, and how the receiver knows it arrived intact.',
  steps: [
    {
      title: 'A message waits for a connection',
      text: 'n2 (the client) calls n1 (the server) every 100 ms. A peer is one node’s record of one remote address: it owns the connection there, queues what waits to be sent, and reconnects when it breaks. There is no connection yet, so n2’s peer for n1 queues the request and starts connecting — peers connect only when there is something to send.',
      session,
      atMs: 1,
      fromMs: 0,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1', label: 'n2’s peer for n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connecting' },
        { kind: 'queueAtLeast', node: 'n2', remote: 'n1', n: 1 },
      ],
    },
    {
      title: 'Hello first, then the request',
      text: 'The connection is up. The first frame on every new connection is a hello: the protocol version and the address the sender listens on. Right behind it travels the queued request. (In FoundationDB both ends send a ConnectPacket, unframed; here only the dialler says hello.)',
      session,
      atMs: 5,
      fromMs: 1,
      highlight: { kind: 'packet', packetKind: 'hello', label: 'the hello' },
      facts: [
        { kind: 'linkState', a: 'n1', b: 'n2', state: 'connected' },
        { kind: 'packetSeen', packetKind: 'hello', from: 'n2' },
        { kind: 'packetSeen', packetKind: 'request', status: 'in-flight', from: 'n2' },
      ],
    },
    {
      title: 'Inside a frame',
      text: 'A frame is a 4-byte length (of the whole frame), a 4-byte CRC32C checksum of what follows, a 16-byte token naming the endpoint it is for, then the message. The receiver recomputes the checksum and compares it with the header. FoundationDB differs: its length counts the payload only, current releases use a 64-bit XXH3, and TLS connections carry no checksum at all.',
      session,
      atMs: 50,
      highlight: {
        kind: 'packet',
        packetKind: 'request',
        status: 'delivered',
        label: 'header, checksum, token, message',
      },
      facts: [
        { kind: 'packetSeen', packetKind: 'request', status: 'delivered' },
        { kind: 'packetSeen', packetKind: 'reply', status: 'delivered', from: 'n1' },
      ],
    },
    {
      title: 'Replies ride the same connection',
      text: 'Thanks to the hello, n1 knows the incoming connection belongs to n2, so it files it under its own peer for n2 and sends the replies back on it. One connection, two peers, one on each side.',
      session,
      atMs: 300,
      highlight: { kind: 'peer', node: 'n1', remote: 'n2', label: 'n1’s peer for n2' },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        { kind: 'packetSeen', packetKind: 'reply', status: 'delivered', atLeast: 3 },
      ],
      tryIt: {
        prompt:
          'Flip a bit of the next reply’s message: type "corrupt n1 n2 byte 40" in the console, press Enter, then press +100 ms. The reply fails its checksum; click it in the packet list to see both CRCs.',
        done: { kind: 'corrupt', nodes: ['n1', 'n2'] },
      },
    },
    {
      title: 'What the checksum does not cover',
      text: 'The checksum covers the token and the message. But a receiver reads the length first, to know where the frame ends — before it can compute any checksum. So what happens when the length itself is damaged? Choose, then press Play to see.',
      session: { ...session, script: '300ms_corrupt_n1_n2_byte_3' },
      atMs: 310,
      fromMs: 300,
      highlight: { kind: 'link', a: 'n1', b: 'n2', label: 'the next reply will be damaged' },
      facts: [{ kind: 'traceSeen', event: 'corruption_armed', fields: { atByte: 3 } }],
      question: {
        prompt:
          'At 300 ms we armed the network to flip one bit of byte 3 of n1’s next reply — inside the length field. What will n2 report?',
        choices: [
          {
            label: 'A checksum failure',
            facts: [{ kind: 'traceSeen', event: 'checksum_failed', node: 'n2' }],
          },
          {
            label: 'A wire error: the length is impossible',
            facts: [
              { kind: 'traceSeen', event: 'wire_error', node: 'n2' },
              { kind: 'traceSeen', event: 'checksum_failed', node: 'n2', atMost: 0 },
            ],
          },
          {
            label: 'Nothing: the reply is used as it is',
            facts: [
              { kind: 'traceSeen', event: 'wire_error', node: 'n2', atMost: 0 },
              { kind: 'traceSeen', event: 'checksum_failed', node: 'n2', atMost: 0 },
            ],
          },
        ],
        revealAtMs: 330,
        explain:
          'The checksum does not cover the length. The damaged length claims 16 MB, over the 1 MB limit, so n2 gives up on the stream at once with PacketTooLarge — a sanity bound, not the checksum. Had the flip landed anywhere past byte 8 — the token or the message — the checksum would have caught it.',
        whatIf: { script: '300ms_corrupt_n1_n2_byte_40' },
      },
    },
    {
      title: 'Check: frames',
      text: 'Here the try-it was done for you: at 300 ms one bit of the next reply’s message flipped, and n2 has since reconnected. Three tasks — each is graded by the run itself.',
      session: flipped,
      atMs: 500,
      fromMs: 400,
      highlight: { kind: 'panel', panel: 'timeline', label: 'the run so far' },
      facts: [{ kind: 'traceSeen', event: 'checksum_failed', node: 'n2' }],
      check: [
        {
          kind: 'select',
          prompt: 'Click the packet that failed its checksum (in the topology or the packet list).',
          packetKind: 'reply',
          status: 'corrupted',
        },
        {
          kind: 'answer',
          question: {
            prompt: 'Who sent the hello on the connection n2 made after the failure?',
            choices: [
              {
                label: 'n2, the side that dialled',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'packet_sent',
                    node: 'n2',
                    fields: { packet: 'hello', conn: 2 },
                  },
                ],
              },
              {
                label: 'n1, the side that accepted',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'packet_sent',
                    node: 'n1',
                    fields: { packet: 'hello', conn: 2 },
                  },
                ],
              },
              {
                label: 'No hello: the old connection was reused',
                facts: [
                  {
                    kind: 'traceSeen',
                    event: 'packet_sent',
                    fields: { packet: 'hello', conn: 2 },
                    atMost: 0,
                  },
                ],
              },
            ],
            explain:
              'A checksum failure kills the connection; the next one starts with a new hello from the dialler.',
          },
        },
        {
          kind: 'achieve',
          prompt:
            'Make n2 fail a checksum a second time: corrupt a byte of another reply’s message, then play on.',
          facts: [{ kind: 'traceSeen', event: 'checksum_failed', node: 'n2', atLeast: 2 }],
          solution: '550ms_corrupt_n1_n2_byte_40',
          byMs: 900,
        },
      ],
    },
  ],
};
