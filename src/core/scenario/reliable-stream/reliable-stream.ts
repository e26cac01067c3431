/*
 * Scenario `reliable-stream`: a sender pushes numbered messages through a Peer
 * to a receiver — mostly reliable, every k-th unreliable — while the network
 * does its worst. The receiver acknowledges each delivery (unreliably, never
 * opening a connection); an ack lets the sender cancel that reliable message.
 * Invariants: every reliable message is delivered at least once (checked once
 * chaos has been quiet long enough), in order within each connection; no
 * unreliable message is delivered twice; no corrupted payload is ever
 * delivered; plus the transport invariants (frame order, queue bounds,
 * backoff bounds). The oracle lives outside the nodes, so it survives kills.
 */
import { ms, seconds, type Sim, type SimFuture } from '../../sim';
import type { Host } from '../../net';
import { type Peer, type PeerConfig } from '../../peer';
import type { DecodedFrame } from '../../wire';
import { PeerRegistry } from '../../transport/peer-registry';
import { watchTransportCoverage } from '../invariants/transport-coverage';
import { watchTransportInvariants } from '../invariants/transport-invariants';
import { chaosQuietPoint, Liveness, livenessGraceUs } from '../invariants/liveness';
import type { Scenario } from '../types';
import { hubAndSpokes } from '../topology';
import { StreamOracle } from './stream-oracle';
import {
  ACK_TOKEN,
  DATA_TOKEN,
  decodeAck,
  decodeData,
  encodeAck,
  encodeData,
  payloadFor,
} from './stream-messages';

const PORT = 4500;
const BACKPRESSURE_RETRY_US = ms(20);
/** Longest a reliable message may take to arrive on a settled network (queue drained, ack back). */
const HOLD_US = seconds(5);

type Params = Readonly<Record<string, number>>;

function configFrom(params: Params): Partial<PeerConfig> {
  return {
    maxQueuedMessages: params.maxQueuedMessages as number,
    queueFullPolicy: params.dropOldest === 1 ? 'drop-oldest' : 'reject',
    maxBackoffUs: ms(params.maxBackoffMs as number),
    resendReliable: params.resendReliable !== 0,
  };
}

function* sendStream(
  sim: Sim,
  peer: Peer,
  inc: number,
  params: Params,
  oracle: StreamOracle,
  pendingIds: Map<number, number>,
): Generator<SimFuture<unknown>, void, unknown> {
  const every = params.unreliableEvery as number;
  for (let seq = 0; seq < (params.messages as number); seq++) {
    const reliable = every === 0 || seq % every !== every - 1;
    const bytes = encodeData({
      seq,
      inc,
      reliable,
      payload: payloadFor(inc, seq, params.payloadBytes as number),
    });
    for (;;) {
      const result = peer.send(DATA_TOKEN, bytes, {
        reliable,
        label: reliable ? 'data' : 'datagram',
      });
      if (result.ok) {
        if (reliable) pendingIds.set(seq, result.id);
        oracle.accepted(inc, seq, reliable, result.id);
        break;
      }
      oracle.backpressured();
      yield* sim.sleep(BACKPRESSURE_RETRY_US); // back-pressure: the caller waits, nothing is lost
    }
    yield* sim.sleep(ms(params.intervalMs as number));
  }
}

function bootSender(
  sim: Sim,
  host: Host,
  receiver: Host,
  params: Params,
  config: PeerConfig,
  oracle: StreamOracle,
): void {
  const inc = host.incarnation;
  const pendingIds = new Map<number, number>(); // seq → peer message id, until acked
  oracle.senderStarted(inc);
  const registry = new PeerRegistry({
    sim,
    host,
    port: PORT,
    config,
    onFrame: (from: Peer, frame: DecodedFrame) => {
      const ack = decodeAck(frame.message);
      const id = ack && ack.inc === inc ? pendingIds.get(ack.seq) : undefined;
      if (ack && id !== undefined) {
        from.cancel(id);
        pendingIds.delete(ack.seq);
      }
    },
  });
  const peer = registry.peerFor({ ip: receiver.ip, port: PORT });
  sim.spawn('stream-sender', host.name, sendStream(sim, peer, inc, params, oracle, pendingIds));
}

