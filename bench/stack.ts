/*
 * Full-stack benchmarks: RPC round trips per wall second on `mesh` under calm
 * (every node calling the others back to back), simulated seconds per wall
 * second on the same run, and seeds per second of a ping-pong sweep over two
 * worker threads (the CLI's own sweep runner). Headless: no viewer bookkeeping.
 */
import { createEngine, type EngineOptions } from '../src/core/engine';
import { makeSession, type Session } from '../src/core/session';
import { runSweep } from '../src/cli/sweep-runner';

function session(input: Parameters<typeof makeSession>[0]): Session {
  const made = makeSession(input);
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

export interface StackBench {
  rpcPerSec: number;
  simSecondsPerWallSecond: number;
  eventsPerSec: number;
}

/** The bench's mesh: 5 nodes, calm, every node calling the others with no pause. */
export function meshSession(seed: bigint): Session {
  return session({ scenario: 'mesh', seed, chaos: 'calm', params: { intervalMs: 0 } });
}

/** Runs `seed` of the bench's mesh for 10 simulated seconds; returns what it did and the wall time it took. */
function runMeshSeed(
  seed: bigint,
  options: EngineOptions = {},
): { rpcs: number; simUs: number; events: number; wallMs: number } {
  const engine = createEngine(meshSession(seed), options);
  const start = performance.now();
  engine.runUntil({ timeUs: 10_000_000 });
  const wallMs = performance.now() - start;
  const summary = engine.summary();
  return {
    rpcs: summary.traceCounts.rpc_replied ?? 0,
    simUs: summary.simTimeUs,
    events: summary.events,
    wallMs,
  };
}

/**
 * mesh, 5 nodes, calm, no pause between calls: as many RPCs as the stack can
 * carry. Like the heap baselines it is measured warm: the first seeds run while
 * the JIT is still compiling the stack (the very first at about half speed),
 * so seeds run for `warmUpMs` before the measured ones.
 */
export function benchMesh(budgetMs = 3000, warmUpMs = 750): StackBench {
  let seed = 1n;
  for (let warmMs = 0; warmMs < warmUpMs; seed++) warmMs += runMeshSeed(seed).wallMs;
  let rpcs = 0;
  let simUs = 0;
  let events = 0;
  let wallMs = 0;
  for (; wallMs < budgetMs; seed++) {
    const run = runMeshSeed(seed);
    rpcs += run.rpcs;
    simUs += run.simUs;
    events += run.events;
    wallMs += run.wallMs;
  }
  const wallS = wallMs / 1000;
  return {
    rpcPerSec: rpcs / wallS,
    simSecondsPerWallSecond: simUs / 1e6 / wallS,
    eventsPerSec: events / wallS,
  };
}

/**
 * What a feature costs: the bench's mesh with it (`on`) and without it (`off`),
 * seed by seed in alternation (so drift hits both alike), warm. Both runs are
 * the same simulation (the oracle only listens; cause links only annotate).
 */
export function benchToggleCost(
  on: EngineOptions,
  off: EngineOptions,
  budgetMs = 4000,
  warmUpMs = 750,
): { onRpcPerSec: number; offRpcPerSec: number; cost: number } {
  let seed = 1n;
  for (let warmMs = 0; warmMs < warmUpMs; seed++)
    warmMs += runMeshSeed(seed, on).wallMs + runMeshSeed(seed, off).wallMs;
  const totals = { on: { rpcs: 0, wallMs: 0 }, off: { rpcs: 0, wallMs: 0 } };
  for (; totals.on.wallMs + totals.off.wallMs < budgetMs; seed++) {
    const order = seed % 2n === 0n ? (['on', 'off'] as const) : (['off', 'on'] as const); // alternate which goes first
    for (const which of order) {
      const run = runMeshSeed(seed, which === 'on' ? on : off);
      totals[which].rpcs += run.rpcs;
      totals[which].wallMs += run.wallMs;
    }
  }
  const onRpcPerSec = totals.on.rpcs / (totals.on.wallMs / 1000);
  const offRpcPerSec = totals.off.rpcs / (totals.off.wallMs / 1000);
  return { onRpcPerSec, offRpcPerSec, cost: 1 - onRpcPerSec / offRpcPerSec };
}

/** A ping-pong sweep over 2 worker threads, as `tidepool sweep ping-pong --seeds N --jobs 2` runs it. */
export async function benchPingPongSweep(
  seeds = 400,
): Promise<{ seedsPerSec: number; seeds: number }> {
  const base = session({ scenario: 'ping-pong', seed: 1n, params: { pings: 100 } }); // the sweep's historical size
  const start = performance.now();
  const result = await runSweep({ base, untilUs: 20_000_000, from: 1n, count: seeds, jobs: 2 });
  const seconds = (performance.now() - start) / 1000;
  if (result.failed.length > 0)
    throw new Error(
      `bench sweep found failing seeds: ${result.failed.map((f) => f.seed).join(', ')}`,
    );
  return { seedsPerSec: seeds / seconds, seeds };
}
