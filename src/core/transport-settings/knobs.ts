/*
 * The transport's knobs as people type them: one entry per PeerConfig field a
 * session may set, with its name in links, the CLI and the console
 * (`initialBackoffMs`), its unit, its bounds, a parser that turns text into
 * the PeerConfig value (µs, ppm, messages, bytes) with an error naming the
 * knob and its range, the inverse formatter, and one line on why it matters
 * (docs/profiles.md). Knows nothing of profiles, sessions or URLs' syntax.
 */
import type { PeerConfig } from '../peer/peer-config';
import { quoteInput } from '../sim/quote-input';

/** A queue bound of "none": FoundationDB's transport queue has no bound. */
export const UNBOUNDED = Number.MAX_SAFE_INTEGER;

export type KnobValue = number | string | boolean;
export type KnobName = (typeof KNOB_NAMES)[number];

export interface KnobSpec {
  readonly name: KnobName;
  readonly field: keyof PeerConfig;
  /** What it sets, in a few words, with its unit. */
  readonly label: string;
  /** The accepted range or words, as an error message shows them. */
  readonly range: string;
  /** Why a learner should care, in one line. */
  readonly why: string;
  /** The value, or an error naming the knob and its range. */
  parse(text: string): KnobValue | { error: string };
  format(value: KnobValue): string;
}

/** A knob as declared: `read` returns null for a bad value; the error is built from `range`. */
type KnobDecl = Omit<KnobSpec, 'parse'> & { read(text: string): KnobValue | null };

function knob(decl: KnobDecl): KnobSpec {
  const { read, ...spec } = decl;
  return {
    ...spec,
    parse: (text) =>
      read(text) ??
      ({
        error: `transport knob ${spec.name} must be ${spec.range}, got ${quoteInput(text)}`,
      } as const),
  };
}

export const KNOB_NAMES = [
  'connectTimeoutMs',
  'initialBackoffMs',
  'maxBackoffMs',
  'backoffMultiplier',
  'jitter',
  'backoffResetMs',
  'maxQueuedMessages',
  'maxQueuedBytes',
  'queueFullPolicy',
  'pingIntervalMs',
  'pingTimeoutMs',
  'maxPayloadBytes',
  'resendReliable',
] as const;

const DECIMAL = /^\d{1,9}(\.\d{1,6})?$/;

/** A duration typed in milliseconds (up to 3 decimals), kept in µs. */
function millis(
  name: KnobName,
  field: keyof PeerConfig,
  minMs: number,
  maxMs: number,
  label: string,
  why: string,
): KnobSpec {
  return knob({
    name,
    field,
    label,
    range: `milliseconds from ${minMs} to ${maxMs}`,
    why,
    read(text) {
      const ms = Number(text);
      return /^\d{1,9}(\.\d{1,3})?$/.test(text) && ms >= minMs && ms <= maxMs
        ? Math.round(ms * 1000)
        : null;
    },
    format: (value) => String((value as number) / 1000),
  });
}

/** A whole count with an optional "none" (no bound). */
function bound(
  name: KnobName,
  field: keyof PeerConfig,
  min: number,
  max: number,
  label: string,
  why: string,
): KnobSpec {
  return knob({
    name,
    field,
    label,
    range: `a whole number from ${min} to ${max}, or none`,
    why,
    read(text) {
      if (text === 'none') return UNBOUNDED;
      const n = Number(text);
      return /^\d{1,10}$/.test(text) && n >= min && n <= max ? n : null;
    },
    format: (value) => (value === UNBOUNDED ? 'none' : String(value)),
  });
}