function bootReceiver(
  sim: Sim,
  host: Host,
  params: Params,
  config: PeerConfig,
  oracle: StreamOracle,
): void {
  new PeerRegistry({
    sim,
    host,
    port: PORT,
    config,
    onFrame: (from: Peer, frame: DecodedFrame) => {
      const msg = decodeData(frame.message);
      const intact =
        msg !== null && msg.payload === payloadFor(msg.inc, msg.seq, params.payloadBytes as number);
      oracle.delivered(host, from.connectionId ?? -1, msg, intact);
      if (msg)
        from.send(ACK_TOKEN, encodeAck(msg.inc, msg.seq), {
          reliable: false,
          label: 'ack',
          connect: false,
        });
    },
  });
}

export const reliableStreamScenario: Scenario = {
  id: 'reliable-stream',
  title: 'Reliable stream through a Peer',
  description:
    'A sender streams numbered messages to a receiver through one Peer while the network misbehaves. Reliable messages are kept until acknowledged and resent after every reconnect, so they arrive at least once; unreliable ones are dropped on a disconnect and arrive at most once. Watch the peer back off, queue, detect dead connections with pings and recover.',
  defaultChaos: 'storm',
  defaultUntilUs: seconds(60),
  chaosQuietAfterUs: seconds(10),
  params: [
    {
      name: 'messages',
      description: 'messages to send',
      defaultValue: 300,
      min: 1,
      max: 10_000,
      size: true,
    },
    {
      name: 'intervalMs',
      description: 'time between sends (ms)',
      defaultValue: 50,
      min: 1,
      max: 10_000,
    },
    {
      name: 'unreliableEvery',
      description: 'every k-th message is unreliable (0: none)',
      defaultValue: 4,
      min: 0,
      max: 1000,
    },
    {
      name: 'payloadBytes',
      description: 'payload size (bytes)',
      defaultValue: 64,
      min: 0,
      max: 60_000,
    },
    {
      name: 'maxQueuedMessages',
      description: 'peer queue bound (messages)',
      defaultValue: 64,
      min: 1,
      max: 10_000,
    },
    {
      name: 'dropOldest',
      description: '1: evict the oldest when full; 0: reject (back-pressure)',
      defaultValue: 0,
      min: 0,
      max: 1,
    },
    {
      name: 'maxBackoffMs',
      description: 'maximum reconnect backoff (ms)',
      defaultValue: 5000,
      min: 100,
      max: 30_000,
    },
    {
      name: 'resendReliable',
      description:
        '1: resend reliable messages after a reconnect (correct); 0: forget them (a broken transport, to watch the invariants catch it)',
      defaultValue: 1,
      min: 0,
      max: 1,
    },
  ],
  topology: () => hubAndSpokes('sender', 'receiver', 1),
  transport: configFrom,
  setup({ sim, net, peer: config }, params) {
    const [sender, receiver] = net.hosts() as [Host, Host];
    watchTransportInvariants(sim, () => config);
    watchTransportCoverage(sim);
    const liveness = new Liveness(sim, net, {
      graceUs: livenessGraceUs(config),
      quietAfterUs: chaosQuietPoint(net),
      holdUs: HOLD_US,
    });
    const oracle = new StreamOracle(sim, sender.name, liveness);
    oracle.watchAtLeastOnce(sender, HOLD_US);
    bootReceiver(sim, receiver, params, config, oracle);
    receiver.onBoot(() => bootReceiver(sim, receiver, params, config, oracle));
    bootSender(sim, sender, receiver, params, config, oracle);
    sender.onBoot(() => bootSender(sim, sender, receiver, params, config, oracle));
    return {
      finish: () => {
        oracle.checkAtLeastOnce(sender, HOLD_US);
        liveness.finish(net);
      },
      liveness: () => liveness.verdict(),
      outcomes: () => oracle.outcomes(),
    };
  },
};
