/*
 * Scenario `hash-chain`: a client appends blocks to a server that folds them
 * into a hash chain kept in durable storage (it survives the server being
 * killed, like a disk). Appends are reliable requests, so they may arrive more
 * than once: the server makes them idempotent by index. The client checks each
 * answer against its own reference model; an invariant over the server's
 * trace recomputes the chain from scratch, so a lost, duplicated, reordered or
 * corrupted append is caught wherever it happened.
 */
import { ms, seconds, type Sim, type SimFuture } from '../../sim';
import type { Host } from '../../net';
import { wellKnownToken, WellKnown } from '../../peer';
import { RequestStream, type RpcNode } from '../../rpc';
import type { Endpoint } from '../../transport';
import type { JsonValue } from '../../wire';
import type { Scenario } from '../types';
import { hubAndSpokes, intervalParam, deadlineParam } from '../topology';
import { bootRpcNode, countRpcFailure, RPC_PORT, watchRpcScenario } from '../rpc-kit';
import { blockData, foldHash, GENESIS_HASH, ReferenceChain } from './chain';

const APPEND_TOKEN = wellKnownToken(WellKnown.FirstAvailable + 2);
const INV_MODEL = 'hash-chain: every answer matches the client\u2019s reference model';
const INV_CHAIN =
  'hash-chain: the server\u2019s chain replays: consecutive indexes, correct hashes';

type Append = { index: number; data: string };
type Appended = { index: number; hash: string } | { gap: number };

function asAppend(v: JsonValue): Append | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const { index, data } = v as Record<string, unknown>;
  return typeof index === 'number' && typeof data === 'string' ? { index, data } : null;
}

/** The server's durable log: outlives kills of the server process. */
interface DurableLog {
  readonly hashes: string[];
}

function startServer(node: RpcNode, log: DurableLog): void {
  const stream = new RequestStream<Append, Appended>(
    node.sim,
    node.transport,
    APPEND_TOKEN,
    asAppend,
    'append',
  );
  stream.serve(({ index, data }) => {
    const length = log.hashes.length;
    if (index > length) return { gap: length }; // the client skipped ahead: never expected
    if (index === length) {
      const hash = foldHash(length === 0 ? GENESIS_HASH : (log.hashes[length - 1] as string), data);
      log.hashes.push(hash);
      node.sim.emit(node.host.name, 'block_appended', { index, hash, data });
    }
    return { index, hash: log.hashes[index] as string }; // a resent append gets the same answer again
  });
}

function* appendBlocks(
  node: RpcNode,
  server: Endpoint,
  progress: { next: number },
  model: ReferenceChain,
  params: Readonly<Record<string, number>>,
  counts: Record<string, number>,
): Generator<SimFuture<unknown>, void, unknown> {
  const { sim } = node;
  while (progress.next < (params.blocks as number)) {
    const index = progress.next;
    try {
      const answer = yield* node.rpc.getReply<Appended>(
        server,
        { index, data: blockData(index) },
        { deadlineUs: ms(params.deadlineMs as number) },
      );
      const ok =
        'hash' in answer && answer.index === index && answer.hash === model.hashAfter(index);
      sim.assertions.always(
        ok,
        INV_MODEL,
        node.host.name,
        ok
          ? ''
          : `append ${index} answered ${JSON.stringify(answer)}, model says ${model.hashAfter(index)}`,
      );
      progress.next++;
      counts.appended = (counts.appended ?? 0) + 1;
      yield* sim.sleep(ms(params.intervalMs as number));
    } catch (error) {
      countRpcFailure(counts, error);
      yield* sim.sleep(ms(100)); // and retry the same index: appends are idempotent
    }
  }
}

/** Replays the server's trace: block i must come right after block i−1 and hash correctly. */
function watchChain(sim: Sim, server: string): void {
  sim.assertions.register(INV_CHAIN, 'always');
  const replay = new ReferenceChain();
  let expected = 0;
  sim.trace.subscribe(
    ({ node, fields: e }) => {
      if (node !== server) return;
      const ok =
        e.index === expected &&
        e.data === blockData(expected) &&
        e.hash === replay.hashAfter(expected);
      sim.assertions.always(
        ok,
        INV_CHAIN,
        server,
        ok
          ? ''
          : `appended block ${e.index} (hash ${e.hash}) where block ${expected} (hash ${replay.hashAfter(expected)}) was due`,
      );
      expected = e.index + 1;
    },
    ['block_appended'],
  );
}

export const hashChainScenario: Scenario = {
  id: 'hash-chain',
  title: 'Hash chain: exactly-once effects from at-least-once delivery',
  description:
    'A client appends blocks to a server that folds each into a hash chain. Reliable requests can arrive twice after a reconnect, so the server makes appends idempotent by index. The client checks every answer against its own copy of the chain, and a checker replays the server\u2019s log: a lost, duplicated, reordered or corrupted append would break the chain.',
  defaultChaos: 'calm',
  defaultUntilUs: seconds(60),
  chaosQuietAfterUs: seconds(10),
  params: [
    {
      name: 'blocks',
      description: 'blocks to append',
      defaultValue: 2500,
      min: 1,
      max: 100_000,
      size: true,
    },
    intervalParam('appends', 20),
    deadlineParam('append', 1000),
  ],
  topology: () => hubAndSpokes('log server', 'client', 1),
  setup(world, params) {
    const { sim, net } = world;
    const [server, client] = net.hosts() as [Host, Host];
    const checks = watchRpcScenario(world, {
      holdUs: ms(params.deadlineMs as number) + seconds(1),
      deadlineUs: ms(params.deadlineMs as number),
    });
    sim.assertions.register(INV_MODEL, 'always');
    watchChain(sim, server.name);
    const log: DurableLog = { hashes: [] };
    const progress = { next: 0 }; // the client's durable progress
    const model = new ReferenceChain();
    const counts: Record<string, number> = {};
    const endpoint: Endpoint = { address: { ip: server.ip, port: RPC_PORT }, token: APPEND_TOKEN };
    bootRpcNode(world, server, (node) => startServer(node, log));
    bootRpcNode(
      world,
      client,
      (node) =>
        void sim.spawn(
          'hash-chain-client',
          client.name,
          appendBlocks(node, endpoint, progress, model, params, counts),
        ),
    );
    return {
      finish: checks.finish,
      liveness: checks.liveness,
      outcomes: () => ({ ...counts, chainLength: log.hashes.length }),
    };
  },
};
