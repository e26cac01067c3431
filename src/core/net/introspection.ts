/*
 * Plain-data snapshots of the network for a read-only view: one row per live
 * connection (both sides' addresses and states, bytes in flight, stalled and
 * clogged flags per direction) and one row per active fault. Rows are sorted
 * by id and hold only primitives, so the UI can diff and draw them without
 * touching protocol objects. Knows nothing of drawing.
 */
import { formatAddress } from './address';
import type { Fault, FaultCause, FaultTable } from './fault-table';
import { describeLatency } from './latency';
import type { Link } from './link';
import type { Pipe } from './pipe';
import type { Side, ConnectionState } from './side';

export interface SideInfo {
  readonly host: string;
  readonly address: string;
  readonly state: ConnectionState;
  /** False for the connecting side until the handshake reply arrives. */
  readonly established: boolean;
}

export interface DirectionInfo {
  readonly bytesInFlight: number;
  readonly stalled: boolean;
  readonly clogged: boolean;
  /** Data segments on the wire (stream offset, size, due time); a stalled direction's are overdue. */
  readonly segments: readonly {
    readonly offset: number;
    readonly bytes: number;
    readonly dueUs: number;
  }[];
}

/** `a` is the side that connected, `b` the side that accepted. */
export interface ConnectionInfo {
  readonly id: number;
  readonly a: SideInfo;
  readonly b: SideInfo;
  readonly aToB: DirectionInfo;
  readonly bToA: DirectionInfo;
}

interface Timed {
  readonly id: number;
  readonly cause: FaultCause;
  readonly sinceUs: number;
}

export type FaultInfo =
  | (Timed & { kind: 'partition'; a: string; b: string; oneWay: boolean; untilUs: number | null })
  | (Timed & { kind: 'isolate'; host: string; untilUs: number | null })
  | (Timed & { kind: 'clog'; a: string; b: string; untilUs: number })
  | (Timed & { kind: 'latency_spike'; a: string; b: string; model: string; untilUs: number })
  | { kind: 'pair_latency'; a: string; b: string; model: string }
  | { kind: 'corrupt_next' | 'connect_fault'; from: string; to: string; detail: string };

export function connectionInfo(link: Link): ConnectionInfo {
  return {
    id: link.id,
    a: sideInfo(link.sides[0]),
    b: sideInfo(link.sides[1]),
    aToB: directionInfo(link.pipes[0]),
    bToA: directionInfo(link.pipes[1]),
  };
}

/** Timed faults by id, then per-pair latencies, then armed one-shot faults. */
export function faultInfos(table: FaultTable): FaultInfo[] {
  const timed = table.list().map(faultInfo);
  const pairs = table.pairLatencies().map(({ a, b, model }): FaultInfo => ({
    kind: 'pair_latency',
    a,
    b,
    model: describeLatency(model),
  }));
  return [...timed, ...pairs, ...table.armed()];
}

function faultInfo(f: Fault): FaultInfo {
  const base = { id: f.id, cause: f.cause, sinceUs: f.sinceUs };
  if (f.kind === 'clog') return { ...base, kind: 'clog', a: f.a, b: f.b, untilUs: f.untilUs };
  if (f.kind === 'latency_spike') {
    return {
      ...base,
      kind: 'latency_spike',
      a: f.a,
      b: f.b,
      model: describeLatency(f.model),
      untilUs: f.untilUs,
    };
  }
  if (f.mode === 'isolate') return { ...base, kind: 'isolate', host: f.a, untilUs: f.untilUs };
  return {
    ...base,
    kind: 'partition',
    a: f.a,
    b: f.b,
    oneWay: f.mode === 'one_way',
    untilUs: f.untilUs,
  };
}

function sideInfo(side: Side): SideInfo {
  return {
    host: side.host.name,
    address: formatAddress(side.local),
    state: side.state,
    established: side.established,
  };
}

function directionInfo(pipe: Pipe): DirectionInfo {
  return {
    bytesInFlight: pipe.bytesInFlight,
    stalled: pipe.stalled,
    clogged: pipe.clogged,
    segments: pipe.inFlight(),
  };
}
