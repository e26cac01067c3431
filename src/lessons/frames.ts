/* Lesson: what goes over the wire — frames, the hello, and the CRC32C checksum. */
import type { Lesson, LessonSession } from './lesson';

const session: LessonSession = { scenario: 'ping-pong', seed: 1, chaos: 'calm' };

export const framesLesson: Lesson = {
  id: 'frames',
  title: 'Frames and checksums',
  summary: 'What a message looks like on the wire, and how the receiver knows it arrived intact.',
  steps: [
    {
      title: 'A message waits for a connection',
      text: 'n2 (the client) wants to send its first ping to n1 (the server). There is no connection yet, so its peer for n1 queues the request and starts connecting. Peers connect lazily: only when there is something to send.',
      session,
      atMs: 1,
      highlight: { kind: 'peer', node: 'n2', remote: 'n1' },
      facts: [
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connecting' },
        { kind: 'queueAtLeast', node: 'n2', remote: 'n1', n: 1 },
      ],
    },
    {
      title: 'Hello first, then the request',
      text: 'The connection is up. The first frame on every new connection is a hello: it says which protocol version and which address the sender listens on. Right behind it travels the queued request.',
      session,
      atMs: 5,
      highlight: { kind: 'link', a: 'n1', b: 'n2' },
      facts: [
        { kind: 'linkState', a: 'n1', b: 'n2', state: 'connected' },
        { kind: 'packetSeen', packetKind: 'hello', from: 'n2' },
        { kind: 'packetSeen', packetKind: 'request', status: 'in-flight', from: 'n2' },
      ],
    },
    {
      title: 'Inside a frame',
      text: 'Every frame is: a 4-byte length, a 4-byte CRC32C checksum of the rest, a 16-byte token saying which endpoint it is for, then the message. The packet inspector shows the bytes. The receiver recomputes the checksum over what arrived and compares it with the header.',
      session,
      atMs: 50,
      highlight: { kind: 'packet', packetKind: 'request', status: 'delivered' },
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
      highlight: { kind: 'peer', node: 'n1', remote: 'n2' },
      facts: [
        { kind: 'peerState', node: 'n1', remote: 'n2', state: 'connected' },
        { kind: 'peerState', node: 'n2', remote: 'n1', state: 'connected' },
        { kind: 'packetSeen', packetKind: 'reply', status: 'delivered', atLeast: 3 },
      ],
      tryIt: {
        prompt:
          'Flip a bit: type "corrupt n1 n2" in the console, then press +100 ms and watch the next reply fail its checksum.',
        done: { kind: 'corrupt', nodes: ['n1', 'n2'] },
      },
    },
  ],
};
