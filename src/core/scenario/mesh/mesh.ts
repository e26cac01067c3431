/*
 * Scenario `mesh`: N nodes (default 5) all calling each other — many peers,
 * many endpoints multiplexed on each connection. Every node serves an `add`
 * endpoint under a random token it publishes in a directory (a stand-in for
 * service discovery that outlives the nodes); after a restart the node serves
 * under a new token, so callers holding the old one get EndpointNotFound and
 * look it up again. Half the calls are reliable (getReply), half at most once
 * (tryGetReply, which may fail with MaybeDelivered). Invariant: every reply is
 * the right sum.
 */
import { ms, seconds, type Rng, type SimFuture } from '../../sim';
import type { Host } from '../../net';
import { RequestStream, isRpcError, type RpcNode } from '../../rpc';
import type { Endpoint } from '../../transport';
import type { JsonValue } from '../../wire';
import type { Scenario } from '../types';
import { equalPeers, intervalParam, deadlineParam } from '../topology';
import { bootRpcNode, countRpcFailure, watchRpcScenario } from '../rpc-kit';

const INV_SUM = 'mesh: every reply carries the right sum';
const BUGGIFY_DROP = 'mesh: server drops a request unanswered';
const BUGGIFY_SLOW = 'mesh: server is slow to answer';

type AddRequest = { a: number; b: number };
type AddReply = { sum: number };

function asAdd(v: JsonValue): AddRequest | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const { a, b } = v as Record<string, unknown>;
  return typeof a === 'number' && typeof b === 'number' ? { a, b } : null;
}

function serveAdd(node: RpcNode, directory: Map<string, Endpoint>): void {
  const { sim } = node;
  const stream = new RequestStream<AddRequest, AddReply>(sim, node.transport, null, asAdd, 'add');
  directory.set(node.host.name, stream.endpoint);
  stream.serve((req) => {
    if (sim.buggify.fire(BUGGIFY_DROP)) return undefined;
    if (!sim.buggify.fire(BUGGIFY_SLOW)) return { sum: req.a + req.b };
    return (function* () {
      yield* sim.sleep(ms(400));
      return { sum: req.a + req.b };
    })();
  });
}

function* callPeers(
  node: RpcNode,
  others: readonly string[],
  directory: Map<string, Endpoint>,
  params: Readonly<Record<string, number>>,
  counts: Record<string, number>,
): Generator<SimFuture<unknown>, void, unknown> {
  const { sim } = node;
  const rng: Rng = sim.rng(`workload:${node.host.name}`);
  const rightSum = sim.assertions.alwaysFor(INV_SUM);
  const options = { deadlineUs: ms(params.deadlineMs as number) };
  const known = new Map<string, Endpoint>(); // our cached view of the directory
  for (let i = 0; ; i++) {
    yield* sim.sleep(ms(params.intervalMs as number) + rng.below(1000));
    const target = others[(i + rng.below(others.length)) % others.length] as string;
    const endpoint = known.get(target) ?? directory.get(target);
    if (!endpoint) continue;
    known.set(target, endpoint);
    const req = { a: rng.below(1000), b: rng.below(1000) };
    const reliable = rng.below(2) === 0;
    try {
      const reply = reliable
        ? yield* node.rpc.getReply<AddReply>(endpoint, req, options)
        : yield* node.rpc.tryGetReply<AddReply>(endpoint, req, options);
      const right = reply.sum === req.a + req.b;
      rightSum(right, node.host.name, right ? '' : `${req.a}+${req.b} answered ${reply.sum}`);
      counts.answered = (counts.answered ?? 0) + 1;
    } catch (error) {
      countRpcFailure(counts, error);
      if (isRpcError(error, 'EndpointNotFound')) known.delete(target); // look it up again
    }
  }
}

export const meshScenario: Scenario = {
  id: 'mesh',
  title: 'Mesh: everyone calls everyone',
  description:
    'Every node serves a small endpoint and keeps calling the others, so each node has a peer per neighbour and many requests share each connection. Half the calls are reliable and half at most once. When a node restarts its endpoint moves, and callers still holding the old one learn it with EndpointNotFound.',
  defaultChaos: 'calm',
  defaultUntilUs: seconds(60),
  chaosQuietAfterUs: seconds(10),
  params: [
    { name: 'nodes', description: 'number of nodes', defaultValue: 5, min: 2, max: 32, size: true },
    intervalParam('calls per node', 50),
    deadlineParam('call', 1000),
  ],
  topology: (params) => equalPeers(params.nodes as number, 'peer'),
  setup(world, params) {
    const { sim, net } = world;
    // (EndpointNotFound for a restarted node's old endpoint, and MaybeDelivered when two nodes
    // dial each other at once and one connection replaces the other, are normal: liveness.ts.)
    const deadlineUs = ms(params.deadlineMs as number);
    const checks = watchRpcScenario(world, { holdUs: deadlineUs + seconds(1), deadlineUs });
    sim.assertions.register(INV_SUM, 'always');
    const directory = new Map<string, Endpoint>();
    const counts: Record<string, number> = {};
    const hosts = net.hosts();
    for (const host of hosts) {
      const others = hosts.filter((h: Host) => h !== host).map((h) => h.name);
      bootRpcNode(world, host, (node) => {
        serveAdd(node, directory);
        sim.spawn(
          `mesh-client-${host.name}`,
          host.name,
          callPeers(node, others, directory, params, counts),
        );
      });
    }
    return { finish: checks.finish, liveness: checks.liveness, outcomes: () => ({ ...counts }) };
  },
};
