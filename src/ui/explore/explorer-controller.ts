/*
 * Runs the explorer: turns the form into a plan (through the same link
 * grammar a shared explorer link uses, so the form can never mean something a
 * link cannot), keeps the address bar equal to it, runs its sweeps — one per
 * chaos × profile × mutant, one after another, each on the whole worker pool —
 * stops them, asks a worker for each sweep's first failure's "Why?", and
 * builds the JSON export (`tidepool sweep --json`'s object for a sweep; an
 * array of them for the whole matrix). Knows nothing of how the page is drawn.
 */
import {
  exploreFromQuery,
  exploreToQuery,
  NO_MUTANT,
  type ExploreSettings,
} from '../../core/explore/explore-query';
import { formatDurationExact } from '../../core/sim/time';
import type { ExploreForm, ExplorerState, ExplorerStore, SweepState } from './explorer-store';
import {
  runExplorerSweep,
  seedRow,
  withGoals,
  type CoverageGoals,
  type SeedRow,
  type SweepProgress,
} from './explorer-sweep';

const FLUSH_MS = 150;
import { Cancelled, type WorkerPool } from './worker-pool';

/** The fields of the top-level state that mirror the selected sweep. */
function mirror(sweep: SweepState | undefined): Partial<ExplorerState> {
  return sweep
    ? {
        settings: sweep.settings,
        progress: sweep.progress,
        rows: sweep.rows,
        result: sweep.result,
        why: sweep.why,
        goals: sweep.goals,
      }
    : { settings: null, progress: null, rows: [], result: null, why: null, goals: {} };
}

export class ExplorerController {
  private run = 0;
  /** The user picked a sweep of the matrix to look at (the page no longer picks one for them). */
  private chosen = false;

  constructor(
    readonly store: ExplorerStore,
    private readonly pool: WorkerPool,
    private readonly history: Pick<History, 'replaceState'> = window.history,
  ) {}

  /** The form's settings as a link query (explore-query.ts's grammar). */
  formQuery(form: ExploreForm = this.store.getState().form): string {
    const list = (values: readonly string[]) => values.map(encodeURIComponent).join(',');
    const pairs = [
      'explore=sweep',
      `scenario=${encodeURIComponent(form.scenario)}`,
      `chaos=${list(form.chaos)}`,
      ...(form.mutant.length === 1 && form.mutant[0] === NO_MUTANT
        ? []
        : [`mutant=${list(form.mutant)}`]),
      ...(form.profile.length === 1 && form.profile[0] === 'seed'
        ? []
        : [`profile=${list(form.profile)}`]),
      `from=${encodeURIComponent(form.from.trim())}`,
      `seeds=${encodeURIComponent(form.seeds.trim())}`,
      ...(form.until.trim() ? [`until=${encodeURIComponent(form.until.trim())}`] : []),
      ...this.store.getState().template,
    ];
    return pairs.join('&');
  }

  setForm(change: Partial<ExploreForm>): void {
    const { form, template } = this.store.getState();
    // Another scenario's parameters and script would not fit this one: the template goes with it.
    const keep = change.scenario !== undefined && change.scenario !== form.scenario ? [] : template;
    this.store.setState({ form: { ...form, ...change }, template: keep, errors: [] });
  }

  /** What is missing from the form before it can be a plan (an empty list), else null. */
  private formGaps(): string[] {
    const { form } = this.store.getState();
    return [
      ...(form.chaos.length === 0 ? ['choose at least one chaos preset'] : []),
      ...(form.profile.length === 0 ? ['choose at least one transport profile'] : []),
      ...(form.mutant.length === 0
        ? ['choose at least one transport: the real one ("none") or a mutant']
        : []),
    ];
  }

  /** Starts the form's sweeps (stopping any that run); false with errors shown when they are invalid. */
  start(): boolean {
    const gaps = this.formGaps();
    const parsed =
      gaps.length > 0 ? { ok: false as const, errors: gaps } : exploreFromQuery(this.formQuery());
    if (!parsed.ok) {
      this.store.setState({ errors: parsed.errors });
      return false;
    }
    this.stop();
    const plan = parsed.plan;
    this.history.replaceState(null, '', `?${exploreToQuery(plan)}`);
    const run = ++this.run;
    this.chosen = false;
    const sweeps: SweepState[] = plan.sweeps.map((settings) => ({
      settings,
      phase: 'waiting',
      progress: null,
      rows: [],
      result: null,
      why: null,
      goals: {},
    }));
    this.store.setState({
      errors: [],
      phase: 'running',
      sweeps,
      selected: 0,
      failure: null,
      ...mirror(sweeps[0]),
    });
    void this.runAll(run, plan.sweeps);
    return true;
  }

