/*
 * The explorer page's state: the settings form as typed, the link's other
 * session parameters it keeps (a template: p.*, script, t.*), what each sweep
 * of the matrix produced so far (rows in arrival order, progress, the folded
 * result and its "Why?") with the selected one mirrored at the top level for
 * the summary and grid, and how the grid is sorted. Plain data for React to draw;
 * the sweep itself is run by explorer-controller.ts. Knows nothing of workers.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExploreSettings } from '../../core/explore/explore-query';
import type { SweepResult } from '../../core/explore/sweep-result';
import type { WhyJson } from '../../console/why-chain';
import type { CoverageGoals, SeedRow, SweepProgress } from './explorer-sweep';

export interface ExploreForm {
  readonly scenario: string;
  /** Chaos presets, profiles and mutants to sweep: one sweep per combination (a matrix). */
  readonly chaos: readonly string[];
  /** NO_MUTANT ('none') for the real transport. */
  readonly mutant: readonly string[];
  readonly profile: readonly string[];
  readonly from: string;
  readonly seeds: string;
  readonly until: string;
}

export type SortKey = 'seed' | 'verdict' | 'violation' | 'atUs' | 'events' | 'hash';

export type Phase = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

/** One sweep of the matrix: its settings and what it has produced so far. */
export interface SweepState {
  readonly settings: ExploreSettings;
  readonly phase: 'waiting' | Phase;
  readonly progress: SweepProgress | null;
  readonly rows: readonly SeedRow[];
  readonly result: SweepResult | null;
  readonly why: WhyJson | null;
  /** The sometimes/reachable assertions its seeds named (coverage rows, reached or not). */
  readonly goals: CoverageGoals;
}

export interface ExplorerState {
  readonly form: ExploreForm;
  /** The link's session parameters the form has no field for (p.*, script, t.*), as query pairs. */
  readonly template: readonly string[];
  /** What is wrong with the form or link, one line each; empty when it is valid. */
  readonly errors: readonly string[];
  readonly phase: Phase;
  /** Every sweep of the matrix (one per chaos × profile × mutant), in order. */
  readonly sweeps: readonly SweepState[];
  /** Which sweep the summary and grid show; the fields below mirror it. */
  readonly selected: number;
  /** The settings of the sweep shown (running or finished). */
  readonly settings: ExploreSettings | null;
  readonly progress: SweepProgress | null;
  readonly rows: readonly SeedRow[];
  readonly result: SweepResult | null;
  /** The chain behind the first failing seed's first violation (the export's `why`), once known. */
  readonly why: WhyJson | null;
  readonly goals: CoverageGoals;
  /** Why the sweep stopped early (a crash), or null. */
  readonly failure: string | null;
  readonly sort: { readonly key: SortKey; readonly descending: boolean };
  readonly workers: number;
}

export type ExplorerStore = StoreApi<ExplorerState>;

export function createExplorerStore(
  form: ExploreForm,
  template: readonly string[],
  workers: number,
): ExplorerStore {
  return createStore<ExplorerState>()(() => ({
    form,
    template,
    errors: [],
    phase: 'idle',
    sweeps: [],
    selected: 0,
    settings: null,
    progress: null,
    rows: [],
    result: null,
    why: null,
    goals: {},
    failure: null,
    sort: { key: 'seed', descending: false },
    workers,
  }));
}
