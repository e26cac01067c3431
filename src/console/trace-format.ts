/*
 * Trace events as one human line each, for the browser console and the CLI:
 *   "   812.000ms  n2     rpc_failed            n2#2 Timeout after 700.000ms"
 * plus a category (fault / peer / packet / rpc / violation / other) that a
 * renderer turns into a colour, and whether the event is a failure worth
 * highlighting. Also trace filters (`filter n1 fault`, `filter 2.3s..4.6s`). Pure and
 * deterministic; output never contains control characters, so a string from
 * the trace cannot steer a terminal.
 */
import {
  fieldsOf,
  formatMoment,
  formatUs,
  TRACE_KINDS,
  type TraceEvent,
  type TraceEventOf,
  type TraceKind,
  type TraceValue,
} from '../core/sim';
import { formatDurationExact, parseDurationUs } from '../core/sim/time';

export const TRACE_CATEGORIES = ['fault', 'peer', 'packet', 'rpc', 'violation', 'other'] as const;
export type TraceCategory = (typeof TRACE_CATEGORIES)[number];

export interface FormattedEvent {
  readonly text: string;
  readonly category: TraceCategory;
  /** Something went wrong (a failed RPC, a dropped message, a bad checksum): drawn stronger. */
  readonly failure: boolean;
}

/** How the console shows one kind: its colour family, whether it is a failure, and its detail text. */
interface KindFormat<K extends TraceKind> {
  readonly category: TraceCategory;
  /** Something went wrong (a failed RPC, a dropped message, a bad checksum): drawn stronger. */
  readonly failure: boolean;
  readonly detail: (e: TraceEventOf<K>) => string;
}

const bytes = (n: number) => `${n} B`;
const origin = (o: string) => (o === '' ? '' : ` (${o})`);
const pair = (e: { a: string; b: string }, arrow: string) => `${e.a} ${arrow} ${e.b}`;
const isolated = (e: { a: string; b: string; mode: string }) => e.mode === 'isolate' || e.b === '';
const fault = <K extends TraceKind>(detail: (e: TraceEventOf<K>) => string): KindFormat<K> => ({
  category: 'fault',
  failure: false,
  detail,
});
const kindOf =
  (category: TraceCategory, failure: boolean) =>
  <K extends TraceKind>(detail: (e: TraceEventOf<K>) => string): KindFormat<K> => ({
    category,
    failure,
    detail,
  });
const peer = kindOf('peer', false);
const peerFailure = kindOf('peer', true);
const packet = kindOf('packet', false);
const packetFailure = kindOf('packet', true);
const rpc = kindOf('rpc', false);
const rpcFailure = kindOf('rpc', true);
const other = kindOf('other', false);
const violation = kindOf('violation', true);

