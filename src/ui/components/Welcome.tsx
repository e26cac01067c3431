/*
 * The first-visit welcome: what Tidepool is, three things to try, and a way
 * into lesson 1. Shown only on the bare address (a shared link goes straight
 * to its run) until it is dismissed, a lesson is started from it, or play is
 * pressed; remembered in the browser (localStorage, which may be refused: then
 * it is simply shown again next time). A strip above the workspace, not a
 * modal: nothing on the page is blocked while it is there.
 */
import { useState } from 'react';
import { LESSONS } from '../../lessons';
import { readFlag, writeFlag } from '../remembered-flag';
import { useUi } from '../app-context';
import { lessonActions, useLesson } from './lesson/lesson-state';

const WELCOMED_KEY = 'tidepool.welcomed';

/** True on a first visit to the bare address (read once, before URL sync writes the session in). */
export function shouldWelcome(search: string): boolean {
  return search === '' && !readFlag(WELCOMED_KEY);
}

export function Welcome() {
  const [open, setOpen] = useState(() => shouldWelcome(window.location.search));
  const play = useUi((s) => s.actions.play);
  const inLesson = useLesson((s) => s.lessonId !== null);
  if (!open || inLesson) return null; // a lesson, however started, speaks for itself
  const first = LESSONS[0];
  const close = () => {
    writeFlag(WELCOMED_KEY, true);
    setOpen(false);
  };
  return (
    <section className="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <div className="welcome-text">
        <h2 id="welcome-title">
          A real network transport, on a simulated network you control.{' '}
          <span className="welcome-sub">
            Checksummed frames, reconnects with backoff, queues and RPC run over a virtual network
            and clock; every run replays exactly from its link.
          </span>
        </h2>
        <ol>
          <li>
            <strong>▶ Play</strong>: watch a request and its reply cross the link.
          </li>
          <li>
            <strong>Click the link</strong> to cut it, again to heal it: watch the client's peer.
          </li>
          <li>
            <strong>Click a node</strong> to kill or restart it; ask <em>Why?</em> about anything.
          </li>
        </ol>
      </div>
      <div className="welcome-actions">
        {first && (
          <button
            type="button"
            className="primary"
            data-testid="welcome-lesson"
            onClick={() => {
              close();
              lessonActions.start(first.id, 0);
            }}
          >
            Start lesson 1: {first.title}
          </button>
        )}
        <button
          type="button"
          data-testid="welcome-play"
          onClick={() => {
            close();
            play();
          }}
        >
          ▶ Just play
        </button>
        <button
          type="button"
          className="welcome-close"
          data-testid="welcome-close"
          aria-label="Dismiss the welcome"
          onClick={close}
        >
          ✕
        </button>
      </div>
    </section>
  );
}
