/*
 * The trace's kinds as a runtime list, in a stable order (by layer), for code
 * that iterates over kinds (subscriptions, counts). The kinds and their fields
 * are declared in trace-schema.ts; the compile-time check at the bottom keeps
 * this list and the schema equal. Knows nothing of how events are drawn.
 */
import type { TraceSchema } from './trace-schema';

export const TRACE_KINDS = [
  // sim
  'run_started',
  'task_failed',
  'invariant_violated',
  'buggify_fired',
  'intervention_applied',
  // net: connections and bytes
  'host_listened',
  'connect_started',
  'connect_accepted',
  'connect_refused',
  'connect_hung',
  'connection_closed',
  'connection_reset',
  'bytes_sent',
  'bytes_delivered',
  'bytes_dropped',
  'connection_opened',
  'connect_cancelled',
  'listener_closed',
  // net: faults
  'partition_created',
  'partition_healed',
  'clog_started',
  'clog_released',
  'bits_flipped',
  'latency_spike_started',
  'latency_spike_ended',
  'node_killed',
  'node_restarted',
  'corruption_armed',
  'connect_fault_armed',
  'pair_latency_set',
  // wire + peer (issue 3)
  'packet_sent',
  'packet_delivered',
  'checksum_failed',
  'wire_error',
  'peer_state_changed',
  'backoff_scheduled',
  'message_queued',
  'message_dropped',
  'message_retransmitted',
  'queue_full',
  'hello_rejected',
  'ping_timeout',
  // transport + rpc
  'endpoint_not_found',
  'endpoint_failed',
  'message_undecodable',
  'rpc_sent',
  'rpc_received',
  'rpc_answered',
  'rpc_replied',
  'rpc_failed',
  // scenario workloads
  'record_sent',
  'record_received',
  'record_corrupted',
  'message_delivered',
  'request_shed',
  'block_appended',
] as const;

export type TraceKind = keyof TraceSchema;

// Both directions: a kind in the schema but not listed, or listed but not in the schema, fails here.
type Unlisted = Exclude<TraceKind, (typeof TRACE_KINDS)[number]>;
type Unknown = Exclude<(typeof TRACE_KINDS)[number], TraceKind>;
export const TRACE_KINDS_MATCH_SCHEMA: [Unlisted, Unknown] extends [never, never]
  ? true
  : { unlisted: Unlisted; unknown: Unknown } = true;
