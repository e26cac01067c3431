/*
 * Guided lessons: plain data. A lesson is a title and a sequence of steps;
 * each step is a complete session (scenario, seed, chaos, parameters, script)
 * and a moment in it, a few sentences in plain words, what to highlight on
 * screen, the facts the text states (checked against the engine's view by the
 * tests), and optionally a "try it" prompt the learner performs — noticed by
 * matching the interventions they add to the session. Imports only core.
 */
import type { Intervention } from '../core/intervention';
import type { TraceKind, TraceSchema } from '../core/sim';
import type { LinkState, PacketStatus, PeerState } from '../core/view';

export interface LessonSession {
  readonly scenario: string;
  readonly seed: number;
  readonly chaos?: string;
  readonly params?: Readonly<Record<string, number>>;
  /** The compact script form, e.g. `1s_partition_n1_n2~6s_heal`. */
  readonly script?: string;
}

/**
 * What to point at. Each maps to one element by data-testid:
 * node → `node-<target>`, link → `link-<a>-<b>`, peer → `peer-<node>-<remote>`
 * (the peer inspector shows that node), packet → `packet-inspector` with the
 * first packet matching kind/status selected; the panels by their own ids.
 */
export type Highlight =
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'link'; readonly a: string; readonly b: string }
  | { readonly kind: 'peer'; readonly node: string; readonly remote: string }
  | { readonly kind: 'packet'; readonly packetKind: string; readonly status?: PacketStatus }
  | {
      readonly kind: 'panel';
      readonly panel: 'timeline' | 'topology' | 'console' | 'peer-inspector' | 'packet-inspector';
      readonly node?: string;
    };

/** A statement the step's text makes, checked against the engine at the step's moment. */
export type Fact =
  | {
      readonly kind: 'peerState';
      readonly node: string;
      readonly remote: string;
      readonly state: PeerState;
      readonly attempt?: number;
    }
  | {
      readonly kind: 'linkState';
      readonly a: string;
      readonly b: string;
      readonly state: LinkState;
    }
  | {
      readonly kind: 'linkPartition';
      readonly a: string;
      readonly b: string;
      readonly partition: 'both' | 'a>b' | 'b>a' | null;
    }
  | { readonly kind: 'nodeAlive'; readonly node: string; readonly alive: boolean }
  | {
      readonly kind: 'packetSeen';
      readonly packetKind: string;
      readonly status?: PacketStatus;
      readonly from?: string;
      readonly atLeast?: number;
    }
  | {
      readonly kind: 'queueAtLeast';
      readonly node: string;
      readonly remote: string;
      readonly n: number;
    }
  | {
      readonly kind: 'queueAtMost';
      readonly node: string;
      readonly remote: string;
      readonly n: number;
    }
  | {
      readonly kind: 'retransmittedAtLeast';
      readonly node: string;
      readonly remote: string;
      readonly n: number;
    }
  | { readonly kind: 'rpcPending'; readonly rpc: string }
  /** A trace event of this kind (on this node, with these fields) happened at least `atLeast` (default 1) times. */
  | TraceSeen;

/** `traceSeen` for each kind, so a lesson can only name fields that kind has (trace-schema.ts). */
type TraceSeen = {
  [K in TraceKind]: {
    readonly kind: 'traceSeen';
    readonly event: K;
    readonly node?: string;
    readonly fields?: Partial<TraceSchema[K]>;
    readonly atLeast?: number;
  };
}[TraceKind];

/** Matches an intervention the learner applies during the step. */
export interface ActionMatcher {
  readonly kind: Intervention['kind'];
  /** Nodes it must name, in either order (for links). */
  readonly nodes?: readonly string[];
}

export interface TryIt {
  /** What to do, in plain words: "cut the link between n1 and n2 (click it)". */
  readonly prompt: string;
  readonly done: ActionMatcher;
}

export interface Step {
  readonly title: string;
  /** A few sentences in plain words. */
  readonly text: string;
  readonly session: LessonSession;
  /** Where the step stands in the run (virtual ms); it opens paused there. */
  readonly atMs: number;
  readonly highlight: Highlight;
  readonly facts: readonly Fact[];
  readonly tryIt?: TryIt;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly Step[];
}
