/*
 * Named transport profiles: a whole set of knob values taken from a real
 * transport, so a learner can run the same scenario and seed the way
 * FoundationDB or moonpool would. `seed` is Tidepool's own numbers (the
 * default: it sets nothing). Each profile's sources are in docs/profiles.md.
 * Knows nothing of sessions or how a profile is chosen.
 */
import type { PeerConfig } from '../peer/peer-config';
import { UNBOUNDED } from './knobs';
import { INV_LIVE_CALLS, INV_LIVE_QUEUES } from '../scenario/invariants/liveness';
import { INV_AT_LEAST_ONCE } from '../scenario/reliable-stream/stream-oracle';

export const PROFILE_IDS = ['seed', 'fdb', 'moonpool-0.8'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export interface TransportProfile {
  readonly id: ProfileId;
  readonly title: string;
  /** One paragraph: where the numbers come from and what they are for. */
  readonly summary: string;
  /** What differs from `seed` (every other knob is the seed's). */
  readonly config: Partial<PeerConfig>;
  /**
   * Said on screen when the oracle fails under this profile: the failure is a
   * finding about that transport's design, not a bug of Tidepool's. Null when
   * a failure would be one of ours.
   */
  readonly expectedFindings: string | null;
  /** The invariants whose failures `expectedFindings` explains (their exact names); no others. */
  readonly findingChecks: readonly string[];
}

export const PROFILES: readonly TransportProfile[] = [
  {
    id: 'seed',
    title: 'Tidepool defaults (seed)',
    summary:
      "Tidepool's defaults, the numbers of the blog post it started from (Moonpool Chronicles, part 3): 100 ms doubling to 30 s, ±20% jitter, a bounded queue that rejects when full, resend on reconnect.",
    config: {},
    expectedFindings: null,
    findingChecks: [],
  },
  {
    id: 'fdb',
    title: 'FoundationDB',
    summary:
      "FoundationDB's flow knobs: reconnect after 50 ms growing ×1.2 to 0.5 s, jittered by ×[0.9, 1.1), reset only after a connection lasted 5 s; pings every 1 s with a 2 s timeout; no bound on the transport's queue.",
    config: {
      connectTimeoutUs: 2_000_000,
      initialBackoffUs: 50_000,
      maxBackoffUs: 500_000,
      backoffMultiplier: 1.2,
      backoffJitterPpm: 100_000,
      backoffResetAfterUs: 5_000_000,
      maxQueuedMessages: UNBOUNDED,
      maxQueuedBytes: UNBOUNDED,
      pingIntervalUs: 1_000_000,
      pingTimeoutUs: 2_000_000,
    },
    expectedFindings: null,
    findingChecks: [],
  },
  {
    id: 'moonpool-0.8',
    title: 'moonpool-0.8',
    summary:
      'moonpool-transport as of v0.8.0: pure doubling from 100 ms to 30 s without jitter, a full reliable queue that silently drops its oldest message, and reliable messages forgotten once written (no resend after a reconnect).',
    config: {
      backoffJitterPpm: 0,
      queueFullPolicy: 'drop-oldest',
      resendReliable: false,
    },
    expectedFindings:
      'moonpool 0.8 forgets reliable messages once written and drops the oldest from a full queue: where a connection breaks, messages are lost. The oracle failing here is a finding about that design, not a bug in Tidepool.',
    // Where lost messages show: delivery at least once, and calls and queues that never finish.
    findingChecks: [INV_AT_LEAST_ONCE, INV_LIVE_CALLS, INV_LIVE_QUEUES],
  },
];

export function isProfileId(text: string): text is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(text);
}

export function findProfile(id: ProfileId): TransportProfile {
  return PROFILES.find((p) => p.id === id) as TransportProfile;
}
