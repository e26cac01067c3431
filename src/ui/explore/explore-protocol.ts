/*
 * The messages between the page and its explore workers (explore-worker.ts):
 * a task — seeds of one session template to run in full, sessions to run to
 * their first violation (a probe's branches), sessions to run in full (Branch
 * ×N), or one shrink — and its reply. Sessions travel as structured clones
 * (bigint seeds included). Knows nothing of how tasks are scheduled.
 */
import type { SeedOutcome } from '../../core/explore/sweep-result';
import type { ShrinkResult } from '../../core/explore/shrink';
import type { Session } from '../../core/session';
import type { Violation } from '../../core/sim';
import type { WhyJson } from '../../console/why-chain';

export type ExploreTask =
  /** Seeds `{ ...base, seed }`, each run in full to `untilUs` (a sweep's batch). */
  | {
      readonly kind: 'seeds';
      readonly base: Session;
      readonly untilUs: number;
      readonly seeds: readonly bigint[];
    }
  /** Each session run in full to `untilUs` (branches). */
  | { readonly kind: 'sessions'; readonly untilUs: number; readonly sessions: readonly Session[] }
  /** Each session run until its first violation (a probe's branches). */
  | { readonly kind: 'firsts'; readonly untilUs: number; readonly sessions: readonly Session[] }
  | { readonly kind: 'shrink'; readonly session: Session; readonly untilUs: number }
  /** The "Why?" chain behind this violation of the session (the sweep export's `why`). */
  | {
      readonly kind: 'why';
      readonly session: Session;
      readonly untilUs: number;
      readonly violation: Violation;
    };

export type ExploreResult =
  | { readonly kind: 'outcomes'; readonly outcomes: readonly SeedOutcome[] }
  | { readonly kind: 'firsts'; readonly firsts: readonly (Violation | null)[] }
  | { readonly kind: 'shrink'; readonly shrink: ShrinkResult | { readonly error: string } }
  | { readonly kind: 'why'; readonly why: WhyJson | null };

export interface ExploreRequest {
  readonly id: number;
  readonly task: ExploreTask;
}

export type ExploreReply =
  | { readonly id: number; readonly result: ExploreResult }
  /** A shrink's progress: sessions run so far. */
  | { readonly id: number; readonly progress: number }
  | { readonly id: number; readonly error: string };
