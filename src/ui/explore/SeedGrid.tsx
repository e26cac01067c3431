/*
 * The explorer's grid: one row per seed — verdict, first violation and when,
 * violations, engine events, the scenario's outcome counts and the trace hash
 * — sortable by any column (click or Enter on its heading; aria-sort says
 * how). A seed opens its session at its first violation in a new tab, so the
 * sweep stays. Shows the first 500 rows of the order chosen. Knows nothing of
 * workers.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { formatUs } from '../../core/sim/time';
import type { ExplorerController } from './explorer-controller';
import type { SortKey } from './explorer-store';
import { verdictOf, type SeedRow } from './explorer-sweep';
import { seedLink } from './seed-link';
import { compareSeeds } from './sweep-stats';

const ROWS_SHOWN = 500;
const VERDICT_ORDER = { violation: 0, 'not judged': 1, clean: 2 } as const;

const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'seed', label: 'seed' },
  { key: 'verdict', label: 'outcome' },
  { key: 'violation', label: 'first violation' },
  { key: 'atUs', label: 'at' },
  { key: 'events', label: 'events' },
  { key: 'hash', label: 'trace hash' },
];

function compareBy(key: SortKey): (a: SeedRow, b: SeedRow) => number {
  switch (key) {
    case 'seed':
      return (a, b) => compareSeeds(a.seed, b.seed);
    case 'verdict':
      return (a, b) => VERDICT_ORDER[verdictOf(a)] - VERDICT_ORDER[verdictOf(b)];
    case 'violation':
      return (a, b) =>
        (a.violations[0]?.name ?? '\uffff').localeCompare(b.violations[0]?.name ?? '\uffff');
    case 'atUs':
      return (a, b) =>
        (a.violations[0]?.timeUs ?? Infinity) - (b.violations[0]?.timeUs ?? Infinity);
    case 'events':
      return (a, b) => a.events - b.events;
    case 'hash':
      return (a, b) => (a.traceHash < b.traceHash ? -1 : a.traceHash > b.traceHash ? 1 : 0);
  }
}

export function SeedGrid({ controller }: { controller: ExplorerController }) {
  const { store } = controller;
  const rows = useStore(store, (s) => s.rows);
  const sort = useStore(store, (s) => s.sort);
  const settings = useStore(store, (s) => s.settings);
  const sorted = useMemo(() => {
    const by = compareBy(sort.key);
    const seedOrder = compareBy('seed');
    return [...rows].sort((a, b) => (sort.descending ? -by(a, b) : by(a, b)) || seedOrder(a, b));
  }, [rows, sort]);
  if (!settings || rows.length === 0) return null;
  const setSort = (key: SortKey) =>
    store.setState({ sort: { key, descending: sort.key === key ? !sort.descending : false } });
  return (
    <section className="xp-grid-wrap" aria-label="Seeds">
      <table className="xp-grid" data-testid="xp-grid">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={
                  sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                }
              >
                <button
                  type="button"
                  onClick={() => setSort(c.key)}
                  data-testid={`xp-sort-${c.key}`}
                >
                  {c.label}
                  <span aria-hidden="true">
                    {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col">outcomes</th>
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, ROWS_SHOWN).map((o) => {
            const verdict = verdictOf(o);
            const first = o.violations[0];
            return (
              <tr key={o.seed} className={`is-${verdict.replace(' ', '-')}`} data-seed={o.seed}>
                <td className="mono">
                  <a
                    href={seedLink(settings, o.seed, [o])}
                    target="_blank"
                    rel="noopener"
                    title={first ? 'Open this seed at its first violation' : 'Open this seed'}
                  >
                    {o.seed}
                  </a>
                </td>
                <td>{verdict}</td>
                <td>{first?.name ?? ''}</td>
                <td className="mono">{first ? formatUs(first.timeUs) : ''}</td>
                <td className="mono">{o.events.toLocaleString('en-US')}</td>
                <td className="mono xp-hash" data-testid="xp-hash">
                  {o.traceHash}
                </td>
                <td className="mono xp-outcomes">
                  {Object.entries(o.outcomes)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(' · ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {sorted.length > ROWS_SHOWN && (
        <p className="insp-muted">
          Showing {ROWS_SHOWN} of {sorted.length} seeds in this order; sort to bring others up, or
          export the JSON.
        </p>
      )}
    </section>
  );
}
