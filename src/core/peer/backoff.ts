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

/** The un-jittered delay for failure number `attempt` (≥ 1). */
export function baseBackoffUs(config: PeerConfig, attempt: number): number {
  let d = config.initialBackoffUs;
  for (let i = 1; i < attempt && d < config.maxBackoffUs; i++) d *= config.backoffMultiplier;
  return Math.min(Math.round(d), config.maxBackoffUs);
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