export const KNOBS: readonly KnobSpec[] = [
  millis(
    'connectTimeoutMs',
    'connectTimeoutUs',
    1,
    600_000,
    'connect timeout (ms)',
    'how long a dial may hang (a lost SYN) before it counts as a failure and backs off',
  ),
  millis(
    'initialBackoffMs',
    'initialBackoffUs',
    1,
    600_000,
    'first reconnect delay (ms)',
    'how soon a peer retries after the first failure: recovery time after a blip',
  ),
  millis(
    'maxBackoffMs',
    'maxBackoffUs',
    1,
    3_600_000,
    'longest reconnect delay (ms)',
    'the cap: how long a restarted server may wait for its clients to notice it is back',
  ),
  knob({
    name: 'backoffMultiplier',
    field: 'backoffMultiplier',
    label: 'delay growth per failure (×)',
    range: '1 (no growth) or a number from 1.01 to 10',
    why: 'how fast retries thin out: 2 is polite to a struggling server, 1.2 recovers sooner',
    read(text) {
      const n = Number(text);
      // Between 1 and 1.01 a delay would take thousands of steps to reach any cap.
      return DECIMAL.test(text) && (n === 1 || (n >= 1.01 && n <= 10)) ? n : null;
    },
    format: (value) => String(value),
  }),
  knob({
    name: 'jitter',
    field: 'backoffJitterPpm',
    label: 'jitter (fraction of the delay, ±)',
    range: 'a fraction from 0 to 1 (0.2 = ±20%)',
    why: 'spreads the retries of many clients that lost the same server: without it they reconnect in waves',
    read(text) {
      const n = Number(text);
      return DECIMAL.test(text) && n <= 1 ? Math.round(n * 1_000_000) : null;
    },
    format: (value) => String((value as number) / 1_000_000),
  }),
  millis(
    'backoffResetMs',
    'backoffResetAfterUs',
    0,
    3_600_000,
    'backoff reset (0: on a frame; N: after N ms up)',
    'when the delay starts small again: on the first frame (seed) or only after a connection stayed up (FoundationDB), which damps flapping links',
  ),
  bound(
    'maxQueuedMessages',
    'maxQueuedMessages',
    1,
    1_000_000,
    'queue bound (messages)',
    'how much a peer holds while disconnected before back-pressure (or dropping) starts',
  ),
  bound(
    'maxQueuedBytes',
    'maxQueuedBytes',
    1024,
    1_073_741_824,
    'queue bound (bytes)',
    'the same bound in bytes: a few large messages fill a queue as surely as many small ones',
  ),
  knob({
    name: 'queueFullPolicy',
    field: 'queueFullPolicy',
    label: 'when the queue is full',
    range: 'reject or drop-oldest',
    why: 'reject tells the caller (QueueFull); drop-oldest silently loses a message the caller thinks is queued',
    read: (text) => (text === 'reject' || text === 'drop-oldest' ? text : null),
    format: (value) => String(value),
  }),
  millis(
    'pingIntervalMs',
    'pingIntervalUs',
    10,
    600_000,
    'ping interval (ms)',
    'how often a connected peer checks the other side is still there',
  ),
  millis(
    'pingTimeoutMs',
    'pingTimeoutUs',
    10,
    600_000,
    'ping timeout (ms)',
    'how long silence lasts before a half-open connection is declared dead: detection speed against false alarms',
  ),
  knob({
    name: 'maxPayloadBytes',
    field: 'maxPayloadSize',
    label: 'largest frame payload (bytes)',
    range: 'a whole number from 1024 to 16777216',
    why: 'frames above it are refused on send and treated as corruption on receive',
    read(text) {
      const n = Number(text);
      // Below 1 KiB the scenarios' own messages would not fit: every call would fail PacketTooLarge.
      return /^\d{1,8}$/.test(text) && n >= 1024 && n <= 16_777_216 ? n : null;
    },
    format: (value) => String(value),
  }),
  knob({
    name: 'resendReliable',
    field: 'resendReliable',
    label: 'resend reliable messages after a reconnect',
    range: 'true or false',
    why: 'FoundationDB resends every un-acknowledged reliable message after a reconnect; without it they are lost',
    read: (text) =>
      text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : null,
    format: (value) => String(value),
  }),
];

export function findKnob(name: string): KnobSpec | undefined {
  return KNOBS.find((k) => k.name === name);
}

export function knobForField(field: keyof PeerConfig): KnobSpec | undefined {
  return KNOBS.find((k) => k.field === field);
}
