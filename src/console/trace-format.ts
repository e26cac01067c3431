/*
 * Trace events as one human line each, for the browser console and the CLI:
 *   "   812.000ms  n2     rpc_failed            n2#2 Timeout after 700.000ms"
 * plus a category (fault / peer / packet / rpc / violation / other) that a
 * renderer turns into a colour, and whether the event is a failure worth
 * highlighting. Also trace filters (`filter n1 fault`). Pure and
 * deterministic; output never contains control characters, so a string from
 * the trace cannot steer a terminal.
 */
import {
  formatUs,
  TRACE_KINDS,
  type TraceEvent,
  type TraceKind,
  type TraceValue,
} from '../core/sim';

export const TRACE_CATEGORIES = ['fault', 'peer', 'packet', 'rpc', 'violation', 'other'] as const;
export type TraceCategory = (typeof TRACE_CATEGORIES)[number];

export interface FormattedEvent {
  readonly text: string;
  readonly category: TraceCategory;
  /** Something went wrong (a failed RPC, a dropped message, a bad checksum): drawn stronger. */
  readonly failure: boolean;
}

const CATEGORY: Partial<Record<TraceKind, TraceCategory>> = {
  invariant_violated: 'violation',
  task_failed: 'violation',
  intervention_applied: 'fault',
  buggify_fired: 'fault',
  partition_created: 'fault',
  partition_healed: 'fault',
  clog_started: 'fault',
  clog_released: 'fault',
  bits_flipped: 'fault',
  latency_spike_started: 'fault',
  latency_spike_ended: 'fault',
  node_killed: 'fault',
  node_restarted: 'fault',
  corruption_armed: 'fault',
  connect_fault_armed: 'fault',
  pair_latency_set: 'fault',
  connect_started: 'peer',
  connect_accepted: 'peer',
  connect_refused: 'peer',
  connect_hung: 'peer',
  connect_cancelled: 'peer',
  connection_opened: 'peer',
  connection_closed: 'peer',
  connection_reset: 'peer',
  peer_state_changed: 'peer',
  backoff_scheduled: 'peer',
  message_queued: 'peer',
  message_dropped: 'peer',
  message_retransmitted: 'peer',
  queue_full: 'peer',
  hello_rejected: 'peer',
  ping_sent: 'peer',
  pong_received: 'peer',
  ping_timeout: 'peer',
  bytes_sent: 'packet',
  bytes_delivered: 'packet',
  bytes_dropped: 'packet',
  packet_sent: 'packet',
  packet_delivered: 'packet',
  packet_corrupted: 'packet',
  checksum_failed: 'packet',
  wire_error: 'packet',
  rpc_sent: 'rpc',
  rpc_received: 'rpc',
  rpc_answered: 'rpc',
  rpc_replied: 'rpc',
  rpc_failed: 'rpc',
  endpoint_not_found: 'rpc',
  endpoint_failed: 'rpc',
  message_undecodable: 'rpc',
  request_shed: 'rpc',
};

const FAILURES: ReadonlySet<string> = new Set([
  'invariant_violated',
  'task_failed',
  'connect_refused',
  'connect_hung',
  'connection_reset',
  'message_dropped',
  'queue_full',
  'hello_rejected',
  'ping_timeout',
  'bytes_dropped',
  'packet_corrupted',
  'checksum_failed',
  'wire_error',
  'rpc_failed',
  'endpoint_not_found',
  'endpoint_failed',
  'message_undecodable',
  'request_shed',
  'record_corrupted',
]);

export function categoryOf(kind: string): TraceCategory {
  return CATEGORY[kind as TraceKind] ?? 'other';
}

export function isFailure(kind: string): boolean {
  return FAILURES.has(kind);
}

type Fields = Readonly<Record<string, TraceValue>>;
/** A per-kind detail: returns null when a field it needs is missing (then the generic form is used). */
type Detail = (g: Getter) => string;
interface Getter {
  /** The field as text; throws Missing if absent (caught: falls back to the generic form). */
  s(name: string): string;
  n(name: string): number;
  us(name: string): string;
  opt(name: string): TraceValue | undefined;
}

class Missing extends Error {}

/** "…b09f" for 16-hex-digit endpoint tokens: the tail tells tokens apart, the rest is noise on one line. */
export function abbreviateTokens(text: string): string {
  return text.replace(/\b[0-9a-f]{16}\b/g, (t) => `…${t.slice(-4)}`);
}

const bytes = (n: number) => `${n} B`;
const cause = (g: Getter) => {
  const c = g.opt('cause');
  return typeof c === 'string' && c !== '' ? ` (${c})` : '';
};
const pair = (g: Getter, arrow: string) => `${g.s('a')} ${arrow} ${g.s('b')}`;

