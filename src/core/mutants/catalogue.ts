/*
 * The mutant catalogue: deliberately broken transports, each a bug that the
 * oracle must catch. A session may name one (`mutant=<id>` in a link,
 * `--mutant` in the CLI, `mutant <id>` in the console); the sim carries it and
 * each mutation site asks `sim.mutant === '<id>'`. With no mutant (the
 * default) every site is the correct code. Each entry says what it breaks,
 * which checks are expected to catch it (by invariant name), and where
 * `tidepool mutants` looks for it (scenarios × chaos presets). Knows the
 * invariants' names, nothing of how the stack is broken.
 */
import {
  INV_BACKOFF_BOUNDS,
  INV_CHECKSUM,
  INV_FRAME_ORDER,
  INV_QUEUE_BOUNDS,
} from '../scenario/invariants/transport-invariants';
import { INV_BACKOFF_JITTER, INV_BACKOFF_RESET } from '../scenario/invariants/backoff-rules';
import {
  INV_DEAD_CALLS,
  INV_DEADLINE,
  INV_INTACT,
  INV_ROUTE,
  INV_SEEN,
} from '../scenario/invariants/rpc-ledger';
import { INV_LIVE_CALLS, INV_LIVE_QUEUES, INV_LIVE_STABLE } from '../scenario/invariants/liveness';
import { INV_AT_LEAST_ONCE } from '../scenario/reliable-stream/stream-oracle';

export const MUTANT_IDS = [
  'forget-reliable',
  'misroute-replies',
  'drop-replies',
  'duplicate-frames',
  'late-deadlines',
  'corrupt-after-checksum',
  'no-jitter',
  'backoff-never-grows',
  'backoff-never-resets',
  'no-ping-monitor',
  'queue-unbounded',
  'no-endpoint-not-found',
  'zombie-calls',
  'server-executes-twice',
  'early-deadlines',
  'ignore-pongs',
  'spurious-endpoint-not-found',
] as const;

export type MutantId = (typeof MUTANT_IDS)[number];

export interface MutantInfo {
  readonly id: MutantId;
  /** What the broken transport does, in one line. */
  readonly breaks: string;
  /** The check expected to catch it, in words. */
  readonly caughtBy: string;
  /** The invariants that may catch it first (their exact names): a catch by anything else is a surprise the tests report. */
  readonly checks: readonly string[];
  /** Scenarios `tidepool mutants` sweeps it over. */
  readonly scenarios: readonly string[];
  /** Chaos presets it is swept under (calm finds bugs that need no fault; storm the rest). */
  readonly chaos: readonly string[];
}

const RPC = ['ping-pong', 'mesh', 'fan-in', 'hash-chain'];
const ALL_STACK = [...RPC, 'reliable-stream'];

