/*
 * The engine's read-only view: a plain-data projection of one moment of a run
 * for anything that draws it (the playground, tests). Only primitives, arrays
 * and plain objects — no protocol objects leak out, so a viewer can never
 * change the simulation by accident. Times are µs of virtual time.
 */
import type { AssertionResult, Violation } from '../sim';
import type { FaultInfo } from '../net';
import type { PeerMetrics, PeerState } from '../peer';
import type { RpcEnd } from './lifecycle';

export type { PeerState };
import type { LivenessVerdict } from '../run-summary';

export interface NodeView {
  readonly name: string;
  readonly ip: string;
  readonly role: string;
  readonly alive: boolean;
  readonly incarnation: number;
}

export type LinkState = 'idle' | 'connecting' | 'connected' | 'stalled';

export interface LinkView {
  /** Node names, a < b in topology order. */
  readonly a: string;
  readonly b: string;
  readonly state: LinkState;
  readonly connections: number;
  /** 'both', 'a>b' or 'b>a' (one-way: bytes from the first to the second are cut), or null. */
  readonly partition: 'both' | 'a>b' | 'b>a' | null;
  readonly clogged: boolean;
  readonly latencySpike: boolean;
}

export interface MessageChip {
  readonly id: number;
  readonly label: string;
  readonly bytes: number;
  readonly ageUs: number;
  readonly reliable: boolean;
  /** Written to a connection at least once (a reliable one waits for its sender to cancel it). */
  readonly sent: boolean;
}

export interface PeerView {
  readonly node: string;
  /** The remote address and, when known, its node name. */
  readonly remote: string;
  readonly remoteNode: string | null;
  readonly state: PeerState;
  /** Seq of the event that put it in `state` (-1: it never moved), for "Why?". */
  readonly stateSeq: number;
  readonly metrics: PeerMetrics;
  readonly reliable: readonly MessageChip[];
  readonly unreliable: readonly MessageChip[];
}

export type PacketStatus = 'in-flight' | 'stalled' | 'delivered' | 'corrupted' | 'lost';

export interface PacketView {
  /** Its key (core/peer/packet-id.ts): unique in a run. */
  readonly id: string;
  /** Seq of its packet_sent, and of the event that ended it (-1 while on its way), for "Why?". */
  readonly seq: number;
  readonly endSeq: number;
  readonly conn: number;
  readonly fromNode: string;
  readonly toNode: string;
  readonly kind: string;
  readonly bytes: number;
  readonly sentUs: number;
  /** When it arrives (or arrived); null while stalled or when lost. */
  readonly deliverUs: number | null;
  /** When it finished (delivered, corrupted or lost); null while still on its way. */
  readonly endUs: number | null;
  readonly status: PacketStatus;
  readonly msg: number;
}

export interface RpcView {
  readonly rpc: string;
  readonly node: string;
  readonly to: string;
  readonly sentUs: number;
  readonly deadlineAtUs: number | null;
  readonly reliable: boolean;
  /** Seq of its rpc_sent. */
  readonly seq: number;
}

/** A call that ended: how, when, and the event that ended it (for "Why?"). */
export interface RpcOutcomeView extends RpcView {
  readonly end: RpcEnd;
  /** The error kind of a failed call ('caller killed' for an abandoned one); '' for a reply. */
  readonly error: string;
  readonly endUs: number;
  readonly endSeq: number;
}

export interface EngineView {
  readonly scenario: string;
  readonly seed: string;
  readonly chaos: string;
  readonly timeUs: number;
  readonly events: number;
  /** More events are due at this same microsecond: the moment is "after `events` events", not just a time. */
  readonly midInstant: boolean;
  readonly traceHash: string;
  readonly nodes: readonly NodeView[];
  readonly links: readonly LinkView[];
  readonly peers: readonly PeerView[];
  readonly packets: readonly PacketView[];
  readonly rpcs: readonly RpcView[];
  /** The last calls that ended, oldest first (a bounded history). */
  readonly recentRpcs: readonly RpcOutcomeView[];
  readonly faults: readonly FaultInfo[];
  readonly assertions: readonly AssertionResult[];
  readonly violations: readonly Violation[];
  /** Liveness so far: not judged until the run reaches its quiet tail (see docs/oracle.md). */
  readonly liveness: LivenessVerdict;
  /** The deliberately broken transport this session runs, or null (show it loudly). */
  readonly mutant: { readonly id: string; readonly breaks: string } | null;
  readonly environment: readonly { readonly knob: string; readonly value: string }[];
}