const DETAILS: Partial<Record<TraceKind, Detail>> = {
  run_started: (g) => `${g.s('scenario')} seed ${g.s('seed')} chaos ${g.s('chaos')}`,
  invariant_violated: (g) => `${g.s('name')}: ${g.s('message')}`,
  task_failed: (g) => `task ${g.s('task')} failed: ${g.s('error')} ${g.s('message')}`,
  intervention_applied: (g) => g.s('action'),
  host_listened: (g) => `listening on ${g.s('address')}`,
  listener_closed: (g) => `port ${g.s('port')} closed (${g.s('reason')})`,
  connect_started: (g) => `conn ${g.s('conn')} → ${g.s('to')} (${g.s('address')})`,
  connect_accepted: (g) => `conn ${g.s('conn')} from ${g.s('from')} on port ${g.s('port')}`,
  connection_opened: (g) => `conn ${g.s('conn')} → ${g.s('to')} open (local port ${g.s('port')})`,
  connect_refused: (g) => `conn ${g.s('conn')} → ${g.s('to')} refused: ${g.s('reason')}`,
  connect_hung: (g) => `conn ${g.s('conn')} → ${g.s('to')} hangs: ${g.s('reason')}`,
  connect_cancelled: (g) => `conn ${g.s('conn')} → ${g.s('to')} cancelled`,
  connection_closed: (g) =>
    `conn ${g.s('conn')} with ${g.s('peer')} closed (${g.s('step')})${cause(g)}`,
  connection_reset: (g) => {
    const dropped = g.opt('dropped');
    return `conn ${g.s('conn')} with ${g.s('peer')} reset: ${g.s('reason')}${typeof dropped === 'number' && dropped > 0 ? `, ${bytes(dropped)} dropped` : ''}`;
  },
  bytes_sent: (g) => `conn ${g.s('conn')} → ${g.s('to')} ${bytes(g.n('bytes'))} @${g.s('offset')}`,
  bytes_delivered: (g) =>
    `conn ${g.s('conn')} ← ${g.s('from')} ${bytes(g.n('bytes'))} @${g.s('offset')}`,
  bytes_dropped: (g) =>
    `conn ${g.s('conn')} ← ${g.s('from')} ${bytes(g.n('bytes'))} dropped: ${g.s('reason')}`,
  partition_created: (g) => {
    const mode = g.s('mode');
    const d = g.opt('durationUs');
    const until = typeof d === 'number' ? ` for ${formatUs(d)}` : '';
    const what =
      mode === 'isolate' || g.s('b') === ''
        ? `${g.s('a')} isolated`
        : mode === 'both'
          ? pair(g, '✕')
          : `${pair(g, '✕')} (${mode})`;
    return `${what}${until}${cause(g)}`;
  },
  partition_healed: (g) =>
    `${g.s('mode') === 'isolate' || g.s('b') === '' ? `${g.s('a')} rejoined` : `${pair(g, '↔')} healed`}${cause(g)}`,
  clog_started: (g) => `${pair(g, '⇢')} clogged for ${g.us('durationUs')}${cause(g)}`,
  clog_released: (g) => `${pair(g, '⇢')} unclogged`,
  latency_spike_started: (g) =>
    `${pair(g, '→')} latency ${g.s('model')} for ${g.us('durationUs')}${cause(g)}`,
  latency_spike_ended: (g) => `${pair(g, '→')} latency back to normal`,
  corruption_armed: (g) => `next frame ${g.s('from')} → ${g.s('to')} will be corrupted${cause(g)}`,
  connect_fault_armed: (g) =>
    `next connect ${g.s('from')} → ${g.s('to')}: ${g.s('mode')}${cause(g)}`,
  bits_flipped: (g) => {
    const count = g.n('count');
    return `conn ${g.s('conn')} from ${g.s('from')}: ${count} bit${count === 1 ? '' : 's'} flipped at ${g.s('positions')}${cause(g)}`;
  },
  node_killed: (g) =>
    `killed (incarnation ${g.s('incarnation')}, ${g.s('connections')} conns, ${g.s('listeners')} listeners)${cause(g)}`,
  node_restarted: (g) => `restarted (incarnation ${g.s('incarnation')})${cause(g)}`,
  packet_sent: (g) =>
    `${g.s('packet')} ${bytes(g.n('bytes'))} ${g.s('from')} → ${g.s('to')} conn ${g.s('conn')}`,
  packet_delivered: (g) =>
    `${g.s('packet')} ${bytes(g.n('bytes'))} ${g.s('from')} → ${g.s('to')} conn ${g.s('conn')}`,
  checksum_failed: (g) => `conn ${g.s('conn')} from ${g.s('from')}: ${g.s('error')}`,
  wire_error: (g) => `conn ${g.s('conn')} from ${g.s('from')}: ${g.s('error')}`,
  peer_state_changed: (g) => `${g.s('peer')} ${g.s('from')} → ${g.s('to')} (${g.s('reason')})`,
  backoff_scheduled: (g) => `${g.s('peer')} attempt ${g.s('attempt')}, retry in ${g.us('delayUs')}`,
  message_queued: (g) =>
    `${g.s('peer')} ${g.s('packet')} #${g.s('msg')} ${bytes(g.n('bytes'))}${g.opt('reliable') === true ? ' reliable' : ''} (queue ${g.s('queued')}, ${bytes(g.n('queuedBytes'))})`,
  message_dropped: (g) =>
    `${g.s('peer')} ${g.s('packet')}${g.n('msg') >= 0 ? ` #${g.s('msg')}` : ''} dropped: ${g.s('reason')}`,
  message_retransmitted: (g) => `${g.s('peer')} #${g.s('msg')} sent again (send ${g.s('sends')})`,
  queue_full: (g) =>
    `${g.s('peer')} queue full, policy ${g.s('policy')} (${g.s('queued')} queued, ${bytes(g.n('queuedBytes'))})`,
  hello_rejected: (g) => `conn ${g.s('conn')} from ${g.s('from')}: ${g.s('reason')}`,
  ping_timeout: (g) => `${g.s('peer')} silent for ${g.us('waitedUs')}`,
  rpc_sent: (g) => {
    const deadline = g.opt('deadlineUs');
    return `${g.s('rpc')} → ${g.s('to')}${g.opt('reliable') === true ? ' reliable' : ''}${typeof deadline === 'number' ? `, deadline ${formatUs(deadline)}` : ''}`;
  },
  rpc_received: (g) => `${g.s('rpc')} at ${g.s('endpoint')}${g.n('conn') >= 0 ? ` (conn ${g.s('conn')})` : ''}`,
  rpc_answered: (g) => `${g.s('rpc')} answered${g.opt('error') ? ` ${g.s('error')}` : ''}`,
  rpc_replied: (g) => `${g.s('rpc')} replied in ${g.us('latencyUs')}`,
  rpc_failed: (g) => `${g.s('rpc')} ${g.s('error')} after ${g.us('latencyUs')}`,
  endpoint_not_found: (g) => `token ${g.s('token')} from ${g.s('from')}`,
  endpoint_failed: (g) => `${g.s('endpoint')} failed`,
  request_shed: (g) => `${g.s('rpc')} shed (backlog ${g.s('backlog')})`,
  record_sent: (g) => `conn ${g.s('conn')} record ${g.s('record')}`,
  record_received: (g) => `conn ${g.s('conn')} record ${g.s('record')}`,
  record_corrupted: (g) => `conn ${g.s('conn')} ${g.s('reason')} after record ${g.s('afterSeq')}`,
  message_delivered: (g) =>
    `#${g.s('msgSeq')} incarnation ${g.s('inc')}${g.opt('reliable') === true ? ' reliable' : ''} conn ${g.s('conn')}`,
  block_appended: (g) => `block ${g.s('index')} ${g.s('hash')} ${JSON.stringify(g.s('data'))}`,
};

