/*
 * Guided lessons: plain data. A lesson is a title and a sequence of steps;
 * each step is a complete session (scenario, seed, chaos, parameters, script)
 * and a moment in it, a few sentences in plain words, what to highlight on
 * screen, the facts the text states (checked against the engine's view by the
 * tests), and optionally a "try it" prompt the learner performs — noticed by
 * matching the interventions they add to the session — a question to answer
 * before the run reveals it, or an end-of-lesson check. Every answer is graded
 * by the engine: a choice is right when its facts hold in the run (grade.ts),
 * so changing the run changes the answer. Imports only core.
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
  /** Transport profile and knobs, as typed in a link (`fdb`; `jitter=0`). */
  readonly transport?: {
    readonly profile?: string;
    readonly knobs?: readonly (readonly [string, string])[];
  };
  /** A deliberately broken transport (core/mutants/catalogue.ts). */
  readonly mutant?: string;
}

/**
 * What to point at. Each maps to one element by data-testid:
 * node → `node-<target>`, link → `link-<a>-<b>`, peer → `peer-<node>-<remote>`
 * (the peer inspector shows that node), call → `call-<rpc>` in its caller's
 * call list, packet → `packet-inspector` with the
 * first packet matching kind/status selected; the panels by their own ids.
 */
export type Highlight = (
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'link'; readonly a: string; readonly b: string }
  /** `part: 'queue'`: the step is about what the peer holds, so its queue is brought into view. */
  | {
      readonly kind: 'peer';
      readonly node: string;
      readonly remote: string;
      readonly part?: 'queue';
    }
  /** A call that has ended, in its caller's call list (`call-<rpc>`). */
  | { readonly kind: 'call'; readonly node: string; readonly rpc: string }
  | {
      readonly kind: 'packet';
      readonly packetKind: string;
      readonly status?: PacketStatus;
      readonly from?: string;
    }
  | {
      readonly kind: 'panel';
      readonly panel:
        | 'timeline'
        | 'topology'
        | 'console'
        | 'peer-inspector'
        | 'packet-inspector'
        | 'invariants'
        | 'copy-link';
      readonly node?: string;
    }
) & {
  /** The tag beside the ring: what the learner should look at there ("n2's peer for n1"). */
  readonly label?: string;
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
  /** `node`'s peer scheduled reconnect attempt `attempt` after a wait in [minMs, maxMs]. */
  | {
      readonly kind: 'backoffWait';
      readonly node: string;
      readonly attempt: number;
      readonly minMs: number;
      readonly maxMs: number;
    }
  /** The most events of this kind (on this node) within any `withinMs` window: a wave of them, or not. */
  | {
      readonly kind: 'traceBurst';
      readonly event: TraceKind;
      readonly node?: string;
      readonly withinMs: number;
      readonly atLeast?: number;
      readonly atMost?: number;
    }
  /** The oracle found a violation (of the invariant whose id starts with `invariant`, if given). */
  | { readonly kind: 'violationSeen'; readonly invariant?: string }
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
    /** At most this many times (0: it never happened). */
    readonly atMost?: number;
    /** Only events within NEAR_MS of this moment (virtual ms) count: "it reconnected at 6.2 s". */
    readonly nearMs?: number;
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

/** One answer to a question: right when all its facts hold in the run at the reveal moment. */
export interface Choice {
  readonly label: string;
  readonly facts: readonly Fact[];
}

/** Predict, then reveal: the learner picks a choice, the run plays on, the engine grades it. */
export interface Question {
  readonly prompt: string;
  /** 3–4 choices; at the reveal moment exactly one holds (the tests check it). */
  readonly choices: readonly Choice[];
  /** Where the answer shows (virtual ms, after the step's moment); absent: it shows at the step's moment. */
  readonly revealAtMs?: number;
  /** Said after the reveal: why it went that way. */
  readonly explain: string;
  /** The same step with this change to its session makes another choice right (proof the engine grades it). */
  readonly whatIf?: Partial<LessonSession>;
}

/** One task of an end-of-lesson check, graded by the engine. */
export type Task =
  | { readonly kind: 'answer'; readonly question: Question }
  /** Select (click) a packet of this kind and status in the run. */
  | {
      readonly kind: 'select';
      readonly prompt: string;
      readonly packetKind: string;
      readonly status?: PacketStatus;
      readonly from?: string;
    }
  /** Make the run do something with interventions: done once the facts hold. */
  | {
      readonly kind: 'achieve';
      readonly prompt: string;
      readonly facts: readonly Fact[];
      /** A script added to the step's session that does it by `byMs` (the tests run it). */
      readonly solution: string;
      readonly byMs: number;
    };

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
  /** The step enters by playing from here to `atMs` (virtual ms); default: a short lead-in (steps.ts). */
  readonly fromMs?: number;
  readonly question?: Question;
  /** The end-of-lesson check: three tasks. */
  readonly check?: readonly Task[];
  /** A side-by-side run: this session against the step's, opened in the compare view. */
  readonly compareWith?: LessonSession;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** While this lesson is open the page does not name its mutant's bug: finding it is the lesson. */
  readonly secretMutant?: boolean;
  readonly steps: readonly Step[];
}
