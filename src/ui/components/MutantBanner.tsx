/*
 * The mutant banner: while the session runs a deliberately broken transport
 * (core/mutants/catalogue.ts, `mutant=<id>` in a link, `mutant <id>` in the
 * console), the top of the page says so in both layouts — which mutant, what
 * it breaks, which check should catch it — with a button that reruns the same
 * session, at the same moment, on the real transport. Nothing here is HTML
 * from input: the id was validated by makeSession and every string is
 * rendered as text.
 */
import { findMutant } from '../../core/mutants/catalogue';
import type { Session } from '../../core/session';
import { useServices, useUi } from '../app-context';
import { findLesson } from '../../lessons';
import { useLesson } from './lesson/lesson-state';

/** The same session on the real transport (scenario, seed, chaos, parameters and script unchanged). */
export function withoutMutant(session: Session): Session {
  const { mutant: _dropped, ...real } = session;
  return real;
}

export function MutantBanner({ compact = false }: { compact?: boolean }) {
  // Primitives only: the view object is new on every frame, these change only with the session.
  const id = useUi((s) => s.view?.mutant?.id ?? null);
  const breaks = useUi((s) => s.view?.mutant?.breaks ?? null);
  const { store } = useServices();
  const secret = useLesson((l) => (l.lessonId ? findLesson(l.lessonId)?.secretMutant : false));
  if (id === null) return null;
  if (secret) return <SecretMutantBanner compact={compact} />;
  const caughtBy = findMutant(id)?.caughtBy ?? null;
  const drop = () => {
    const { session, view, actions } = store.getState();
    if (session) actions.load(withoutMutant(session), view?.timeUs ?? 0);
  };
  return (
    <div
      className={`mutant-banner${compact ? ' is-compact' : ''}`}
      role="alert"
      aria-label="Mutant active"
      data-testid="mutant-banner"
      data-mutant={id}
    >
      <span className="mutant-banner-icon" aria-hidden="true">
        ⚠
      </span>
      <p className="mutant-banner-text">
        <strong>
          Mutant active: <code>{id}</code>
        </strong>
        {breaks ? ` — ${breaks}.` : '.'}{' '}
        <span className="mutant-banner-why">
          This transport is broken on purpose; the checks should catch it
          {caughtBy && !compact ? (
            <>
              {' '}
              (expected: <q>{caughtBy}</q>)
            </>
          ) : null}
          .
        </span>
      </p>
      <button
        type="button"
        className="mutant-banner-drop"
        data-testid="drop-mutant"
        onClick={drop}
        title="Rerun the same session (scenario, seed, chaos, script) on the real transport, landing at this moment"
      >
        Run without the mutant
      </button>
    </div>
  );
}

/** During a bug hunt: a planted bug, unnamed — naming it would answer the lesson. */
function SecretMutantBanner({ compact }: { compact: boolean }) {
  return (
    <div
      className={`mutant-banner${compact ? ' is-compact' : ''}`}
      role="alert"
      aria-label="Mutant active"
      data-testid="mutant-banner"
      data-mutant="secret"
    >
      <span className="mutant-banner-icon" aria-hidden="true">
        ⚠
      </span>
      <p className="mutant-banner-text">
        <strong>Mutant active: a planted bug.</strong>{' '}
        <span className="mutant-banner-why">
          This transport is broken on purpose; the lesson is to find how. Its name shows once you
          leave the lesson.
        </span>
      </p>
    </div>
  );
}
