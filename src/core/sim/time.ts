/*
 * Units and formatting for virtual time. Time is always an integer number of
 * microseconds; these helpers make call sites say what they mean (`ms(100)`)
 * and parse/format durations for the CLI, console and UI ("2.5s", "100ms").
 */
import { quoteInput, showInput } from './quote-input';

export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;

/** The furthest a link (`t`) or the CLI (`--until`) may run: 1 h of virtual time (a longer run is hours of CPU). */
export const MAX_RUN_US = 3600 * US_PER_S;

export const us = (n: number): number => Math.round(n);
export const ms = (n: number): number => Math.round(n * US_PER_MS);
export const seconds = (n: number): number => Math.round(n * US_PER_S);

const UNIT_US: Record<string, number> = {
  us: 1,
  µs: 1,
  ms: US_PER_MS,
  s: US_PER_S,
  m: 60 * US_PER_S,
  min: 60 * US_PER_S,
};

/** Parses "250ms", "2.5s", "1m", "40us" (a unit is required, except for 0). Returns µs or an error. */
export function parseDurationUs(text: string): number | { error: string } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|min)?\s*$/.exec(text);
  if (match && match[2] === undefined && Number(match[1]) !== 0) {
    const n = showInput(match[1] as string);
    return { error: `duration ${quoteInput(text)} needs a unit: e.g. ${n}ms or ${n}s` };
  }
  if (!match)
    return {
      error: `bad duration ${quoteInput(text)}: use a number with a unit, e.g. 250ms, 2.5s, 1m`,
    };
  const value = Number(match[1]) * (UNIT_US[match[2] ?? 'us'] as number);
  if (!Number.isSafeInteger(Math.round(value)) || value > 365 * 24 * 3600 * US_PER_S) {
    return { error: `duration ${quoteInput(text)} is too large` };
  }
  return Math.round(value);
}

/**
 * A moment of a run, the one way every view writes it: seconds, then the
 * milliseconds and microseconds in groups of three — "1.957 354 s" (1 s
 * 957 ms 354 µs), "0.000 000 s", "24.991 284 s". Always to the microsecond
 * (the clock's unit), so two moments line up and compare at a glance.
 * Durations (a latency, a backoff) use the compact forms below.
 */
export function formatMoment(timeUs: number): string {
  const us = Math.max(0, Math.round(timeUs));
  const seconds = Math.floor(us / US_PER_S);
  const rest = us % US_PER_S;
  const ms = Math.floor(rest / US_PER_MS);
  const micro = rest % US_PER_MS;
  return `${seconds}.${String(ms).padStart(3, '0')}\u2009${String(micro).padStart(3, '0')} s`;
}

/** Formats µs for people: "0µs", "850µs", "12.345ms", "3.200s". */
export function formatUs(timeUs: number): string {
  if (timeUs < US_PER_MS) return `${timeUs}µs`;
  if (timeUs < US_PER_S) return `${(timeUs / US_PER_MS).toFixed(3)}ms`;
  return `${(timeUs / US_PER_S).toFixed(3)}s`;
}

/** Formats µs exactly in the largest unit that divides it: "3s", "250ms", "17us". */
export function formatDurationExact(timeUs: number): string {
  if (timeUs % US_PER_S === 0) return `${timeUs / US_PER_S}s`;
  if (timeUs % US_PER_MS === 0) return `${timeUs / US_PER_MS}ms`;
  return `${timeUs}us`;
}
