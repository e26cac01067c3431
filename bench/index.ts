/*
 * `npm run bench`: prints one JSON object with the engine's figures, each next
 * to a baseline measured in the same run (ratios are comparable across
 * machines; absolute numbers are not). Progress goes to stderr.
 */
import { benchBareHeap, benchEngine } from './engine';
import { benchCodec } from './codec';
import { benchMesh, benchPingPongSweep, benchToggleCost } from './stack';
import { benchTimeline } from './timeline';
import { benchTraceFold } from './trace';
import { benchCompare } from './compare';

function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function main(): Promise<void> {
  const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
  log('bare heap loop…');
  const bareHeap = benchBareHeap();
  log('engine…');
  const engine = benchEngine();
  log('frame codec…');
  const codec = benchCodec();
  log('full stack: mesh RPCs…');
  const mesh = benchMesh();
  log('the oracle’s cost: mesh with and without it…');
  const oracle = benchToggleCost({ oracle: true }, { oracle: false });
  log('cause links’ cost: mesh with and without them…');
  const causes = benchToggleCost({ causes: true }, { causes: false }, 8000); // a small cost in a noisy figure: a longer budget
  log('trace fold of recorded mesh events…');
  const trace = benchTraceFold();
  log('timeline draw list over 100k events…');
  const timeline = benchTimeline();
  log('comparing two herd runs against running them plainly…');
  const compare = benchCompare();
  log('full stack: ping-pong sweep over 2 workers…');
  const sweep = await benchPingPongSweep();
  const result = {
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    bareHeap: { eventsPerSec: round(bareHeap.eventsPerSec) },
    engine: {
      eventsPerSec: round(engine.eventsPerSec),
      ratioToBareHeap: round(engine.eventsPerSec / bareHeap.eventsPerSec, 3),
    },
    codec: {
      frameMBps1KiB: round(codec.frameMBps1KiB, 1),
      frameMBps64KiB: round(codec.frameMBps64KiB, 1),
      crc32cMBps: round(codec.crc32cMBps, 1),
      ratio64KiBToCrc32c: round(codec.frameMBps64KiB / codec.crc32cMBps, 3),
      /** Encoding and decoding each CRC the payload once, so 0.5 is the ceiling of that ratio. */
      ratio64KiBToHalfCrc32c: round(codec.frameMBps64KiB / (codec.crc32cMBps / 2), 3),
    },
    stack: {
      rpcPerSec: round(mesh.rpcPerSec),
      simSecondsPerWallSecond: round(mesh.simSecondsPerWallSecond, 1),
      eventsPerSec: round(mesh.eventsPerSec),
      pingPongSeedsPerSec: round(sweep.seedsPerSec, 1),
      pingPongSweepSeeds: sweep.seeds,
      /** Bare-heap events per second per RPC/s: the target is about 70 or less. */
      bareHeapEventsPerRpc: round(bareHeap.eventsPerSec / mesh.rpcPerSec, 1),
    },
    /** The oracle (per-call ledger, liveness, backoff rules) on the same mesh, with and without it, alternating seeds. */
    oracle: {
      withOracleRpcPerSec: round(oracle.onRpcPerSec),
      withoutOracleRpcPerSec: round(oracle.offRpcPerSec),
      /** Share of stack.rpcPerSec the oracle costs: the bound is 0.15. */
      cost: round(oracle.cost, 3),
    },
    /** Cause links (every event naming the event that caused it) on the same mesh, with and without them, alternating seeds. */
    causes: {
      withCausesRpcPerSec: round(causes.onRpcPerSec),
      withoutCausesRpcPerSec: round(causes.offRpcPerSec),
      /** Share of stack.rpcPerSec cause links cost: the bound is 0.10. */
      cost: round(causes.cost, 3),
    },
    /** The timeline's index and draw list on a 100k-event mesh storm run: ms per build by window, and the worst as a share of a 60 Hz frame. */
    timeline: {
      events: timeline.events,
      ingestMs: round(timeline.ingestMs, 1),
      buildMs: timeline.buildMs,
      worstShareOfFrame: round(timeline.worstShareOfFrame, 3),
    },
    /** The trace hash alone, refolding a recorded mesh run: a lower bound on its share of each RPC. */
    trace: {
      nsPerEvent: round(trace.nsPerEvent, 1),
      eventsPerRpc: round(trace.eventsPerRpc, 1),
      bareHeapEventsPerTraceEvent: round((trace.nsPerEvent * bareHeap.eventsPerSec) / 1e9, 2),
      shareOfRpc: round((trace.nsPerEvent * trace.eventsPerRpc * mesh.rpcPerSec) / 1e9, 3),
    },
    /** compareRuns (tidepool diff, the compare view) on herd ±jitter to 30 s, against running both sessions plainly. */
    compare: {
      eventsPerRun: compare.events,
      compareMs: round(compare.compareMs),
      plainRunsMs: round(compare.plainMs),
      ratioToPlainRuns: round(compare.ratio, 2),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
