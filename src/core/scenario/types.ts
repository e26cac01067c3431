/*
 * What a scenario is: a topology and workload set up on a fresh world, plus
 * the invariants it checks and a description for the UI. Scenarios run on the
 * sim and the virtual network; they never know about the UI, the CLI or how a
 * run is driven (stepping, rewinding, sweeps).
 */
import type { Sim } from '../sim';
import type { ChaosPreset, Network } from '../net';
import type { PeerConfig } from '../peer/peer-config';

/**
 * Whether the run made progress once the network settled (docs/oracle.md):
 * `held` — judged, and every liveness check passed; `violated` — judged, and
 * one failed (the violation is in `violations` too); `not judged` — the run
 * ended before its quiet tail, or an intervention left a fault standing.
 */
export interface LivenessVerdict {
  readonly status: 'held' | 'violated' | 'not judged';
  /** Why it was not judged, or what was judged. */
  readonly reason: string;
  /** Virtual time (µs) from which liveness is judged (settle point + grace), or null when it never is. */
  readonly judgedFromUs: number | null;
}

export const LIVENESS_NOT_APPLICABLE: LivenessVerdict = {
  status: 'not judged',
  reason: 'this scenario has no liveness checks',
  judgedFromUs: null,
};

export interface ParamSpec {
  readonly name: string;
  readonly description: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  /**
   * A count of things (nodes, clients, pings, messages): a smaller value is a
   * smaller run of the same kind, so shrink (core/explore/shrink.ts) may lower
   * it. Other parameters change behaviour (a flag, a timing), not size.
   */
  readonly size?: boolean;
}

export interface World {
  readonly sim: Sim;
  readonly net: Network;
  /**
   * The config every peer of the run uses: the seed's defaults, the scenario's
   * own choices (`Scenario.transport`), then the session's profile and knobs
   * (core/transport-settings/settings.ts).
   */
  readonly peer: PeerConfig;
}

export interface ScenarioInstance {
  /** Called once when a run is summarised: end-of-run invariants and liveness checks. */
  finish?(): void;
  /** Scenario-specific outcome counts for the summary (e.g. records echoed). */
  outcomes?(): Record<string, number>;
  /** The liveness verdict so far (final once `finish` ran); absent: the scenario judges none. */
  liveness?(): LivenessVerdict;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** One paragraph in plain words, shown in the UI's scenario picker. */
  readonly description: string;
  readonly defaultChaos: ChaosPreset;
  /** How long a run lasts when the user does not say (µs of virtual time). */
  readonly defaultUntilUs: number;
  readonly params: readonly ParamSpec[];
  /** True when its nodes talk over raw connections, not peers (echo): no transport knob applies. */
  readonly rawConnections?: boolean;
  /** The scenario's own transport choices (e.g. fan-in's small queues); the session's profile and knobs win over them. */
  transport?(params: Readonly<Record<string, number>>): Partial<PeerConfig>;
  /** When random chaos stops starting new faults, so the end of a run can check liveness. */
  readonly chaosQuietAfterUs?: number;
  /** Hosts and their IPs, created by the engine before `setup`. */
  topology(
    params: Readonly<Record<string, number>>,
  ): readonly { name: string; ip: string; role: string }[];
  setup(world: World, params: Readonly<Record<string, number>>): ScenarioInstance;
}
