/*
 * Full-stack benchmarks: RPC round trips per wall second on `mesh` under calm
 * (every node calling the others back to back), simulated seconds per wall
 * second on the same run, and seeds per second of a ping-pong sweep over two
 * worker threads (the CLI's own sweep runner). Headless: no viewer bookkeeping.
 */
import { createEngine } from '../src/core/engine';
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
function runMeshSeed(seed: bigint, oracle = true): { rpcs: number; simUs: number; events: number; wallMs: number } {
  const engine = createEngine(meshSession(seed), { oracle });
  const start = performance.now();
  engine.runUntil({ timeUs: 10_000_000 });
  const wallMs = performance.now() - start;
  const summary = engine.summary();
  return { rpcs: summary.traceCounts.rpc_replied ?? 0, simUs: summary.simTimeUs, events: summary.events, wallMs };
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
  return { rpcPerSec: rpcs / wallS, simSecondsPerWallSecond: simUs / 1e6 / wallS, eventsPerSec: events / wallS };
}

/**
 * What the oracle (per-call ledger, liveness, backoff rules) costs: the bench's
 * mesh with and without it, seed by seed in alternation (so drift hits both
 * alike), warm. Both runs are the same simulation (the oracle only listens).
 */
export function benchOracleCost(budgetMs = 4000, warmUpMs = 750): { withOracleRpcPerSec: number; withoutOracleRpcPerSec: number; cost: number } {
  let seed = 1n;
  for (let warmMs = 0; warmMs < warmUpMs; seed++) warmMs += runMeshSeed(seed, true).wallMs + runMeshSeed(seed, false).wallMs;
  const on = { rpcs: 0, wallMs: 0 };
  const off = { rpcs: 0, wallMs: 0 };
  for (; on.wallMs + off.wallMs < budgetMs; seed++) {
    const first = seed % 2n === 0n; // alternate which goes first
    for (const oracle of first ? [true, false] : [false, true]) {
      const run = runMeshSeed(seed, oracle);
      const into = oracle ? on : off;
      into.rpcs += run.rpcs;
      into.wallMs += run.wallMs;
    }
  }
  const withOracleRpcPerSec = on.rpcs / (on.wallMs / 1000);
  const withoutOracleRpcPerSec = off.rpcs / (off.wallMs / 1000);
  return { withOracleRpcPerSec, withoutOracleRpcPerSec, cost: 1 - withOracleRpcPerSec / withoutOracleRpcPerSec };
}

/** A ping-pong sweep over 2 worker threads, as `tidepool sweep ping-pong --seeds N --jobs 2` runs it. */
export async function benchPingPongSweep(seeds = 400): Promise<{ seedsPerSec: number; seeds: number }> {
  const base = session({ scenario: 'ping-pong', seed: 1n, params: { pings: 100 } }); // the sweep's historical size
  const start = performance.now();
  const result = await runSweep({ base, untilUs: 20_000_000, from: 1n, count: seeds, jobs: 2 });
  const seconds = (performance.now() - start) / 1000;
  if (result.failed.length > 0) throw new Error(`bench sweep found failing seeds: ${result.failed.map((f) => f.seed).join(', ')}`);
  return { seedsPerSec: seeds / seconds, seeds };
}