/** Every kind, so a new kind does not compile until the console knows how to show it. */
const KINDS: { readonly [K in TraceKind]: KindFormat<K> } = {
  run_started: other((e) => `${e.scenario} seed ${e.seed} chaos ${e.chaos}`),
  task_failed: violation((e) => `task ${e.task} failed: ${e.error} ${e.message}`),
  invariant_violated: violation((e) => `${e.name}: ${e.message}`),
  buggify_fired: fault((e) => `buggify ${e.site}`),
  intervention_applied: fault((e) => e.action),
  host_listened: other((e) => `listening on ${e.address}`),
  listener_closed: other((e) => `port ${e.port} closed (${e.reason})`),
  connect_started: peer((e) => `conn ${e.conn} → ${e.toNode} (${e.toAddr})`),
  connect_accepted: peer((e) => `conn ${e.conn} from ${e.fromNode} on port ${e.port}`),
  connect_refused: peerFailure((e) => `conn ${e.conn} → ${e.toNode} refused: ${e.reason}`),
  connect_hung: peerFailure((e) => `conn ${e.conn} → ${e.toNode} hangs: ${e.reason}`),
  connect_cancelled: peer((e) => `conn ${e.conn} → ${e.toNode} cancelled`),
  connection_opened: peer((e) => `conn ${e.conn} → ${e.toNode} open (local port ${e.port})`),
  connection_closed: peer(
    (e) =>
      `conn ${e.conn} with ${e.peerNode} closed (${e.step})${e.step === 'fin_sent' ? origin(e.origin) : ''}`,
  ),
  connection_reset: peerFailure((e) =>
    e.step === 'rst_lost'
      ? `conn ${e.conn} RST ${e.fromNode} → ${e.toNode} lost in a partition`
      : `conn ${e.conn} with ${e.peerNode} reset: ${e.reason}${e.step === 'rst_sent' && e.dropped > 0 ? `, ${bytes(e.dropped)} dropped` : ''}`,
  ),
  bytes_sent: packet((e) => `conn ${e.conn} → ${e.toNode} ${bytes(e.bytes)} @${e.offset}`),
  bytes_delivered: packet((e) => `conn ${e.conn} ← ${e.fromNode} ${bytes(e.bytes)} @${e.offset}`),
  bytes_dropped: packetFailure(
    (e) => `conn ${e.conn} ← ${e.fromNode} ${bytes(e.bytes)} dropped: ${e.reason}`,
  ),
  partition_created: fault((e) => {
    const what = isolated(e)
      ? `${e.a} isolated`
      : e.mode === 'both'
        ? pair(e, '✕')
        : `${pair(e, '✕')} (${e.mode})`;
    return `${what}${e.durationUs === null ? '' : ` for ${formatUs(e.durationUs)}`}${origin(e.origin)}`;
  }),
  partition_healed: fault(
    (e) => `${isolated(e) ? `${e.a} rejoined` : `${pair(e, '↔')} healed`}${origin(e.origin)}`,
  ),
  clog_started: fault(
    (e) => `${pair(e, '⇢')} clogged for ${formatUs(e.durationUs)}${origin(e.origin)}`,
  ),
  clog_released: fault((e) => `${pair(e, '⇢')} unclogged`),
  bits_flipped: fault(
    (e) =>
      `conn ${e.conn} from ${e.fromNode}: ${e.count} bit${e.count === 1 ? '' : 's'} flipped at ${e.positions}${origin(e.origin)}`,
  ),
  latency_spike_started: fault(
    (e) => `${pair(e, '→')} latency ${e.model} for ${formatUs(e.durationUs)}${origin(e.origin)}`,
  ),
  latency_spike_ended: fault((e) => `${pair(e, '→')} latency back to normal`),
  node_killed: fault(
    (e) =>
      `killed (incarnation ${e.incarnation}, ${e.connections} conns, ${e.listeners} listeners)${origin(e.origin)}`,
  ),
  node_restarted: fault((e) => `restarted (incarnation ${e.incarnation})${origin(e.origin)}`),
  corruption_armed: fault(
    (e) =>
      `next frame ${e.fromNode} → ${e.toNode} will be corrupted${e.atByte !== null ? ` (a bit of byte ${e.atByte})` : ''}${origin(e.origin)}`,
  ),
  connect_fault_armed: fault(
    (e) => `next connect ${e.fromNode} → ${e.toNode}: ${e.mode}${origin(e.origin)}`,
  ),
  pair_latency_set: fault((e) => `${pair(e, '→')} latency ${e.model ?? 'back to the environment'}`),
  packet_sent: packet(
    (e) => `${e.packet} ${bytes(e.bytes)} ${e.fromAddr} → ${e.toAddr} conn ${e.conn}`,
  ),
  packet_delivered: packet(
    (e) => `${e.packet} ${bytes(e.bytes)} ${e.fromAddr} → ${e.toAddr} conn ${e.conn}`,
  ),
  checksum_failed: packetFailure((e) => `conn ${e.conn} from ${e.fromAddr}: ${e.error}`),
  wire_error: packetFailure((e) => `conn ${e.conn} from ${e.fromAddr}: ${e.error}`),
  peer_state_changed: peer((e) => `${e.peerAddr} ${e.fromState} → ${e.toState} (${e.reason})`),
  backoff_scheduled: peer(
    (e) =>
      `${e.peerAddr} attempt ${e.attempt}, retry in ${formatUs(e.delayUs)}${e.minUs === e.maxUs ? ' (no jitter)' : ` (drawn in ${formatUs(e.minUs)}–${formatUs(e.maxUs)})`}`,
  ),
  message_queued: peer(
    (e) =>
      `${e.peerAddr} ${e.packet} #${e.msg} ${bytes(e.bytes)}${e.reliable ? ' reliable' : ''} (queue ${e.queued}, ${bytes(e.queuedBytes)})`,
  ),
  message_dropped: peerFailure(
    (e) => `${e.peerAddr} ${e.packet}${e.msg >= 0 ? ` #${e.msg}` : ''} dropped: ${e.reason}`,
  ),
  message_retransmitted: peer((e) => `${e.peerAddr} #${e.msg} sent again (send ${e.sends})`),
  queue_full: peerFailure(
    (e) =>
      `${e.peerAddr} queue full, policy ${e.policy} (${e.queued} queued, ${bytes(e.queuedBytes)})`,
  ),
  hello_rejected: peerFailure((e) => `conn ${e.conn} from ${e.fromAddr}: ${e.reason}`),
  ping_timeout: peerFailure((e) => `${e.peerAddr} silent for ${formatUs(e.waitedUs)}`),
  endpoint_not_found: rpcFailure((e) => `token ${e.token} from ${e.fromAddr}`),
  endpoint_failed: rpcFailure((e) => `${e.endpoint} failed`),
  message_undecodable: rpcFailure((e) =>
    'rpc' in e ? `reply to ${e.rpc} undecodable` : `${e.bytes} B at ${e.endpoint} undecodable`,
  ),
  rpc_sent: rpc(
    (e) =>
      `${e.rpc} → ${e.toEndpoint}${e.reliable ? ' reliable' : ''}${e.deadlineUs === null ? '' : `, deadline ${formatUs(e.deadlineUs)}`}`,
  ),
  rpc_received: rpc((e) => `${e.rpc} at ${e.endpoint}${e.conn >= 0 ? ` (conn ${e.conn})` : ''}`),
  rpc_answered: rpc((e) => `${e.rpc} answered${e.error ? ` ${e.error}` : ''}`),
  rpc_replied: rpc((e) => `${e.rpc} replied in ${formatUs(e.latencyUs)}`),
  rpc_failed: rpcFailure((e) => `${e.rpc} ${e.error} after ${formatUs(e.latencyUs)}`),
  record_sent: other((e) => `conn ${e.conn} record ${e.record}`),
  record_received: other((e) => `conn ${e.conn} record ${e.record}`),
  record_corrupted: kindOf(
    'other',
    true,
  )((e) => `conn ${e.conn} ${e.reason} after record ${e.afterSeq}`),
  message_delivered: other(
    (e) => `#${e.msgSeq} incarnation ${e.inc}${e.reliable ? ' reliable' : ''} conn ${e.conn}`,
  ),
  request_shed: rpcFailure((e) => `${e.rpc} shed (backlog ${e.backlog})`),
  block_appended: other((e) => `block ${e.index} ${e.hash} ${JSON.stringify(e.data)}`),
};

