/*
 * The playground's searches, run on explore workers (ui/explore/worker-pool):
 * Branch ×N from the cursor (N reseeded continuations, each run in full),
 * "when did it become inevitable?" (the probe: first the session's own first
 * violation, then K×M reseeded branches, then the curve), and shrink. Results
 * are kept with the session they were made for (by its link), so a panel shows
 * them only while that session is loaded. The plans and folds are core's
 * (core/explore); this file only schedules and keeps. Knows nothing of React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { branchSeeds, branchSession } from '../../../core/explore/branch';
import {
  probeCurve,
  probePlan,
  type ProbeOptions,
  type ProbeResult,
} from '../../../core/explore/probe';
import type { ShrinkResult } from '../../../core/explore/shrink';
import type { SeedOutcome } from '../../../core/explore/sweep-result';
import { findScenario } from '../../../core/scenario/registry';
import type { Session } from '../../../core/session';
import { sessionToQuery } from '../../../core/session-query';
import type { Violation } from '../../../core/sim';
import type { WhyJson } from '../../../console/why-chain';
import type { AppServices } from '../../app-context';
import { Cancelled, WorkerPool } from '../../explore/worker-pool';

export interface BranchRun {
  readonly seed: bigint;
  readonly session: Session;
  readonly outcome: SeedOutcome;
}

export interface BranchSet {
  readonly key: string;
  readonly atUs: number;
  readonly untilUs: number;
  readonly count: number;
  /** In reseed order, as far as they have arrived. */
  readonly runs: readonly BranchRun[];
  readonly done: boolean;
  readonly error: string | null;
}

export interface ProbeState {
  readonly key: string;
  readonly session: Session;
  readonly untilUs: number;
  readonly phase: 'finding' | 'running' | 'done' | 'clean' | 'error';
  readonly done: number;
  readonly total: number;
  readonly violation: Violation | null;
  readonly result: ProbeResult | null;
  readonly error: string | null;
}

export interface ShrinkState {
  readonly key: string;
  readonly phase: 'running' | 'done' | 'error';
  readonly runs: number;
  readonly result: ShrinkResult | null;
  readonly error: string | null;
}

export interface ExploreState {
  readonly branches: BranchSet | null;
  readonly probe: ProbeState | null;
  readonly shrink: ShrinkState | null;
  /** The last bug report written (kept while the drawer is closed). */
  readonly report: BugReport | null;
}

export interface BugReport {
  readonly key: string;
  readonly markdown: string;
  readonly imageName: string;
  /** The timeline as a PNG data URL, or null when there was no timeline to photograph. */
  readonly imageUrl: string | null;
}

/** Where the playground's searches run to: the scenario's end, or later if the cursor is past it. */
export function exploreUntilUs(session: Session, cursorUs: number): number {
  const scenario = findScenario(session.scenario);
  return Math.max(scenario?.defaultUntilUs ?? 0, cursorUs);
}

/** The key results are kept under: the session's link. */
export function sessionKey(session: Session): string {
  return sessionToQuery(session);
}

export class PlaygroundExplore {
  readonly store: StoreApi<ExploreState> = createStore<ExploreState>()(() => ({
    branches: null,
    probe: null,
    shrink: null,
    report: null,
  }));
  /** Each kind's last finished result: what Stop brings back when a newer one had nothing yet. */
  private finished: {
    branches: BranchSet | null;
    probe: ProbeState | null;
    shrink: ShrinkState | null;
  } = {
    branches: null,
    probe: null,
    shrink: null,
  };
  private poolMade: WorkerPool | null = null;
  private generation = { branches: 0, probe: 0, shrink: 0 };

  /** Workers start on the first search, not with the page. */
  get pool(): WorkerPool {
    return (this.poolMade ??= new WorkerPool());
  }

  /** `afterEvents`: the cursor stands mid-instant, after that many events (see branchSession). */
  branch(parent: Session, atUs: number, count: number, afterEvents?: number): void {
    const gen = ++this.generation.branches;
    this.pool.cancel('branches'); // a new question: the old branches are not worth finishing
    const untilUs = exploreUntilUs(parent, atUs);
    const key = sessionKey(parent);
    this.store.setState({
      branches: { key, atUs, untilUs, count, runs: [], done: false, error: null },
    });
    const sessions = branchSeeds(count).map((seed) => ({
      seed,
      session: branchSession(parent, atUs, seed, afterEvents),
    }));
    const runs: (BranchRun | undefined)[] = [];
    let left = sessions.length;
    for (const [i, { seed, session }] of sessions.entries()) {
      this.pool.run({ kind: 'sessions', untilUs, sessions: [session] }, undefined, 'branches').then(
        (r) => {
          if (gen !== this.generation.branches || r.kind !== 'outcomes') return;
          runs[i] = { seed, session, outcome: r.outcomes[0] as SeedOutcome };
          left--;
          this.updateBranches({
            runs: runs.filter((x): x is BranchRun => x !== undefined),
            done: left === 0,
          });
        },
        (error: unknown) => this.failed('branches', gen, error),
      );
    }
  }

