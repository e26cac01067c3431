/*
 * Scenario `ping-pong`, the seed's example: a client sends pings to a
 * server's well-known endpoint with `getReply` (the seed's send_request) and
 * checks that each pong carries the id it sent. With a deadline on every call,
 * a run under any chaos finishes: failures are typed errors (Timeout,
 * BrokenPromise, ...), never hangs.
 */
import { ms, seconds, type SimFuture } from '../../sim';
import type { Host } from '../../net';
import { wellKnownToken, WellKnown } from '../../peer';
import { RequestStream, type RpcNode } from '../../rpc';
import type { JsonValue } from '../../wire';
import type { Endpoint } from '../../transport';
import type { Scenario } from '../types';
import { hubAndSpokes, intervalParam, deadlineParam } from '../topology';
import { bootRpcNode, countRpcFailure, RPC_PORT, watchRpcScenario } from '../rpc-kit';

export const PING_SERVICE_TOKEN = wellKnownToken(WellKnown.FirstAvailable);
const INV_PONG_ID = 'ping-pong: every pong carries the id of its ping';
const BUGGIFY_DROP = 'ping-pong: server drops a ping unanswered';

type Ping = { id: number };
type Pong = { id: number };

const asPing = (v: JsonValue): Ping | null =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as Record<string, unknown>).id === 'number'
    ? { id: (v as { id: number }).id }
    : null;

function startServer(node: RpcNode): void {
  const stream = new RequestStream<Ping, Pong>(
    node.sim,
    node.transport,
    PING_SERVICE_TOKEN,
    asPing,
    // Not "ping": the transport's ping monitor sends frames by that name, and the two were confused.
    'echo-id',
  );
  // A server that sometimes drops requests shows what BrokenPromise means to a caller.
  stream.serve((ping) => (node.sim.buggify.fire(BUGGIFY_DROP) ? undefined : { id: ping.id }));
}

function* pingClient(
  node: RpcNode,
  server: Endpoint,
  params: Readonly<Record<string, number>>,
  counts: Record<string, number>,
): Generator<SimFuture<unknown>, void, unknown> {
  const { sim } = node;
  for (let id = 0; id < (params.pings as number); id++) {
    try {
      const pong = yield* node.rpc.getReply<Pong>(
        server,
        { id },
        { deadlineUs: ms(params.deadlineMs as number) },
      );
      const matches = pong.id === id;
      sim.assertions.always(
        matches,
        INV_PONG_ID,
        node.host.name,
        matches ? '' : `ping ${id} answered with pong ${pong.id}`,
      );
      counts.answered = (counts.answered ?? 0) + 1;
    } catch (error) {
      countRpcFailure(counts, error);
    }
    yield* sim.sleep(ms(params.intervalMs as number));
  }
}

export const pingPongScenario: Scenario = {
  id: 'ping-pong',
  title: 'Ping-pong over RPC',
  description:
    'The classic: a client calls a server\u2019s well-known endpoint (echo-id) with a numbered request every 100 ms and waits for the reply, with a deadline. On a calm network every request is answered with its own id. (Not to be confused with the transport\u2019s own ping frames, which its ping monitor sends to check a quiet connection.) Under chaos you see requests resent after reconnects, replies lost with their connection, and every failure arriving as a typed error \u2014 never a hang.',
  defaultChaos: 'calm',
  defaultUntilUs: seconds(60),
  chaosQuietAfterUs: seconds(10),
  params: [
    {
      name: 'pings',
      description: 'pings the client sends',
      defaultValue: 600,
      min: 1,
      max: 100_000,
      size: true,
    },
    intervalParam('pings', 100),
    deadlineParam('ping', 700),
  ],
  topology: () => hubAndSpokes('server', 'client', 1),
  setup(world, params) {
    const { sim, net } = world;
    const [server, client] = net.hosts() as [Host, Host];
    const checks = watchRpcScenario(world, {
      holdUs: ms(params.deadlineMs as number) + seconds(1),
      deadlineUs: ms(params.deadlineMs as number),
    });
    sim.assertions.register(INV_PONG_ID, 'always');
    const counts: Record<string, number> = {};
    const serverEndpoint: Endpoint = {
      address: { ip: server.ip, port: RPC_PORT },
      token: PING_SERVICE_TOKEN,
    };
    bootRpcNode(world, server, startServer);
    bootRpcNode(
      world,
      client,
      (node) =>
        void sim.spawn(
          'ping-client',
          client.name,
          pingClient(node, serverEndpoint, params, counts),
        ),
    );
    return { finish: checks.finish, liveness: checks.liveness, outcomes: () => ({ ...counts }) };
  },
};
