/*
 * Shrink: from the loaded failing run, a smaller one that fails the same
 * invariant — fewer interventions, calmer chaos, smaller sizes, an earlier end
 * (core/explore/shrink.ts) — found on an explore worker, shown as what was
 * removed, what still fails, and a link to the shrunk run. Knows nothing of
 * workers beyond playground-explore.ts.
 */
import { useStore } from 'zustand';
import type { ShrinkCase } from '../../../core/explore/shrink';
import { sessionToQuery } from '../../../core/session-query';
import { formatUs } from '../../../core/sim/time';
import { useUi } from '../../app-context';
import { sessionKey, type PlaygroundExplore } from './playground-explore';

export function describeCase(c: ShrinkCase): string {
  const n = c.session.script.length;
  return `${n} intervention${n === 1 ? '' : 's'}, chaos ${c.session.chaos}, until ${formatUs(c.untilUs)}`;
}

/** The shrunk run's link, standing at its violation. */
export function shrunkLink(c: ShrinkCase): string {
  return `?${sessionToQuery(c.session, c.violation.timeUs)}`;
}

export function ShrinkSection({ explore }: { explore: PlaygroundExplore }) {
  const session = useUi((s) => s.session);
  const cursorUs = useUi((s) => s.view?.timeUs ?? 0);
  const shrink = useStore(explore.store, (s) => s.shrink);
  if (!session) return null;
  const mine = shrink && shrink.key === sessionKey(session) ? shrink : null;
  const r = mine?.result ?? null;
  return (
    <section className="ex-section" aria-label="Shrink">
      <h3>Shrink</h3>
      <p className="ex-note">
        The smallest run that still fails the same way: fewer interventions, calmer chaos, fewer
        nodes and messages, an earlier end.
      </p>
      <div className="ex-row">
        <button
          type="button"
          className="primary"
          data-testid="shrink-run"
          disabled={mine?.phase === 'running'}
          onClick={() => void explore.shrink(session, cursorUs)}
        >
          Shrink this run
        </button>
        {mine?.phase === 'running' && (
          <span className="ex-note" role="status">
            shrinking… {mine.runs} runs
          </span>
        )}
        {mine?.phase === 'error' && (
          <span className="ex-note" role="status" data-testid="shrink-error">
            {mine.error}
          </span>
        )}
      </div>
      {r && (
        <div data-testid="shrink-result">
          <p className="ex-note">
            <strong>{describeCase(r.original)}</strong> →{' '}
            <strong data-testid="shrink-to">{describeCase(r.shrunk)}</strong> ({r.runs} runs)
          </p>
          <ul className="ex-removed">
            {r.removed.length === 0 ? (
              <li>nothing could be removed</li>
            ) : (
              r.removed.map((l) => <li key={l}>− {l}</li>)
            )}
          </ul>
          <p className="ex-note ex-fails">
            still fails at {formatUs(r.shrunk.violation.timeUs)} on{' '}
            {r.shrunk.violation.node || 'world'}: {r.shrunk.violation.name}
          </p>
          <a href={shrunkLink(r.shrunk)} target="_blank" rel="noopener" data-testid="shrink-link">
            Open the shrunk run
          </a>
        </div>
      )}
    </section>
  );
}