  private async runAll(run: number, plan: readonly ExploreSettings[]): Promise<void> {
    for (const [i, settings] of plan.entries()) {
      if (run !== this.run) return;
      this.update(i, {
        phase: 'running',
        progress: { done: 0, total: settings.count, failed: 0, elapsedSec: 0, seedsPerSec: 0 },
      });
      // Rows reach the page at most every FLUSH_MS: redrawing the grid for every batch of a
      // 100 000-seed sweep would cost more than running it.
      let rows: SeedRow[] = [];
      let goals: CoverageGoals = {};
      let progress: SweepProgress | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        if (run !== this.run || rows.length === 0) return;
        const sweep = this.store.getState().sweeps[i] as SweepState;
        this.update(i, {
          rows: [...sweep.rows, ...rows],
          goals,
          ...(progress ? { progress } : {}),
        });
        rows = [];
      };
      try {
        const result = await runExplorerSweep(this.pool, settings, (outcomes, p) => {
          if (run !== this.run) return;
          rows.push(...outcomes.map(seedRow));
          goals = withGoals(goals, outcomes);
          progress = p;
          timer ??= setTimeout(flush, FLUSH_MS);
        });
        flush();
        if (run !== this.run) return;
        this.update(i, { phase: 'done', result });
        this.askWhy(run, i, settings);
      } catch (error) {
        if (timer !== null) clearTimeout(timer);
        if (run !== this.run || error instanceof Cancelled) return;
        this.pool.cancel();
        this.update(i, { phase: 'failed' });
        for (let later = i + 1; later < plan.length; later++)
          this.update(later, { phase: 'stopped' });
        this.store.setState({
          phase: 'failed',
          failure: error instanceof Error ? error.message : String(error),
        });
        return;
      }
    }
    if (run !== this.run) return;
    this.store.setState({ phase: 'done' });
    // Nobody chose a sweep to look at and the one shown is clean: show the first that failed.
    const { sweeps, selected } = this.store.getState();
    if (!this.chosen && (sweeps[selected]?.result?.failed.length ?? 0) === 0) {
      const failing = sweeps.findIndex((s) => (s.result?.failed.length ?? 0) > 0);
      if (failing >= 0) this.select(failing, false);
    }
  }

  /** Shows sweep `i` of the matrix in the summary and grid (`byUser`: the user chose it; it stays). */
  select(i: number, byUser = true): void {
    if (byUser) this.chosen = true;
    const sweep = this.store.getState().sweeps[i];
    if (sweep) this.store.setState({ selected: i, ...mirror(sweep) });
  }

  stop(): void {
    const { phase, sweeps } = this.store.getState();
    this.run++;
    this.pool.cancel();
    if (phase === 'running')
      this.store.setState({
        phase: 'stopped',
        sweeps: sweeps.map((s) =>
          s.phase === 'running' || s.phase === 'waiting' ? { ...s, phase: 'stopped' } : s,
        ),
      });
  }

  /** The export: `tidepool sweep --json`'s object for the sweep shown. */
  exportJson(): string | null {
    const { result, why } = this.store.getState();
    return result && `${JSON.stringify({ ...result, why })}\n`;
  }

  /** Every finished sweep of the matrix: an array of `sweep --json` objects. */
  exportAllJson(): string {
    const done = this.store.getState().sweeps.filter((s) => s.result !== null);
    return `${JSON.stringify(done.map((s) => ({ ...s.result, why: s.why })))}\n`;
  }

  exportName(all = false): string {
    const s = this.store.getState().settings;
    if (!s) return 'tidepool-sweep.json';
    const profile = s.base.transport?.profile ?? 'seed';
    const what = all
      ? 'matrix'
      : `${s.base.chaos}${profile === 'seed' ? '' : `-${profile}`}${s.base.mutant ? `-${s.base.mutant}` : ''}`;
    return `tidepool-sweep-${s.base.scenario}-${what}-${s.from}-${s.count}-${formatDurationExact(s.untilUs)}.json`;
  }

  private update(i: number, change: Partial<SweepState>): void {
    const state = this.store.getState();
    const sweeps = state.sweeps.map((s, k) => (k === i ? { ...s, ...change } : s));
    this.store.setState({ sweeps, ...(i === state.selected ? mirror(sweeps[i]) : {}) });
  }

  private askWhy(run: number, i: number, settings: ExploreSettings): void {
    const first = this.store.getState().sweeps[i]?.result?.failed[0];
    const violation = first?.violations[0];
    if (first === undefined || violation === undefined) return;
    this.pool
      .run({
        kind: 'why',
        session: { ...settings.base, seed: BigInt(first.seed) },
        untilUs: settings.untilUs,
        violation,
      })
      .then(
        (r) => {
          if (run === this.run && r.kind === 'why') this.update(i, { why: r.why });
        },
        () => {}, // the export then says why: null, as the CLI does when it has no chain
      );
  }
}
