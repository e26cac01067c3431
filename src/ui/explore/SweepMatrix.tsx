/*
 * The matrix of a multi-sweep plan (chaos × profile × transport): one row per
 * sweep — its combination, how far it got, how many seeds failed and the
 * invariant that failed first most often — and a button that shows it in the
 * summary and grid below. Nothing for a single sweep. Knows nothing of workers.
 */
import { useStore } from 'zustand';
import { sweepLabel } from '../../core/explore/explore-query';
import type { ExplorerController } from './explorer-controller';
import type { SweepState } from './explorer-store';
import { sweepStats } from './sweep-stats';

function status(s: SweepState): string {
  if (s.phase === 'waiting') return 'waiting';
  const p = s.progress;
  const counted = p ? `${p.done}/${p.total}` : '';
  return s.phase === 'running' ? `${counted} running…` : `${counted} ${s.phase}`;
}

export function SweepMatrix({ controller }: { controller: ExplorerController }) {
  const sweeps = useStore(controller.store, (s) => s.sweeps);
  const selected = useStore(controller.store, (s) => s.selected);
  if (sweeps.length < 2) return null;
  return (
    <section className="xp-summary" aria-label="Sweeps of the matrix">
      <table className="xp-matrix" data-testid="xp-matrix">
        <thead>
          <tr>
            <th scope="col">chaos · profile · transport</th>
            <th scope="col">seeds</th>
            <th scope="col">failed</th>
            <th scope="col">failed first most often</th>
          </tr>
        </thead>
        <tbody>
          {sweeps.map((s, i) => {
            const stats = sweepStats(s.rows, s.goals);
            const failed = stats.verdicts.violation;
            return (
              <tr key={sweepLabel(s.settings)}>
                <td>
                  <button
                    type="button"
                    aria-pressed={i === selected}
                    onClick={() => controller.select(i)}
                    title="Show this sweep below"
                  >
                    {sweepLabel(s.settings)}
                  </button>
                </td>
                <td className="mono">{status(s)}</td>
                <td className={`mono${failed > 0 ? ' is-failed' : ''}`}>{failed}</td>
                <td>{stats.firstViolations[0]?.name ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
