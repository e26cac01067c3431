/*
 * Reconnect backoff: for the n-th consecutive failure the base delay is
 * d = initial · multiplier^(n−1), capped at max; the actual delay is drawn
 * uniformly in [d·(1−j), d·(1+j)] and capped at max again. The jitter keeps a
 * crowd of peers that lost the same server from reconnecting in lockstep
 * (moonpool has none). Pure arithmetic over an rng; knows nothing of peers.
 */
import type { Rng } from '../sim';
import type { PeerConfig } from './peer-config';

export interface BackoffDraw {
  /** 1 for the first failure after a success. */
  readonly attempt: number;
  readonly delayUs: number;
  /** The jitter bounds the draw was made within (after capping). */
  readonly minUs: number;
  readonly maxUs: number;
}

/**
 * Un-rounded delays by attempt (index attempt − 1), grown by repeated
 * multiplication (exact and the same on every engine) until they reach the
 * cap or stop growing, then constant: computed once per config, so a long
 * outage costs O(1) per backoff instead of O(attempt).
 */
const sequences = new WeakMap<PeerConfig, number[]>();

function grownUs(config: PeerConfig, attempt: number): number {
  let seq = sequences.get(config);
  if (!seq) sequences.set(config, (seq = [config.initialBackoffUs]));
  for (let last = seq[seq.length - 1] as number; seq.length < attempt;) {
    const next = last < config.maxBackoffUs ? last * config.backoffMultiplier : last;
    if (next === last) return last; // at the cap (or a multiplier of 1): constant from here
    seq.push((last = next));
  }
  return seq[attempt - 1] as number;
}

/** The un-jittered delay for failure number `attempt` (≥ 1). */
export function baseBackoffUs(config: PeerConfig, attempt: number): number {
  return Math.min(Math.round(grownUs(config, attempt)), config.maxBackoffUs);
}

/** The jitter window [min, max] for failure number `attempt`, capped at maxBackoff. */
export function backoffBoundsUs(
  config: PeerConfig,
  attempt: number,
): { minUs: number; maxUs: number } {
  const d = baseBackoffUs(config, attempt);
  const spread = Math.floor((d * config.backoffJitterPpm) / 1_000_000);
  return {
    minUs: Math.min(d - spread, config.maxBackoffUs),
    maxUs: Math.min(d + spread, config.maxBackoffUs),
  };
}

/**
 * A draw for failure number `attempt`. `mutant` (the session's, if any) breaks
 * it on purpose: no-jitter returns the base delay, backoff-never-grows the
 * first attempt's window whatever the attempt.
 */
export function drawBackoff(
  config: PeerConfig,
  attempt: number,
  rng: Rng,
  mutant: string | null = null,
): BackoffDraw {
  const windowAttempt = mutant === 'backoff-never-grows' ? 1 : attempt;
  const { minUs, maxUs } = backoffBoundsUs(config, windowAttempt);
  const delayUs = rng.intBetween(minUs, maxUs);
  if (mutant === 'no-jitter')
    return { attempt, delayUs: baseBackoffUs(config, attempt), minUs, maxUs };
  return { attempt, delayUs, minUs, maxUs };
}
