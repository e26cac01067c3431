/*
 * The one exported union of trace event kinds: past-tense snake_case names of
 * everything observable in a run. The trace is the contract between the engine
 * and everything that draws or checks it, so every layer adds its kinds here
 * rather than inventing strings locally. Knows nothing of how events are drawn.
 */

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
  'packet_corrupted',
  'checksum_failed',
  'wire_error',
  'peer_state_changed',
  'backoff_scheduled',
  'message_queued',
  'message_dropped',
  'message_retransmitted',
  'queue_full',
  'hello_rejected',
  'ping_sent',
  'pong_received',
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

export type TraceKind = (typeof TRACE_KINDS)[number];
