/*
 * The explorer's progress and summary: a progress bar with seeds/s and
 * workers, seeds per verdict, the invariants that failed first (each with the
 * lowest seed that shows it, one click from its session), RPC outcome totals,
 * and the coverage of every `sometimes`/`reachable` assertion with the seeds
 * that reached it — rare and never-reached ones flagged. Knows nothing of
 * workers.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { formatDurationExact } from '../../core/sim/time';
import { sweepLabel } from '../../core/explore/explore-query';
import type { ExplorerController } from './explorer-controller';
import { seedLink } from './seed-link';
import { sweepStats } from './sweep-stats';

const SEEDS_SHOWN = 8;

export function SweepSummary({ controller }: { controller: ExplorerController }) {
  const { store } = controller;
  const rows = useStore(store, (s) => s.rows);
  const progress = useStore(store, (s) => s.progress);
  const phase = useStore(store, (s) => s.phase);
  const settings = useStore(store, (s) => s.settings);
  const workers = useStore(store, (s) => s.workers);
  const failure = useStore(store, (s) => s.failure);
  const goals = useStore(store, (s) => s.goals);
  const stats = useMemo(() => sweepStats(rows, goals), [rows, goals]);
  if (!settings || !progress) return null;
  const pct = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  const outcomeText = Object.entries(stats.outcomes)
    .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
    .join(' · ');
  return (
    <section className="xp-summary" aria-label="Sweep summary">
      <h2 className="xp-showing" data-testid="xp-showing">
        {settings.base.scenario} · {sweepLabel(settings)} · seeds {settings.from.toString()}
        {settings.count > 1 ? `..${(settings.from + BigInt(settings.count - 1)).toString()}` : ''}
      </h2>
      <div className="xp-progress-line">
        <div
          className="xp-progress"
          role="progressbar"
          aria-label="Seeds run"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.done}
        >
          <div
            className={`xp-progress-fill${progress.failed > 0 ? ' has-failed' : ''}`}
            style={{ width: `${pct}%` }}
          />
        </div>
        <span className="mono" data-testid="xp-progress">
          {progress.done.toLocaleString('en-US')}/{progress.total.toLocaleString('en-US')} seeds ·{' '}
          {progress.seedsPerSec.toLocaleString('en-US')} seeds/s · {workers} worker
          {workers === 1 ? '' : 's'} ·{' '}
          {phase === 'running'
            ? 'running…'
            : phase === 'done'
              ? `done in ${progress.elapsedSec.toFixed(1)} s`
              : phase}
        </span>
      </div>
      {failure && (
        <p className="xp-errors" role="alert">
          The sweep stopped: {failure}
        </p>
      )}
      <p className="xp-verdicts" data-testid="xp-verdicts">
        <span className="xp-v is-violation">
          {stats.verdicts.violation} violation{stats.verdicts.violation === 1 ? '' : 's'}
        </span>
        <span className="xp-v is-clean">{stats.verdicts.clean} clean</span>
        <span
          className="xp-v is-nj"
          title="The run ended before its quiet tail (or a fault was left standing): liveness was not judged"
        >
          {stats.verdicts['not judged']} liveness not judged
        </span>
        <span className="insp-muted">
          {' '}
          of {stats.seeds} · until {formatDurationExact(settings.untilUs)}
        </span>
      </p>
      {stats.firstViolations.length > 0 && (
        <div className="xp-block">
          <h2>First violations</h2>
          <ul className="xp-firsts" data-testid="xp-firsts">
            {stats.firstViolations.map((g) => (
              <li key={g.name}>
                <span className="xp-count mono">×{g.seeds}</span> {g.name}{' '}
                <a href={seedLink(settings, g.example, rows)} target="_blank" rel="noopener">
                  seed {g.example}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcomeText && (
        <p
          className="xp-block mono"
          title="The scenario's own counts over all seeds (RPC outcomes, records)"
        >
          outcomes: {outcomeText}
        </p>
      )}
      {stats.coverage.length > 0 && (
        <div className="xp-block">
          <h2>Coverage of sometimes / reachable assertions</h2>
          <table className="xp-coverage" data-testid="xp-coverage">
            <tbody>
              {stats.coverage.map((c) => (
                <tr key={c.name} className={c.flag ? `is-${c.flag}` : ''}>
                  <td className="mono">
                    {c.seeds.length}/{stats.seeds}
                  </td>
                  <td>
                    <span className="xp-meter" aria-hidden="true">
                      <span style={{ width: `${Math.round(c.share * 100)}%` }} />
                    </span>
                  </td>
                  <td>
                    {c.name}
                    {c.flag === 'never' && (
                      <strong className="xp-flag"> never reached: a coverage gap</strong>
                    )}
                    {c.flag === 'rare' && <strong className="xp-flag"> rare</strong>}
                  </td>
                  <td className="xp-seeds">
                    {c.flag !== null &&
                      c.seeds.slice(0, SEEDS_SHOWN).map((seed) => (
                        <a
                          key={seed}
                          href={seedLink(settings, seed, rows)}
                          target="_blank"
                          rel="noopener"
                          className="mono"
                        >
                          {seed}
                        </a>
                      ))}
                    {c.flag !== null &&
                      c.seeds.length > SEEDS_SHOWN &&
                      ` +${c.seeds.length - SEEDS_SHOWN}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
