/*
 * Runs the explorer: turns the form into settings (through the same link
 * grammar a shared explorer link uses, so the form can never mean something a
 * link cannot), keeps the address bar equal to them, starts and stops sweeps
 * on the worker pool, asks one worker for the first failure's "Why?", and
 * builds the JSON export (`tidepool sweep --json`'s object). Knows nothing of
 * how the page is drawn.
 */
import {
  exploreFromQuery,
  exploreToQuery,
  type ExploreSettings,
} from '../../core/explore/explore-query';
import type { SweepResult } from '../../core/explore/sweep-result';
import { formatDurationExact } from '../../core/sim/time';
import type { ExploreForm, ExplorerStore } from './explorer-store';
import { runExplorerSweep } from './explorer-sweep';
import { Cancelled, type WorkerPool } from './worker-pool';

export class ExplorerController {
  private run = 0;

  constructor(
    readonly store: ExplorerStore,
    private readonly pool: WorkerPool,
    private readonly history: Pick<History, 'replaceState'> = window.history,
  ) {}

  /** The form's settings as a link query (explore-query.ts's grammar). */
  formQuery(form: ExploreForm = this.store.getState().form): string {
    const pairs = [
      'explore=sweep',
      `scenario=${encodeURIComponent(form.scenario)}`,
      `chaos=${encodeURIComponent(form.chaos)}`,
      ...(form.mutant ? [`mutant=${encodeURIComponent(form.mutant)}`] : []),
      ...(form.profile && form.profile !== 'seed'
        ? [`profile=${encodeURIComponent(form.profile)}`]
        : []),
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

  /** Starts a sweep of the form's settings (stopping one that runs); false with errors shown when they are invalid. */
  start(): boolean {
    const parsed = exploreFromQuery(this.formQuery());
    if (!parsed.ok) {
      this.store.setState({ errors: parsed.errors });
      return false;
    }
    this.stop();
    const settings = parsed.settings;
    this.history.replaceState(null, '', `?${exploreToQuery(settings)}`);
    const run = ++this.run;
    this.store.setState({
      errors: [],
      phase: 'running',
      settings,
      progress: { done: 0, total: settings.count, failed: 0, elapsedSec: 0, seedsPerSec: 0 },
      rows: [],
      result: null,
      why: null,
      failure: null,
    });
    runExplorerSweep(this.pool, settings, (outcomes, progress) => {
      if (run !== this.run) return;
      this.store.setState((s) => ({ rows: [...s.rows, ...outcomes], progress }));
    }).then(
      (result) => {
        if (run !== this.run) return;
        this.store.setState({ phase: 'done', result });
        this.askWhy(run, settings, result);
      },
      (error: unknown) => {
        if (run !== this.run || error instanceof Cancelled) return;
        this.pool.cancel();
        this.store.setState({
          phase: 'failed',
          failure: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return true;
  }

  stop(): void {
    const running = this.store.getState().phase === 'running';
    this.run++;
    this.pool.cancel();
    if (running) this.store.setState({ phase: 'stopped' });
  }

  /** The export: `tidepool sweep --json`'s object for the same settings. */
  exportJson(): string | null {
    const { result, why } = this.store.getState();
    return result && `${JSON.stringify({ ...result, why })}\n`;
  }

  exportName(): string {
    const s = this.store.getState().settings;
    return s
      ? `tidepool-sweep-${s.base.scenario}${s.base.mutant ? `-${s.base.mutant}` : ''}-${s.from}-${s.count}-${formatDurationExact(s.untilUs)}.json`
      : 'tidepool-sweep.json';
  }

  private askWhy(run: number, settings: ExploreSettings, result: SweepResult): void {
    const first = result.failed[0];
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
          if (run === this.run && r.kind === 'why') this.store.setState({ why: r.why });
        },
        () => {}, // the export then says why: null, as the CLI does when it has no chain
      );
  }
}
