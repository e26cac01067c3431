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

/** mesh, 5 nodes, calm, no pause between calls: as many RPCs as the stack can carry. */
export function benchMesh(budgetMs = 3000): StackBench {
  let rpcs = 0;
  let simUs = 0;
  let events = 0;
  let wallMs = 0;
  for (let seed = 1n; wallMs < budgetMs; seed++) {
    const engine = createEngine(session({ scenario: 'mesh', seed, chaos: 'calm', params: { intervalMs: 0 } }));
    const start = performance.now();
    engine.runUntil({ timeUs: 10_000_000 });
    wallMs += performance.now() - start;
    const summary = engine.summary();
    rpcs += summary.traceCounts.rpc_replied ?? 0;
    simUs += summary.simTimeUs;
    events += summary.events;
  }
  const wallS = wallMs / 1000;
  return { rpcPerSec: rpcs / wallS, simSecondsPerWallSecond: simUs / 1e6 / wallS, eventsPerSec: events / wallS };
}

/** A ping-pong sweep over 2 worker threads, as `tidepool sweep ping-pong --seeds N --jobs 2` runs it. */
export async function benchPingPongSweep(seeds = 400): Promise<{ seedsPerSec: number; seeds: number }> {
  const base = session({ scenario: 'ping-pong', seed: 1n });
  const start = performance.now();
  const result = await runSweep({ base, untilUs: 20_000_000, from: 1n, count: seeds, jobs: 2 });
  const seconds = (performance.now() - start) / 1000;
  if (result.failed.length > 0) throw new Error(`bench sweep found failing seeds: ${result.failed.map((f) => f.seed).join(', ')}`);
  return { seedsPerSec: seeds / seconds, seeds };
}
