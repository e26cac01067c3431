/*
 * Latency models of the virtual network and the one function that draws from
 * them. A model is plain data (it travels in sessions and chaos settings);
 * draws are integer microseconds from the sim's deterministic samplers, never
 * Math.random or Math.log. Knows nothing of hosts, links or faults.
 */
import { bimodalUs, exponentialUs, formatUs, uniformUs, type Rng } from '../sim';

export interface LatencyRange {
  readonly minUs: number;
  readonly maxUs: number;
}

export type LatencyModel =
  | { readonly kind: 'fixed'; readonly us: number }
  | { readonly kind: 'uniform'; readonly minUs: number; readonly maxUs: number }
  | { readonly kind: 'exponential'; readonly minUs: number; readonly meanUs: number }
  | {
      readonly kind: 'bimodal';
      readonly fast: LatencyRange;
      readonly slow: LatencyRange;
      readonly slowPpm: number;
    };

/** Used when a Network is built without a latency model: 0.5–2 ms, like a LAN. */
export const DEFAULT_LATENCY: LatencyModel = { kind: 'uniform', minUs: 500, maxUs: 2_000 };

/** One delivery's latency in µs (a non-negative integer). */
export function sampleLatencyUs(rng: Rng, model: LatencyModel): number {
  switch (model.kind) {
    case 'fixed':
      return model.us;
    case 'uniform':
      return uniformUs(rng, model.minUs, model.maxUs);
    case 'exponential':
      return exponentialUs(rng, model.minUs, model.meanUs);
    case 'bimodal':
      return bimodalUs(rng, model.fast, model.slow, model.slowPpm);
  }
}

/** Throws a RangeError naming the problem if the model cannot produce valid µs. */
/**
 * A practical upper bound of one delay under `model`: its maximum, or for an
 * exponential tail the point it passes with odds below e^-30 (about 1e-13).
 */
export function latencyBoundUs(model: LatencyModel): number {
  switch (model.kind) {
    case 'fixed':
      return model.us;
    case 'uniform':
      return model.maxUs;
    case 'exponential':
      return model.minUs + 30 * model.meanUs;
    case 'bimodal':
      return Math.max(model.fast.maxUs, model.slow.maxUs);
  }
}

export function checkLatencyModel(model: LatencyModel): void {
  const ints =
    model.kind === 'fixed'
      ? [model.us]
      : model.kind === 'uniform'
        ? [model.minUs, model.maxUs]
        : model.kind === 'exponential'
          ? [model.minUs, model.meanUs]
          : [model.fast.minUs, model.fast.maxUs, model.slow.minUs, model.slow.maxUs, model.slowPpm];
  if (!ints.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new RangeError(
      `latency model ${describeLatency(model)}: values must be non-negative integers`,
    );
  }
  const ranges =
    model.kind === 'uniform' ? [model] : model.kind === 'bimodal' ? [model.fast, model.slow] : [];
  if (ranges.some((r) => r.maxUs < r.minUs)) {
    throw new RangeError(`latency model ${describeLatency(model)}: maxUs is below minUs`);
  }
}

/** Short human text for trace fields and the environment panel. */
export function describeLatency(model: LatencyModel): string {
  switch (model.kind) {
    case 'fixed':
      return `fixed ${formatUs(model.us)}`;
    case 'uniform':
      return `uniform ${formatUs(model.minUs)}–${formatUs(model.maxUs)}`;
    case 'exponential':
      return `exponential ${formatUs(model.minUs)} + mean ${formatUs(model.meanUs)}`;
    case 'bimodal':
      return (
        `bimodal ${formatUs(model.fast.minUs)}–${formatUs(model.fast.maxUs)}, ` +
        `${model.slowPpm / 10_000}% slow ${formatUs(model.slow.minUs)}–${formatUs(model.slow.maxUs)}`
      );
  }
}
