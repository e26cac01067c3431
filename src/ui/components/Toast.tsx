/*
 * A short, self-dismissing message at the bottom of the screen (results of
 * actions: "link copied", "n1 ↔ n2 cut"). Announced politely to screen readers.
 */
import { useEffect } from 'react';
import { useUi } from '../app-context';

const SHOW_MS = 3500;

export function Toast() {
  const message = useUi((s) => s.toast);
  const notify = useUi((s) => s.actions.notify);
  useEffect(() => {
    if (message === null) return;
    const timer = window.setTimeout(() => notify(null), SHOW_MS);
    return () => window.clearTimeout(timer);
  }, [message, notify]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message !== null && <div className="toast">{message}</div>}
    </div>
  );
}