export const MUTANTS: readonly MutantInfo[] = [
  {
    id: 'forget-reliable',
    breaks: 'reliable messages are forgotten when their connection is lost (never resent)',
    caughtBy: 'liveness: reliable messages delivered at least once after the network settles',
    checks: [INV_AT_LEAST_ONCE, INV_LIVE_CALLS, INV_LIVE_QUEUES],
    scenarios: ['reliable-stream', ...RPC],
    chaos: ['storm'],
  },
  {
    id: 'misroute-replies',
    breaks: "the server sends each reply to the previous request's reply endpoint",
    caughtBy: 'ledger: a reply reaches only the call that asked',
    checks: [INV_ROUTE],
    scenarios: RPC,
    chaos: ['calm'],
  },
  {
    id: 'drop-replies',
    breaks: 'the server silently drops every second reply',
    caughtBy: 'liveness: every call on a settled network succeeds',
    checks: [INV_LIVE_CALLS],
    scenarios: RPC,
    chaos: ['calm'],
  },
  {
    id: 'duplicate-frames',
    breaks: 'every frame is handed to the application twice',
    caughtBy: 'transport: frames arrive in order, none duplicated',
    checks: [INV_FRAME_ORDER],
    scenarios: ALL_STACK,
    chaos: ['calm'],
  },
  {
    id: 'late-deadlines',
    breaks: 'RPC deadlines fire 300 ms late',
    caughtBy: 'ledger: no outcome arrives later than its deadline',
    checks: [INV_DEADLINE],
    scenarios: RPC,
    chaos: ['storm'],
  },
  {
    id: 'corrupt-after-checksum',
    breaks: 'a bit of each message is flipped after its checksum was verified',
    caughtBy: 'wire: what the application receives is what was sent',
    checks: [INV_CHECKSUM, INV_INTACT],
    scenarios: ALL_STACK,
    chaos: ['calm'],
  },
  {
    id: 'no-jitter',
    breaks: 'reconnect backoff is never jittered (a thundering herd)',
    caughtBy: 'peer: backoff delays are jittered',
    checks: [INV_BACKOFF_JITTER],
    scenarios: ALL_STACK,
    chaos: ['storm'],
  },
  {
    id: 'backoff-never-grows',
    breaks: 'every reconnect waits the initial backoff, however often it failed',
    caughtBy: 'peer: backoff delays stay within their jitter window',
    checks: [INV_BACKOFF_BOUNDS],
    scenarios: ALL_STACK,
    chaos: ['storm'],
  },
  {
    id: 'backoff-never-resets',
    breaks: 'the backoff keeps growing after a connection proved alive',
    caughtBy: 'peer: the backoff attempt resets as configured (once a frame arrives, by default)',
    checks: [INV_BACKOFF_RESET],
    scenarios: ALL_STACK,
    chaos: ['storm'],
  },
  {
    id: 'no-ping-monitor',
    breaks: 'no pings: a half-open connection is never detected',
    caughtBy:
      'liveness: calls fail, queues never drain, reliable messages never arrive once the network settled',
    checks: [INV_LIVE_CALLS, INV_LIVE_QUEUES, INV_AT_LEAST_ONCE],
    scenarios: ALL_STACK,
    chaos: ['storm'],
  },
  {
    id: 'queue-unbounded',
    breaks: "a peer's queue ignores its bounds",
    caughtBy: 'peer: queues never exceed their bounds',
    checks: [INV_QUEUE_BOUNDS],
    scenarios: ['fan-in', 'reliable-stream'],
    chaos: ['calm', 'storm'],
  },
  {
    id: 'no-endpoint-not-found',
    breaks: 'a request for an unknown endpoint is never answered EndpointNotFound',
    caughtBy: 'liveness: every call on a settled network succeeds',
    checks: [INV_LIVE_CALLS],
    scenarios: ['mesh'],
    chaos: ['storm'],
  },
  {
    id: 'zombie-calls',
    breaks:
      'a killed incarnation\u2019s calls still take outcomes (a reply from a dead incarnation is accepted)',
    caughtBy: 'ledger: a killed node\u2019s calls get no outcome',
    checks: [INV_DEAD_CALLS],
    scenarios: RPC,
    chaos: ['storm'],
  },
  {
    id: 'server-executes-twice',
    breaks: 'the server runs every request twice',
    caughtBy: 'ledger: the server sees a request no more often than its delivery mode allows',
    checks: [INV_SEEN],
    scenarios: RPC,
    chaos: ['calm'],
  },
  {
    id: 'early-deadlines',
    breaks: 'RPC deadlines fire at a third of their time',
    caughtBy: 'ledger: no Timeout before its deadline',
    checks: [INV_DEADLINE],
    scenarios: RPC,
    chaos: ['storm'],
  },
  {
    id: 'ignore-pongs',
    breaks: 'the ping monitor ignores pongs: healthy connections are torn down again and again',
    caughtBy: 'liveness: a settled network keeps its connections',
    checks: [INV_LIVE_STABLE],
    scenarios: ALL_STACK,
    chaos: ['calm'],
  },
  {
    id: 'spurious-endpoint-not-found',
    breaks: 'one request in ten to a live endpoint is answered EndpointNotFound',
    caughtBy: 'liveness: EndpointNotFound only for a restarted node\u2019s endpoints',
    checks: [INV_LIVE_CALLS],
    scenarios: ['mesh'],
    chaos: ['calm'],
  },
];

export function isMutantId(text: string): text is MutantId {
  return (MUTANT_IDS as readonly string[]).includes(text);
}

export function findMutant(id: string): MutantInfo | undefined {
  return MUTANTS.find((m) => m.id === id);
}