const ENVELOPE = new Set(['seq', 'timeUs', 'node', 'kind']);

function valueText(v: TraceValue): string {
  if (v === null) return '-';
  return typeof v === 'string' ? v : String(v);
}

function getter(f: Fields): Getter {
  const raw = (name: string): TraceValue => {
    if (!Object.prototype.hasOwnProperty.call(f, name) || f[name] === undefined)
      throw new Missing(name);
    return f[name] as TraceValue;
  };
  return {
    s: (name) => valueText(raw(name)),
    n: (name) => {
      const v = raw(name);
      if (typeof v !== 'number') throw new Missing(name);
      return v;
    },
    us: (name) => {
      const v = raw(name);
      if (typeof v !== 'number') throw new Missing(name);
      return formatUs(v);
    },
    opt: (name) => (Object.prototype.hasOwnProperty.call(f, name) ? f[name] : undefined),
  };
}

/** "key=value" for every field but the envelope, in emission order. */
function genericDetail(e: TraceEvent): string {
  return Object.keys(e)
    .filter((k) => !ENVELOPE.has(k))
    .map((k) => `${k}=${valueText(e[k] as TraceValue)}`)
    .join(' ');
}

/** Replaces control characters (C0, DEL, C1) so nothing can emit terminal escapes. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�');
}

/** Event time as milliseconds with three decimals ("812.000ms"), exact for integer µs. */
export function formatTimeMs(timeUs: number): string {
  const sign = timeUs < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(timeUs));
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}ms`;
}

export const TIME_WIDTH = 12;
export const NODE_WIDTH = 5;
export const KIND_WIDTH = 21;

/** The detail part of an event's line (no time, node or kind). */
export function describeEvent(e: TraceEvent): string {
  const detail = DETAILS[e.kind];
  let text: string;
  try {
    text = detail ? detail(getter(e)) : genericDetail(e);
  } catch (error) {
    if (!(error instanceof Missing)) throw error;
    text = genericDetail(e);
  }
  return abbreviateTokens(text);
}

export interface TraceEventParts {
  /** Right-aligned to TIME_WIDTH. */
  readonly time: string;
  /** Left-aligned to NODE_WIDTH; '·' for world events. */
  readonly node: string;
  /** Left-aligned to KIND_WIDTH. */
  readonly kind: string;
  readonly detail: string;
}

/** The columns of an event's line, padded, for renderers that colour each one. */
export function formatTraceParts(e: TraceEvent): TraceEventParts {
  return {
    time: formatTimeMs(e.timeUs).padStart(TIME_WIDTH),
    node: stripControl(e.node === '' ? '·' : e.node).padEnd(NODE_WIDTH),
    kind: stripControl(String(e.kind)).padEnd(KIND_WIDTH),
    detail: stripControl(describeEvent(e)),
  };
}

/** One line for an event: time (ms, 3 decimals), node ('·' for the world), kind, key fields. */
export function formatTraceEvent(e: TraceEvent): FormattedEvent {
  const p = formatTraceParts(e);
  const text = `${p.time}  ${p.node} ${p.kind} ${p.detail}`.trimEnd();
  return { text, category: categoryOf(e.kind), failure: isFailure(e.kind) };
}

// ---------------------------------------------------------------------------
// Filters: which events the console shows.

/**
 * A trace filter. An event is shown when it passes every dimension that has
 * terms: its node is one of `nodes` (a world event passes when it names the
 * node, e.g. a partition of n1), and its kind is one of `kinds`, starts with
 * one of `prefixes`, or falls in one of `categories`.
 */
export interface TraceFilter {
  readonly nodes: readonly string[];
  readonly kinds: readonly string[];
  readonly prefixes: readonly string[];
  readonly categories: readonly TraceCategory[];
}

const KIND_SET: ReadonlySet<string> = new Set(TRACE_KINDS);
const NODE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const WORLD_NODE_FIELDS = ['a', 'b', 'from', 'to'] as const;

/** Classifies filter words into a filter; an error names the word it could not place. */
export function parseFilterTerms(words: readonly string[]): TraceFilter | { error: string } {
  const nodes: string[] = [];
  const kinds: string[] = [];
  const prefixes: string[] = [];
  const categories: TraceCategory[] = [];
  for (const word of words) {
    if ((TRACE_CATEGORIES as readonly string[]).includes(word))
      categories.push(word as TraceCategory);
    else if (KIND_SET.has(word)) kinds.push(word);
    else if (/^[a-z_]+\*$/.test(word)) {
      const prefix = word.slice(0, -1);
      if (!TRACE_KINDS.some((k) => k.startsWith(prefix)))
        return { error: `no trace kind starts with "${prefix}"` };
      prefixes.push(prefix);
    } else if (/_/.test(word)) {
      return {
        error: `"${clip(word)}" is not a trace kind (e.g. packet_sent, rpc_failed, or a prefix like rpc_*)`,
      };
    } else if (NODE_NAME.test(word)) nodes.push(word);
    else
      return {
        error: `"${clip(word)}" is not a node, a trace kind or a category (${TRACE_CATEGORIES.join(', ')})`,
      };
  }
  return {
    nodes: uniq(nodes),
    kinds: uniq(kinds),
    prefixes: uniq(prefixes),
    categories: uniq(categories),
  };
}

export function matchesFilter(filter: TraceFilter | null, e: TraceEvent): boolean {
  if (filter === null) return true;
  if (filter.nodes.length > 0) {
    const onNode = filter.nodes.includes(e.node);
    const names =
      e.node === '' &&
      WORLD_NODE_FIELDS.some(
        (k) => typeof e[k] === 'string' && filter.nodes.includes(e[k] as string),
      );
    if (!onNode && !names) return false;
  }
  const kindTerms = filter.kinds.length + filter.prefixes.length + filter.categories.length;
  if (kindTerms === 0) return true;
  return (
    filter.kinds.includes(e.kind) ||
    filter.prefixes.some((p) => e.kind.startsWith(p)) ||
    filter.categories.includes(categoryOf(e.kind))
  );
}

/** The filter as the words that make it ("n1 fault rpc_*"). */
export function formatFilter(filter: TraceFilter | null): string {
  if (filter === null) return 'off';
  return [
    ...filter.nodes,
    ...filter.categories,
    ...filter.kinds,
    ...filter.prefixes.map((p) => `${p}*`),
  ].join(' ');
}

function uniq<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
