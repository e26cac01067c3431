/*
 * The embed layout (`?embed=1`), for iframing one scenario in a blog post:
 * the topology and a slim control bar (scenario title, play/pause, step,
 * restart, time) and nothing else (but the mutant banner, when the session
 * runs a mutant), plus a small "Open in Tidepool" link to the
 * same session at the same moment in the full playground (a new tab).
 * `embed` is a UI-only link parameter: core/session-query accepts and ignores
 * it, so the session — and its trace hash — is the same with or without it.
 */
import { PlayStep, TimeReadout } from './PlayStep';
import { useServices, useUi } from '../app-context';
import { findScenario } from '../../core/scenario/registry';
import { currentLink } from '../url-sync';
import { Topology } from './Topology';
import { UrlBanner } from './UrlBanner';
import { MutantBanner } from './MutantBanner';
import { Toast } from './Toast';
import '../embed.css';

/** True when the link asks for the embed layout (`embed=1` or `embed=true`). */
export function isEmbedQuery(search: string): boolean {
  const value = new URLSearchParams(search).get('embed');
  return value === '1' || value === 'true';
}

export function EmbedApp() {
  return (
    <div className="embed" data-testid="embed">
      <MutantBanner compact />
      <EmbedBar />
      <UrlBanner />
      <main className="embed-stage">
        <section className="panel topology-panel" aria-label="Topology">
          <Topology />
        </section>
      </main>
      <Toast />
    </div>
  );
}

function EmbedBar() {
  const session = useUi((s) => s.session);
  const actions = useUi((s) => s.actions);
  // Re-rendered with the moment, so the link always lands where the viewer stands.
  useUi((s) => (s.view ? `${s.view.timeUs}@${s.view.midInstant ? s.view.events : ''}` : ''));
  const { store } = useServices();
  const scenario = session ? findScenario(session.scenario) : undefined;
  const fullLink = session
    ? currentLink(store, `${window.location.origin}${window.location.pathname}`)
    : window.location.pathname;

  return (
    <header className="embed-bar" role="toolbar" aria-label="Simulation controls">
      <span className="embed-title" title={scenario?.description}>
        <span className="brand-mark" aria-hidden="true">
          ◠
        </span>{' '}
        {scenario?.title ?? session?.scenario ?? 'Tidepool'}
      </span>
      <div className="transport" role="group" aria-label="Playback">
        <PlayStep />
        <button
          type="button"
          data-testid="restart"
          onClick={actions.restart}
          title="Back to 0 with the same session"
        >
          ↺ Restart
        </button>
      </div>
      <TimeReadout />
      <a
        className="embed-open"
        data-testid="open-in-tidepool"
        href={fullLink}
        target="_blank"
        rel="noopener noreferrer"
        title="Open this run in the full playground (new tab)"
      >
        Open in Tidepool ↗
      </a>
    </header>
  );
}
