/*
 * The compare view: two runs of the same kind on one clock — one play
 * button, one time, one cursor — each with its own topology and peers, the
 * diff strip (where the runs part, metric deltas) and the connect-attempt
 * histogram of both. Every panel reads its run's own store through its own
 * AppContext; the clock sends commands to both. Space plays and pauses both.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { AppContext, useUi } from '../app-context';
import { sessionDifferences } from '../../core/compare/compare-query';
import { sessionToQuery } from '../../core/session-query';
import { formatUs } from '../../core/sim';
import type { Session } from '../../core/session';
import { readTransport } from '../../core/transport-settings/describe';
import { Topology } from '../components/Topology';
import { PeerInspector } from '../components/PeerInspector';
import { Toast } from '../components/Toast';
import { DiffStrip } from './DiffStrip';
import { ConnectHistogram } from './ConnectHistogram';
import type { CompareHandle } from './start-compare';
import './compare.css';

const SPEEDS = [
  { label: '0.1×', value: 100_000 },
  { label: '0.25×', value: 250_000 },
  { label: '1×', value: 1_000_000 },
  { label: '4×', value: 4_000_000 },
];

export function CompareApp({ handle }: { handle: CompareHandle }) {
  const { a, b, clock } = handle;
  const sessionA = useStore(a.store, (s) => s.session);
  const sessionB = useStore(b.store, (s) => s.session);
  const timeUs = useStore(a.store, (s) => s.view?.timeUs ?? 0);
  const playing = useStore(a.store, (s) => s.playing);
  const [speed, setSpeed] = useState(1_000_000);
  useSpaceToggles(handle);
  const differences = sessionA && sessionB ? sessionDifferences(sessionA, sessionB) : [];
  const leave = (which: 'a' | 'b') => {
    const session = which === 'a' ? sessionA : sessionB;
    if (session) window.location.search = `?${sessionToQuery(session, timeUs)}`;
  };
  return (
    <div className="app cmp-app" data-testid="compare">
      <header className="cmp-bar">
        <h1 className="cmp-title">Compare</h1>
        <button
          type="button"
          className="primary"
          data-testid="compare-play"
          aria-pressed={playing}
          onClick={() => clock.togglePlay()}
          title="Play / pause both runs (space)"
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" onClick={() => clock.stepTime(100_000)} title="Both runs 100 ms on">
          +100 ms
        </button>
        <button type="button" onClick={() => clock.seek(0)} title="Both runs back to 0">
          ⟲ 0
        </button>
        <label className="cmp-speed">
          speed
          <select
            value={speed}
            onChange={(e) => {
              setSpeed(Number(e.target.value));
              clock.setSpeed(Number(e.target.value));
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <span className="cmp-time mono" data-testid="compare-time" aria-live="off">
          t{'\u00a0'}={'\u00a0'}
          {formatUs(timeUs)}
        </span>
        <span
          className="cmp-leave"
          title="Leave the comparison and open one run in the playground, at this moment"
        >
          Open one run alone:{' '}
          <button type="button" onClick={() => leave('a')}>
            A
          </button>{' '}
          <button type="button" onClick={() => leave('b')}>
            B
          </button>
        </span>
      </header>
      <DiffStrip handle={handle} />
      <ConnectHistogram handle={handle} timeUs={timeUs} />
      <main className="cmp-sides">
        {(['a', 'b'] as const).map((which) => (
          <AppContext.Provider key={which} value={which === 'a' ? a : b}>
            <RunSide
              which={which}
              label={sideLabel(differences, which === 'a' ? sessionA : sessionB, which)}
            />
          </AppContext.Provider>
        ))}
      </main>
      <AppContext.Provider value={a}>
        <Toast />
      </AppContext.Provider>
    </div>
  );
}

function shortKey(key: string): string {
  return key.replace(/^[pt]\./, '');
}

/** What this side is, in the parameters where the two differ; an unset one shows its value in the run. */
function sideLabel(
  differences: ReturnType<typeof sessionDifferences>,
  session: Session | null,
  which: 'a' | 'b',
): string {
  if (differences.length === 0) return 'same session';
  const rows = session ? readTransport(session).rows : [];
  return differences
    .map((d) => {
      const given = which === 'a' ? d.a : d.b;
      if (given !== null) return `${shortKey(d.key)} ${given}`;
      const row = rows.find((r) => `t.${r.name}` === d.key);
      if (row)
        return `${row.name} ${row.value} (${row.source === 'seed' ? 'default' : row.source})`;
      return `${shortKey(d.key)} ${d.key === 'script' ? 'none' : d.key === 'profile' ? 'seed' : 'default'}`;
    })
    .join(' · ');
}

function RunSide({ which, label }: { which: 'a' | 'b'; label: string }) {
  const hash = useUi((s) => s.view?.traceHash ?? '');
  const timeUs = useUi((s) => s.view?.timeUs ?? 0);
  const violations = useUi((s) => s.view?.violations.length ?? 0);
  return (
    <section
      className={`cmp-side is-${which}`}
      aria-label={`Run ${which.toUpperCase()}: ${label}`}
      data-testid={`compare-side-${which}`}
    >
      <div className="cmp-side-head">
        <span className={`cmp-badge is-${which}`}>{which.toUpperCase()}</span>
        <span className="cmp-side-label" title={label}>
          {label}
        </span>
        <span className={`cmp-side-checks${violations > 0 ? ' is-bad' : ''}`}>
          {violations > 0
            ? `✗ ${violations} violation${violations > 1 ? 's' : ''}`
            : '✓ checks hold'}
        </span>
        <span className="cmp-side-hash mono" title={`at t=${formatUs(timeUs)}`}>
          {hash}
        </span>
      </div>
      <div className="cmp-side-body">
        <div className="panel cmp-topology">
          <Topology />
        </div>
        <div className="panel cmp-peers">
          <PeerInspector />
        </div>
      </div>
    </section>
  );
}

/** Space plays or pauses both runs (not while typing or on a focused button). */
function useSpaceToggles({ clock }: CompareHandle): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== ' ' || target?.closest('input, select, textarea, button, a, [role="button"]'))
        return;
      e.preventDefault();
      clock.togglePlay();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock]);
}