// Lookups tolerate a kind this build does not know (an event from another version): it is 'other'.
export function categoryOf(kind: TraceKind): TraceCategory {
  return (KINDS[kind] as KindFormat<TraceKind> | undefined)?.category ?? 'other';
}

export function isFailure(kind: TraceKind): boolean {
  return (KINDS[kind] as KindFormat<TraceKind> | undefined)?.failure ?? false;
}

/** "…b09f" for 16-hex-digit endpoint tokens: the tail tells tokens apart, the rest is noise on one line. */
export function abbreviateTokens(text: string): string {
  return text.replace(/\b[0-9a-f]{16}\b/g, (t) => `…${t.slice(-4)}`);
}

function valueText(v: TraceValue): string {
  if (v === null) return '-';
  return typeof v === 'string' ? v : String(v);
}

/** "key=value" for every field but the envelope, in emission order. */
export function genericDetail(e: TraceEvent): string {
  return Object.entries(fieldsOf(e))
    .map(([k, v]) => `${k}=${valueText(v)}`)
    .join(' ');
}

/** The detail part of an event's line (no time, node or kind). */
export function describeEvent(e: TraceEvent): string {
  const format = KINDS[e.kind] as KindFormat<TraceKind> | undefined;
  // A kind this build does not know, or an event without the fields its kind has
  // (one from another version), still shows: generically.
  let text: string;
  try {
    text = format ? format.detail(e) : genericDetail(e);
  } catch {
    text = genericDetail(e);
  }
  return abbreviateTokens(/\bundefined\b|\bNaN/.test(text) ? genericDetail(e) : text);
}