  probe(session: Session, cursorUs: number, options: ProbeOptions): void {
    const gen = ++this.generation.probe;
    this.pool.cancel('probe');
    const untilUs = exploreUntilUs(session, cursorUs);
    const base: ProbeState = {
      key: sessionKey(session),
      session,
      untilUs,
      phase: 'finding',
      done: 0,
      total: options.points * options.branches,
      violation: null,
      result: null,
      error: null,
    };
    this.store.setState({ probe: base });
    const current = () => gen === this.generation.probe;
    this.pool
      .run({ kind: 'firsts', untilUs, sessions: [session] }, undefined, 'probe')
      .then(async (r) => {
        if (!current() || r.kind !== 'firsts') return;
        const violation = r.firsts[0] ?? null;
        if (violation === null) {
          this.updateProbe({ phase: 'clean' });
          return;
        }
        const plan = probePlan(session, untilUs, violation, options);
        this.store.setState({ probe: { ...base, phase: 'running', violation } });
        let done = 0;
        const firsts = await Promise.all(
          plan.runs.map(async (run) => {
            const reply = await this.pool.run(
              { kind: 'firsts', untilUs, sessions: [run.session] },
              undefined,
              'probe',
            );
            done++;
            if (current()) this.updateProbe({ done });
            return reply.kind === 'firsts' ? (reply.firsts[0] ?? null) : null;
          }),
        );
        if (current()) this.updateProbe({ phase: 'done', result: probeCurve(plan, firsts) });
      })
      .catch((error: unknown) => this.failed('probe', gen, error));
  }

  /** Shrinks the session; resolves with the result (null: it does not fail, or the shrink was stopped). */
  shrink(session: Session, cursorUs: number): Promise<ShrinkResult | null> {
    const gen = ++this.generation.shrink;
    this.pool.cancel('shrink');
    const key = sessionKey(session);
    this.store.setState({ shrink: { key, phase: 'running', runs: 0, result: null, error: null } });
    const current = () => gen === this.generation.shrink;
    return this.pool
      .run(
        { kind: 'shrink', session, untilUs: exploreUntilUs(session, cursorUs) },
        (runs) => {
          if (current()) this.updateShrink({ runs });
        },
        'shrink',
      )
      .then((r) => {
        if (!current() || r.kind !== 'shrink') return null;
        if ('error' in r.shrink) {
          this.updateShrink({ phase: 'error', error: r.shrink.error });
          return null;
        }
        this.updateShrink({ phase: 'done', result: r.shrink, runs: r.shrink.runs });
        return r.shrink;
      })
      .catch((error: unknown) => {
        this.failed('shrink', gen, error);
        return null;
      });
  }

  /** The session's first violation by `untilUs`, or null when it stays clean. */
  async firstViolation(session: Session, untilUs: number): Promise<Violation | null> {
    const r = await this.pool.run(
      { kind: 'firsts', untilUs, sessions: [session] },
      undefined,
      'report',
    );
    return r.kind === 'firsts' ? (r.firsts[0] ?? null) : null;
  }

  /** The "Why?" chain behind a violation of the session (for the bug report). */
  async why(session: Session, untilUs: number, violation: Violation): Promise<WhyJson | null> {
    const r = await this.pool.run(
      { kind: 'why', session, untilUs, violation },
      undefined,
      'report',
    );
    return r.kind === 'why' ? r.why : null;
  }

  /** True while any search runs (the drawer offers Stop). */
  running(s: ExploreState = this.store.getState()): boolean {
    return (
      (s.branches !== null && !s.branches.done) ||
      s.probe?.phase === 'finding' ||
      s.probe?.phase === 'running' ||
      s.shrink?.phase === 'running'
    );
  }

  /** Stops every search (workers are ended; results so far stay). */
  stop(): void {
    this.generation = {
      branches: this.generation.branches + 1,
      probe: this.generation.probe + 1,
      shrink: this.generation.shrink + 1,
    };
    this.poolMade?.cancel();
    const s = this.store.getState();
    const f = this.finished;
    this.store.setState({
      branches:
        s.branches && !s.branches.done
          ? s.branches.runs.length === 0 && f.branches
            ? f.branches
            : { ...s.branches, done: true, error: 'stopped' }
          : s.branches,
      probe:
        s.probe && (s.probe.phase === 'running' || s.probe.phase === 'finding')
          ? (f.probe ?? { ...s.probe, phase: 'error', error: 'stopped' })
          : s.probe,
      shrink:
        s.shrink?.phase === 'running'
          ? (f.shrink ?? { ...s.shrink, phase: 'error', error: 'stopped' })
          : s.shrink,
    });
  }

  private updateBranches(change: Partial<BranchSet>): void {
    const b = this.store.getState().branches;
    if (!b) return;
    const next = { ...b, ...change };
    if (next.done && next.error === null) this.finished.branches = next;
    this.store.setState({ branches: next });
  }

  private updateProbe(change: Partial<ProbeState>): void {
    const p = this.store.getState().probe;
    if (!p) return;
    const next = { ...p, ...change };
    if (next.phase === 'done' || next.phase === 'clean') this.finished.probe = next;
    this.store.setState({ probe: next });
  }

  private updateShrink(change: Partial<ShrinkState>): void {
    const s = this.store.getState().shrink;
    if (!s) return;
    const next = { ...s, ...change };
    if (next.phase === 'done') this.finished.shrink = next;
    this.store.setState({ shrink: next });
  }

  private failed(which: 'branches' | 'probe' | 'shrink', gen: number, error: unknown): void {
    if (gen !== this.generation[which] || error instanceof Cancelled) return;
    const message = error instanceof Error ? error.message : String(error);
    if (which === 'branches') this.updateBranches({ done: true, error: message });
    else if (which === 'probe') this.updateProbe({ phase: 'error', error: message });
    else this.updateShrink({ phase: 'error', error: message });
  }
}

const perServices = new WeakMap<AppServices, PlaygroundExplore>();

/** The searches of one playground (its services), made on first use. */
export function exploreFor(services: AppServices): PlaygroundExplore {
  let explore = perServices.get(services);
  if (!explore) perServices.set(services, (explore = new PlaygroundExplore()));
  return explore;
}
