/*
 * Branch ×N from here: N reseeded continuations of the run from the cursor
 * (the past kept, every random stream drawn anew: core/explore/branch.ts),
 * run on explore workers. Shows how their outcomes are distributed — clean,
 * each invariant that failed first, liveness not judged — the branches as
 * forks, and each branch as a link to its own session. Knows nothing of
 * workers beyond playground-explore.ts.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { formatUs } from '../../../core/sim/time';
import { sessionToQuery } from '../../../core/session-query';
import { branchPoint } from '../../../core/explore/branch';
import { useUi } from '../../app-context';
import { verdictOf } from '../../explore/explorer-sweep';
import { BranchForks } from './BranchForks';
import { sessionKey, type BranchSet, type PlaygroundExplore } from './playground-explore';

const COUNTS = [4, 8, 16, 32] as const;

/** Outcomes of the branches so far: label → count, violations by invariant. */
export function branchDistribution(b: BranchSet): { label: string; count: number; kind: string }[] {
  const groups = new Map<string, { count: number; kind: string }>();
  for (const run of b.runs) {
    const verdict = verdictOf(run.outcome);
    const label =
      verdict === 'violation' ? (run.outcome.violations[0]?.name ?? 'violation') : verdict;
    const g = groups.get(label) ?? { count: 0, kind: verdict };
    groups.set(label, { count: g.count + 1, kind: g.kind });
  }
  return [...groups.entries()]
    .map(([label, g]) => ({ label, ...g }))
    .sort((a, z) => z.count - a.count);
}

export function BranchSection({ explore }: { explore: PlaygroundExplore }) {
  const session = useUi((s) => s.session);
  const cursorUs = useUi((s) => s.view?.timeUs ?? 0);
  // Between two events of one instant, the branch splits there (as the link's t=…@N does).
  const cursorEvents = useUi((s) => (s.view?.midInstant ? s.view.events : undefined));
  const branches = useStore(explore.store, (s) => s.branches);
  const [count, setCount] = useState<number>(8);
  if (!session) return null;
  const mine = branches && branches.key === sessionKey(session) ? branches : null;
  const parentBranch = branchPoint(session);
  return (
    <section className="ex-section" aria-label="Branches">
      <h3>Branch from here</h3>
      {parentBranch && (
        <p className="ex-note" data-testid="branch-of">
          This run is itself a branch: from {formatUs(parentBranch.atUs)} it draws from reseed{' '}
          {parentBranch.seed.toString()}.
        </p>
      )}
      <p className="ex-note">
        The same past, {count} other futures: from {formatUs(cursorUs)} every random stream draws
        from a new seed.
      </p>
      <div className="ex-row">
        <label>
          branches{' '}
          <select
            value={count}
            onChange={(e) => setCount(Number(e.target.value))}
            data-testid="branch-count"
          >
            {COUNTS.map((c) => (
              <option key={c} value={c}>
                ×{c}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          data-testid="branch-run"
          onClick={() => explore.branch(session, cursorUs, count, cursorEvents)}
        >
          Branch ×{count} from {formatUs(cursorUs)}
        </button>
      </div>
      {mine && (
        <div data-testid="branch-results">
          <p className="ex-note" role="status">
            {mine.runs.length}/{mine.count} branches from {formatUs(mine.atUs)}
            {mine.done ? '' : ' — running…'}
            {mine.error ? ` — ${mine.error}` : ''}
          </p>
          <ul className="ex-dist" data-testid="branch-distribution">
            {branchDistribution(mine).map((g) => (
              <li key={g.label} className={`is-${g.kind.replace(' ', '-')}`}>
                <span className="mono">×{g.count}</span> {g.label}
              </li>
            ))}
          </ul>
          <BranchForks branches={mine} cursorUs={cursorUs} />
          <ol className="ex-branches" data-testid="branch-list">
            {mine.runs.map((run) => {
              const first = run.outcome.violations[0];
              return (
                <li
                  key={String(run.seed)}
                  className={`is-${verdictOf(run.outcome).replace(' ', '-')}`}
                >
                  <a
                    href={`?${sessionToQuery(run.session, first?.timeUs ?? mine.atUs)}`}
                    target="_blank"
                    rel="noopener"
                  >
                    reseed {String(run.seed)}
                  </a>{' '}
                  <span title={first ? first.name : undefined}>
                    {first ? `✕ at ${formatUs(first.timeUs)}` : verdictOf(run.outcome)}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
