/*
 * Scenario `fan-in`: many clients, one slow server. The server works through
 * requests one at a time and keeps a bounded backlog; past it, it sheds load
 * by answering "busy" at once, and clients back off exponentially before
 * trying again. Client peers have small queues, so while a client is cut off
 * its calls fail fast with QueueFull instead of piling up. Back-pressure shows
 * at every level. Invariant: every answer is for the request that was asked.
 */
import { ms, seconds, type SimFuture } from '../../sim';
import type { Host } from '../../net';
import { wellKnownToken, WellKnown } from '../../peer';
import { RequestStream, type ReplyPromise, type RpcNode } from '../../rpc';
import type { Endpoint } from '../../transport';
import type { Scenario } from '../types';
import { hubAndSpokes, deadlineParam } from '../topology';
import {
  askWithId,
  asIdMessage,
  bootRpcNode,
  countRpcFailure,
  RPC_PORT,
  watchRpcScenario,
} from '../rpc-kit';

const WORK_TOKEN = wellKnownToken(WellKnown.FirstAvailable + 1);
const INV_MATCH = 'fan-in: every answer is for the request that was asked';
const COVER_SHED = 'fan-in: the server shed load';
const MAX_CLIENT_BACKOFF_US = seconds(2);

type Work = { id: string };
type Answer = { id: string; busy: boolean };
type Params = Readonly<Record<string, number>>;

const asWork = asIdMessage;

function startServer(node: RpcNode, params: Params, counts: Record<string, number>): void {
  const { sim } = node;
  const stream = new RequestStream<Work, Answer>(sim, node.transport, WORK_TOKEN, asWork, 'work');
  // Each item keeps the event that took its request in, so the worker's answer descends from it.
  const backlog: { work: Work; reply: ReplyPromise<Answer>; cause: number }[] = [];
  let wake = sim.future<void>();
  sim.spawn(
    'fan-in-intake',
    node.host.name,
    (function* () {
      for (;;) {
        const { request, reply } = yield* stream.next();
        if (backlog.length >= (params.backlog as number)) {
          counts.shed = (counts.shed ?? 0) + 1;
          sim.assertions.sometimes(true, COVER_SHED);
          sim.emit(node.host.name, 'request_shed', { rpc: reply.rpc, backlog: backlog.length });
          reply.send({ id: request.id, busy: true });
          continue;
        }
        backlog.push({ work: request, reply, cause: sim.currentCause });
        wake.resolve();
      }
    })(),
  );
  sim.spawn(
    'fan-in-worker',
    node.host.name,
    (function* () {
      for (;;) {
        const next = backlog.shift();
        if (!next) {
          yield* wake;
          wake = sim.future<void>();
          continue;
        }
        sim.setCause(next.cause);
        yield* sim.sleep(ms(params.serviceMs as number)); // the slow part
        next.reply.send({ id: next.work.id, busy: false });
      }
    })(),
  );
}

function* client(
  node: RpcNode,
  lane: number,
  server: Endpoint,
  params: Params,
  counts: Record<string, number>,
): Generator<SimFuture<unknown>, void, unknown> {
  const { sim } = node;
  let busyStreak = 0;
  for (let n = 0; ; n++) {
    const id = `${node.host.name}.${lane}.${n}`;
    try {
      const answer = yield* askWithId<Answer>(
        node,
        server,
        id,
        ms(params.deadlineMs as number),
        INV_MATCH,
      );
      if (!answer.busy) {
        counts.done = (counts.done ?? 0) + 1;
        busyStreak = 0;
        continue;
      }
      counts.busy = (counts.busy ?? 0) + 1;
      busyStreak++;
    } catch (error) {
      countRpcFailure(counts, error);
      busyStreak++;
    }
    // Back off exponentially while the server is busy or unreachable: that is what back-pressure asks.
    yield* sim.sleep(Math.min(ms(50) * 2 ** Math.min(busyStreak, 10), MAX_CLIENT_BACKOFF_US));
  }
}

export const fanInScenario: Scenario = {
  id: 'fan-in',
  title: 'Fan-in: many clients, one slow server',
  description:
    'Many clients keep one slow server busy. The server handles one request at a time and keeps a short backlog; beyond it, it answers \u201cbusy\u201d at once and the clients back off. While a client is cut off its small peer queue fills and new calls fail fast with QueueFull \u2014 back-pressure instead of an ever-growing pile.',
  defaultChaos: 'calm',
  defaultUntilUs: seconds(60),
  chaosQuietAfterUs: seconds(10),
  params: [
    {
      name: 'clients',
      description: 'number of clients',
      defaultValue: 8,
      min: 1,
      max: 30,
      size: true,
    },
    {
      name: 'concurrency',
      description: 'outstanding calls per client',
      defaultValue: 4,
      min: 1,
      max: 16,
    },
    {
      name: 'serviceMs',
      description: 'server time per request (ms)',
      defaultValue: 20,
      min: 1,
      max: 10_000,
    },
    {
      name: 'backlog',
      description: 'requests the server queues before shedding',
      defaultValue: 8,
      min: 1,
      max: 10_000,
    },
    deadlineParam('call', 2000),
    {
      name: 'maxQueuedMessages',
      description: 'client peer queue bound (messages)',
      defaultValue: 3,
      min: 1,
      max: 10_000,
    },
  ],
  topology: (params) => hubAndSpokes('server', 'client', params.clients as number),
  transport: (params) => ({ maxQueuedMessages: params.maxQueuedMessages as number }),
  setup(world, params) {
    const { sim, net } = world;
    // Clients keep more calls in flight than their peer queue holds: QueueFull is back-pressure, not a failure.
    const checks = watchRpcScenario(world, {
      holdUs: ms(params.deadlineMs as number) + seconds(1),
      deadlineUs: ms(params.deadlineMs as number),
      serverWorkUs: ((params.backlog as number) + 1) * ms(params.serviceMs as number), // a full backlog ahead, then its own
      allowedFailures: ['QueueFull'],
    });
    sim.assertions.register(INV_MATCH, 'always');
    sim.assertions.register(COVER_SHED, 'sometimes');
    const counts: Record<string, number> = {};
    const [server, ...clients] = net.hosts() as Host[];
    if (!server) throw new Error('fan-in: topology has no server');
    const endpoint: Endpoint = { address: { ip: server.ip, port: RPC_PORT }, token: WORK_TOKEN };
    bootRpcNode(world, server, (node) => startServer(node, params, counts));
    for (const host of clients) {
      bootRpcNode(world, host, (node) => {
        for (let lane = 0; lane < (params.concurrency as number); lane++)
          sim.spawn(
            `fan-in-client-${lane}`,
            host.name,
            client(node, lane, endpoint, params, counts),
          );
      });
    }
    return { finish: checks.finish, liveness: checks.liveness, outcomes: () => ({ ...counts }) };
  },
};
