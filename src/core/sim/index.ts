/* Public surface of the simulation core: what net, peer and scenarios build on. */
export {
  Sim,
  type SimOptions,
  type TimerHandle,
  type RunLimits,
  type RunResult,
  type StopReason,
} from './sim';
export { SimFuture, type Settled } from './future';
export { Task, type TaskBody } from './task';
export { Rng, parseSeed, U64_MAX } from './rng';
export { uniformUs, exponentialUs, bimodalUs, geometricCount } from './samplers';
export {
  Trace,
  DEFAULT_TRACE_CAPACITY,
  canonicalEncoding,
  toTraceEvent,
  fieldsOf,
  type TraceEvent,
  type TraceEventOf,
  type TraceRecord,
  type TraceRecordOf,
  type TraceListener,
  type TraceFields,
  type TraceFieldsOf,
  type TraceValue,
  type TraceEnvelope,
} from './trace';
export type * from './trace-schema';
export { TRACE_KINDS, type TraceKind } from './trace-kinds';
export { Assertions, type AssertionKind, type AssertionResult, type Violation } from './assertions';
export { Buggify, DEFAULT_BUGGIFY_PPM } from './buggify';
export { SimError, TaskCancelled, Timeout, describeError } from './errors';
export {
  ms,
  us,
  seconds,
  US_PER_MS,
  US_PER_S,
  parseDurationUs,
  formatUs,
  formatMoment,
  formatDurationExact,
} from './time';
export { detLn } from './det-math';
export { allocBytes, copyBytes, fillBytes } from './byte-slab';
