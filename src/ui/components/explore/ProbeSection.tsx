/*
 * "When did it become inevitable?": for a failing run, K moments before its
 * first violation and M reseeded branches from each (core/explore/probe.ts),
 * on explore workers with a progress bar; then the curve, the steepest rise,
 * and "Jump there": the cursor to the marked moment and the console's trace
 * filtered to the rise's window (the command is typed for you, so you see
 * it). Knows nothing of workers beyond playground-explore.ts.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { formatDurationExact, formatUs } from '../../../core/sim/time';
import { useUi } from '../../app-context';
import { ProbeChart } from './ProbeChart';
import { sessionKey, type PlaygroundExplore } from './playground-explore';

const POINTS = [6, 10, 16] as const;
const BRANCHES = [4, 8, 16] as const;

export function ProbeSection({ explore }: { explore: PlaygroundExplore }) {
  const session = useUi((s) => s.session);
  const cursorUs = useUi((s) => s.view?.timeUs ?? 0);
  const actions = useUi((s) => s.actions);
  const probe = useStore(explore.store, (s) => s.probe);
  const [points, setPoints] = useState<number>(10);
  const [branches, setBranches] = useState<number>(8);
  if (!session) return null;
  const mine = probe && probe.key === sessionKey(session) ? probe : null;
  const result = mine?.result ?? null;
  const jump = () => {
    if (!result) return;
    // The window in whole ms (a little wider, never narrower): readable in the console's filter.
    const fromMs = Math.floor((result.steepest?.fromUs ?? 0) / 1000);
    const toMs = Math.ceil(result.markUs / 1000);
    actions.seek(result.markUs, true);
    // The drawer would hide what the jump shows (on a phone, all of it): close it, bring the console up.
    actions.openExplore(false);
    requestAnimationFrame(() =>
      document.querySelector('[data-testid="console"]')?.scrollIntoView({ block: 'nearest' }),
    );
    actions.runInConsole(
      `filter ${formatDurationExact(fromMs * 1000)}..${formatDurationExact(toMs * 1000)}`,
    );
  };
  return (
    <section className="ex-section" aria-label="When did it become inevitable?">
      <h3>When did it become inevitable?</h3>
      <p className="ex-note">
        Branch the run from {points} moments before its failure, {branches} times each, and see from
        when the failure comes back whatever happens next.
      </p>
      <div className="ex-row">
        <label>
          moments{' '}
          <select value={points} onChange={(e) => setPoints(Number(e.target.value))}>
            {POINTS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          × branches{' '}
          <select value={branches} onChange={(e) => setBranches(Number(e.target.value))}>
            {BRANCHES.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          data-testid="probe-run"
          onClick={() => explore.probe(session, cursorUs, { points, branches })}
        >
          Probe
        </button>
      </div>
      {mine && (
        <div data-testid="probe-results">
          <p className="ex-note" role="status" data-testid="probe-status">
            {mine.phase === 'finding' && 'finding the run’s first violation…'}
            {mine.phase === 'running' && `${mine.done}/${mine.total} branches…`}
            {mine.phase === 'clean' &&
              `This run does not fail by ${formatUs(mine.untilUs)}: nothing to probe.`}
            {mine.phase === 'error' &&
              (mine.error === 'stopped' ? 'Stopped.' : `Stopped: ${mine.error}`)}
            {mine.phase === 'done' &&
              mine.violation &&
              `It fails ${mine.violation.name} at ${formatUs(mine.violation.timeUs)}.`}
          </p>
          {mine.phase === 'running' && (
            <progress max={mine.total} value={mine.done} aria-label="Probe branches run" />
          )}
          {result && (
            <>
              <ProbeChart result={result} />
              <p className="ex-note" data-testid="probe-summary">
                {result.steepest
                  ? `P(failure) rises most between ${formatUs(result.steepest.fromUs)} and ${formatUs(result.steepest.toUs)} (+${Math.round(result.steepest.rise * 100)}%): look there for the cause.`
                  : 'P(failure) never rises: the failure was as likely from the start.'}
              </p>
              {result.steepest && (
                <button type="button" onClick={jump} data-testid="probe-jump">
                  Jump there, trace filtered to that window
                </button>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