/** Replaces control characters (C0, DEL, C1) so nothing can emit terminal escapes. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�');
}

/** Room for a moment up to 999 s ("812.000 000 s", core/sim/time.ts formatMoment). */
export const TIME_WIDTH = 13;
export const NODE_WIDTH = 5;
export const KIND_WIDTH = 21;

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
    time: formatMoment(e.timeUs).padStart(TIME_WIDTH),
    node: stripControl(e.node === '' ? '·' : e.node).padEnd(NODE_WIDTH),
    kind: stripControl(e.kind).padEnd(KIND_WIDTH),
    detail: stripControl(describeEvent(e)),
  };
}

/** One line for an event: its moment (formatMoment), node ('·' for the world), kind, key fields. */
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
  /** Only events from `fromUs` to `toUs` (inclusive), when set: `filter 2.3s..4.6s`. */
  readonly window?: { readonly fromUs: number; readonly toUs: number };
}

const KIND_SET: ReadonlySet<string> = new Set(TRACE_KINDS);
const NODE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
/** Fields of world events ('' node) that name nodes, so `filter n1` shows a partition of n1. */
const WORLD_NODE_FIELDS = ['a', 'b', 'fromNode', 'toNode'] as const;

/** Classifies filter words into a filter; an error names the word it could not place. */
export function parseFilterTerms(words: readonly string[]): TraceFilter | { error: string } {
  const nodes: string[] = [];
  const kinds: string[] = [];
  const prefixes: string[] = [];
  const categories: TraceCategory[] = [];
  let window: TraceFilter['window'];
  for (const word of words) {
    if (word.includes('..')) {
      const parsed = parseWindow(word);
      if ('error' in parsed) return parsed;
      window = parsed;
    } else if ((TRACE_CATEGORIES as readonly string[]).includes(word))
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
    ...(window ? { window } : {}),
  };
}

/** `2.3s..4.6s`: a time window, both ends durations, the first not after the second. */
function parseWindow(word: string): { fromUs: number; toUs: number } | { error: string } {
  const [from = '', to = '', ...more] = word.split('..');
  const fromUs = parseDurationUs(from);
  const toUs = parseDurationUs(to);
  if (more.length > 0 || typeof fromUs !== 'number' || typeof toUs !== 'number')
    return { error: `"${clip(word)}" is not a time window (e.g. 2.3s..4.6s)` };
  if (fromUs > toUs) return { error: `time window ${clip(word)}: the start is after the end` };
  return { fromUs, toUs };
}

export function matchesFilter(filter: TraceFilter | null, e: TraceEvent): boolean {
  if (filter === null) return true;
  if (filter.window && (e.timeUs < filter.window.fromUs || e.timeUs > filter.window.toUs))
    return false;
  if (filter.nodes.length > 0) {
    const onNode = filter.nodes.includes(e.node);
    const names =
      e.node === '' &&
      WORLD_NODE_FIELDS.some((k) => {
        const v = fieldsOf(e)[k];
        return typeof v === 'string' && filter.nodes.includes(v);
      });
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
    ...(filter.window
      ? [`${formatDurationExact(filter.window.fromUs)}..${formatDurationExact(filter.window.toUs)}`]
      : []),
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
