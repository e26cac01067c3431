/*
 * A bug report in one click: finds the run's first violation, shrinks the run
 * (or takes the shrink already made), asks for the "Why?" chain, stands the
 * playground at the violation and photographs the timeline there — then
 * shows the Markdown (bug-report.ts) with the picture, to copy or download.
 * Knows nothing of workers beyond playground-explore.ts.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { sessionToQuery } from '../../../core/session-query';
import { useServices, useUi } from '../../app-context';
import { bugReportMarkdown } from './bug-report';
import { exploreUntilUs, sessionKey, type PlaygroundExplore } from './playground-explore';
import { shrunkLink } from './ShrinkSection';

const HISTORY_WAIT_MS = 15_000;
const QUIET_FRAMES = 20;

type Step = 'idle' | 'violation' | 'shrink' | 'why' | 'picture' | 'done' | 'clean' | 'error';

const STEP_TEXT: Record<Step, string> = {
  idle: '',
  violation: 'finding the first violation…',
  shrink: 'shrinking the run…',
  why: 'asking why…',
  picture: 'photographing the timeline at the violation…',
  done: '',
  clean: 'This run does not fail: there is no bug to report.',
  error: 'Something went wrong: ',
};

export function ReportSection({ explore }: { explore: PlaygroundExplore }) {
  const services = useServices();
  const session = useUi((s) => s.session);
  const cursorUs = useUi((s) => s.view?.timeUs ?? 0);
  const [step, setStep] = useState<Step>('idle');
  const [error, setError] = useState('');
  const report = useStore(explore.store, (s) => s.report);
  const [copied, setCopied] = useState(false);
  // Each report run is numbered: a later one, or another session, makes an earlier one stop.
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );
  if (!session) return null;
  const key = sessionKey(session);

  const write = async () => {
    const mine = ++generation.current;
    const stale = () => {
      const now = services.store.getState().session;
      return mine !== generation.current || !now || sessionKey(now) !== key;
    };
    explore.store.setState({ report: null });
    setCopied(false);
    try {
      const untilUs = exploreUntilUs(session, cursorUs);
      setStep('violation');
      const violation = await explore.firstViolation(session, untilUs);
      if (stale()) return setStep('idle');
      if (violation === null) return setStep('clean');
      setStep('shrink');
      const kept = explore.store.getState().shrink;
      const shrink =
        kept?.key === sessionKey(session) && kept.result
          ? kept.result
          : await explore.shrink(session, cursorUs);
      if (stale()) return setStep('idle');
      setStep('why');
      const why = await explore.why(session, untilUs, violation);
      if (stale()) return setStep('idle');
      setStep('picture');
      const imageName = `tidepool-${session.scenario}-seed-${session.seed}-timeline.png`;
      const imageUrl = await timelinePicture(services, violation.timeUs);
      if (stale()) return setStep('idle');
      const base = `${window.location.origin}${window.location.pathname}`;
      const probe = explore.store.getState().probe;
      const markdown = bugReportMarkdown({
        probe: probe?.key === key && probe.result ? probe.result : null,
        session,
        untilUs,
        violation,
        link: `${base}?${sessionToQuery(session, violation.timeUs)}`,
        shrunkLink: shrink ? `${base}${shrunkLink(shrink.shrunk)}` : null,
        shrink,
        why,
        imageName,
      });
      explore.store.setState({ report: { key, markdown, imageName, imageUrl } });
      setStep('done');
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e instanceof Error ? e.message : String(e));
      setStep('error');
    }
  };
  const busy = step !== 'idle' && step !== 'done' && step !== 'clean' && step !== 'error';
  return (
    <section className="ex-section" aria-label="Bug report">
      <h3>Bug report</h3>
      <p className="ex-note">
        The link, the shrunk link, the first violation, why it happened and a picture of the
        timeline there, as Markdown.
      </p>
      <div className="ex-row">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void write()}
          data-testid="report-run"
        >
          Write a bug report
        </button>
        {step !== 'done' && step !== 'idle' && (
          <span className="ex-note" role="status" data-testid="report-status">
            {STEP_TEXT[step]}
            {step === 'error' ? error : ''}
          </span>
        )}
      </div>
      {report && report.key === key && (
        <div data-testid="report-result">
          <textarea
            className="ex-report mono"
            readOnly
            value={report.markdown}
            rows={10}
            aria-label="Bug report (Markdown)"
            data-testid="report-markdown"
          />
          <div className="ex-row">
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(report.markdown).then(() => setCopied(true))
              }
            >
              {copied ? '✓ Copied' : 'Copy Markdown'}
            </button>
            <button
              type="button"
              onClick={() =>
                downloadText(report.markdown, report.imageName.replace(/-timeline\.png$/, '.md'))
              }
            >
              Download .md
            </button>
            {report.imageUrl && (
              <a
                className="ex-button"
                href={report.imageUrl}
                download={report.imageName}
                data-testid="report-png"
              >
                Download PNG
              </a>
            )}
          </div>
          {report.imageUrl && (
            <img
              className="ex-report-image"
              src={report.imageUrl}
              alt="The timeline at the first violation"
            />
          )}
        </div>
      )}
    </section>
  );
}

/** Saves `text` as a file (a short-lived object URL, revoked once the download has started). */
function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Stands the playground at `timeUs` and returns the timeline canvas as a PNG data URL (null without one). */
async function timelinePicture(
  services: ReturnType<typeof useServices>,
  timeUs: number,
): Promise<string | null> {
  services.store.getState().actions.seek(timeUs);
  await services.engine.settled();
  // The timeline reads back the history around the new moment: photograph it once all is in.
  const waitUntil = performance.now() + HISTORY_WAIT_MS;
  // It starts reading a few frames after the seek shows: wait for a quiet spell, not one frame.
  for (let quiet = 0; quiet < QUIET_FRAMES && performance.now() < waitUntil;) {
    await new Promise((r) => requestAnimationFrame(r));
    const root = document.querySelector<HTMLElement>('[data-testid="timeline"]');
    quiet = root?.dataset.loading ? 0 : quiet + 1;
  }
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="timeline-canvas"]');
  return canvas ? canvas.toDataURL('image/png') : null;
}
