/*
 * Scenario `herd`: many clients lose their one server at the same moment.
 * The server is killed at `killAtMs` and restarted `downMs` later — the
 * scenario does it, so every run of it is a herd. Each client keeps one
 * reliable request outstanding with a long deadline, so while the server is
 * gone the request waits in the client's peer queue and the transport alone
 * decides when to dial again: its backoff, with or without jitter, shapes the
 * waves of connect attempts the server meets (compare `t.jitter=0`).
 * Invariant: every answer is for the request that was asked.
 */
import { ms, seconds, type SimFuture } from '../../sim';
import type { Host } from '../../net';
import { wellKnownToken, WellKnown } from '../../peer';
import { RequestStream, type RpcNode } from '../../rpc';
import type { Endpoint } from '../../transport';
import type { Scenario, World } from '../types';
import { deadlineParam, hubAndSpokes } from '../topology';
import {
  askWithId,
  asIdMessage,
  bootRpcNode,
  countRpcFailure,
  RPC_PORT,
  watchRpcScenario,
} from '../rpc-kit';

const HERD_TOKEN = wellKnownToken(WellKnown.FirstAvailable + 2);
const INV_MATCH = 'herd: every answer is for the request that was asked';
/** After a failure a client waits this long before asking again: never a loop at one instant. */
const RETRY_AFTER_FAILURE_US = ms(10);
const START_SPREAD_MS = 1000;

type Ask = { id: string };
type Params = Readonly<Record<string, number>>;

function startServer(node: RpcNode): void {
  new RequestStream<Ask, Ask>(node.sim, node.transport, HERD_TOKEN, asIdMessage, 'ask').serve(
    (ask) => ({
      id: ask.id,
    }),
  );
}

function* client(
  node: RpcNode,
  server: Endpoint,
  params: Params,
  counts: Record<string, number>,
): Generator<SimFuture<unknown>, void, unknown> {
  const { sim } = node;
  for (let n = 0; ; n++) {
    const id = `${node.host.name}.${n}`;
    try {
      yield* askWithId<Ask>(node, server, id, ms(params.deadlineMs as number), INV_MATCH);
      counts.answered = (counts.answered ?? 0) + 1;
      yield* sim.sleep(ms(params.thinkMs as number));
    } catch (error) {
      countRpcFailure(counts, error);
      yield* sim.sleep(RETRY_AFTER_FAILURE_US);
    }
  }
}

function* startLater(
  node: RpcNode,
  startUs: number,
  server: Endpoint,
  params: Params,
  counts: Record<string, number>,
): Generator<SimFuture<unknown>, void, unknown> {
  if (node.sim.now() < startUs) yield* node.sim.sleep(startUs - node.sim.now());
  yield* client(node, server, params, counts);
}

/** The scenario's own fault: the server dies at `killAtMs` and comes back `downMs` later. */
function scheduleOutage(world: World, server: Host, params: Params): void {
  const { sim, net } = world;
  const killAtUs = ms(params.killAtMs as number);
  sim.schedule(killAtUs, 'herd: kill the server', () => net.kill(server.name));
  sim.schedule(killAtUs + ms(params.downMs as number), 'herd: restart the server', () =>
    net.restart(server.name),
  );
}

export const herdScenario: Scenario = {
  id: 'herd',
  title: 'Herd: many clients lose one server at once',
  description:
    'Many clients each keep one request open to one server. At a set moment the server dies and later comes back. Every client notices within a millisecond, so every client starts backing off together: without jitter they dial in lockstep waves that hit the server all at once; with jitter the waves spread. Compare jitter=0 with the default side by side.',
  defaultChaos: 'calm',
  defaultUntilUs: seconds(30),
  chaosQuietAfterUs: seconds(10),
  params: [
    {
      name: 'clients',
      description: 'number of clients',
      defaultValue: 20,
      min: 1,
      max: 32,
      size: true,
    },
    {
      name: 'killAtMs',
      description: 'when the server dies (ms; within the 30 s run)',
      defaultValue: 2000,
      min: 1,
      max: 20_000,
    },
    {
      name: 'downMs',
      description: 'how long it stays down (ms; it is back before the run ends)',
      defaultValue: 3000,
      min: 1,
      max: 9_000,
    },
    {
      name: 'thinkMs',
      description: "a client's pause between answered requests (ms)",
      defaultValue: 200,
      min: 1,
      max: 60_000,
    },
    deadlineParam('request', 20_000),
  ],
  topology: (params) => hubAndSpokes('server', 'client', params.clients as number),
  // Clients of a service, not peers in a cluster: gRPC's connection backoff (1 s, ×1.6, ±20%),
  // capped at 5 s instead of 120 s so a run settles within its 30 s (docs/profiles.md).
  transport: () => ({
    initialBackoffUs: seconds(1),
    backoffMultiplier: 1.6,
    maxBackoffUs: seconds(5),
  }),
  setup(world, params) {
    const { sim, net } = world;
    const deadlineUs = ms(params.deadlineMs as number);
    const checks = watchRpcScenario(world, { holdUs: deadlineUs + seconds(1), deadlineUs });
    sim.assertions.register(INV_MATCH, 'always');
    const counts: Record<string, number> = {};
    const [server, ...clients] = net.hosts() as Host[];
    if (!server) throw new Error('herd: topology has no server');
    const endpoint: Endpoint = { address: { ip: server.ip, port: RPC_PORT }, token: HERD_TOKEN };
    bootRpcNode(world, server, startServer);
    // Clients start spread evenly over the first second: the only herd is the one the outage makes.
    clients.forEach((host, i) => {
      const startUs = Math.floor((i * ms(START_SPREAD_MS)) / clients.length);
      bootRpcNode(world, host, (node) => {
        sim.spawn('herd-client', host.name, startLater(node, startUs, endpoint, params, counts));
      });
    });
    scheduleOutage(world, server, params);
    return { finish: checks.finish, liveness: checks.liveness, outcomes: () => ({ ...counts }) };
  },
};
