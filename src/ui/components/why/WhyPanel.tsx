/*
 * "Why?": the chain of causes behind one trace event, newest first, down to
 * its root (a fault, an intervention, a BUGGIFY site, the run's start). Each
 * link is a button: it moves the time cursor to that event and selects what
 * it is about. The chain comes from the engine (core/why.ts); this file only
 * draws it. Esc or ✕ closes it.
 */
import { useEffect, useRef } from 'react';
import { formatTraceParts, categoryOf, isFailure } from '../../../console/trace-format';
import type { TraceEvent } from '../../../core/sim';
import { WHY_END_NOTE } from '../../../console/why-format';
import { useUi } from '../../app-context';
import './why.css';

export function WhyPanel() {
  const why = useUi((s) => s.why);
  const actions = useUi((s) => s.actions);
  const closeRef = useRef<HTMLButtonElement>(null);
  const open = why !== null;
  useEffect(() => {
    if (!open) return;
    // Take the keyboard from a button that asked, not from the console (it keeps typing);
    // on close, give it back to whatever had it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!opener?.closest('.xterm')) closeRef.current?.focus();
    return () => {
      if (
        opener?.isConnected &&
        (document.activeElement === document.body || document.activeElement === null)
      )
        opener.focus();
    };
  }, [open]);
  if (!why) return null;
  const chain = why.chain;
  const root = chain && chain.end === 'root' ? chain.links[chain.links.length - 1] : undefined;
  return (
    <aside
      className="why-panel"
      role="dialog"
      aria-label="Why?"
      data-testid="why-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          actions.closeWhy();
        }
      }}
    >
      <header className="why-head">
        <h2>Why?</h2>
        {root ? <span className="why-root-summary">root: {rootLabel(root)}</span> : null}
        <button
          ref={closeRef}
          type="button"
          className="why-close"
          aria-label="Close Why?"
          title="Close (Esc)"
          onClick={actions.closeWhy}
        >
          ✕
        </button>
      </header>
      {chain === null ? (
        <p className="why-note">Event #{why.seq} is not part of this run (yet).</p>
      ) : (
        <>
          <p className="why-lead">
            Each line was caused by the one below it. Click a line to jump there.
          </p>
          <ol className="why-chain" aria-label="Chain of causes">
            {chain.links.map((event, i) => (
              <li key={event.seq} className="why-link-row">
                {i > 0 ? (
                  <span className="why-arrow" aria-hidden="true">
                    ↑ caused
                  </span>
                ) : null}
                <WhyLink
                  event={event}
                  current={event.seq === why.current}
                  isRoot={event === root}
                  onFollow={() => actions.followWhy(event)}
                />
              </li>
            ))}
          </ol>
          {WHY_END_NOTE[chain.end] ? (
            <p className="why-note">{capitalised(WHY_END_NOTE[chain.end])}.</p>
          ) : null}
        </>
      )}
    </aside>
  );
}

function WhyLink({
  event,
  current,
  isRoot,
  onFollow,
}: {
  event: TraceEvent;
  current: boolean;
  isRoot: boolean;
  onFollow: () => void;
}) {
  const parts = formatTraceParts(event);
  const tone = isRoot
    ? 'is-root'
    : isFailure(event.kind)
      ? 'is-failure'
      : `is-${categoryOf(event.kind)}`;
  return (
    <button
      type="button"
      className={`why-link ${tone}${current ? ' is-current' : ''}`}
      aria-current={current ? 'step' : undefined}
      data-kind={event.kind}
      data-seq={event.seq}
      onClick={onFollow}
      title={`Jump to ${parts.time.trim()} and select it`}
    >
      <span className="why-link-meta mono">
        {parts.time.trim()} · {event.node || 'world'} · #{event.seq}
      </span>
      <span className="why-link-kind mono">{event.kind}</span>
      <span className="why-link-detail">{parts.detail}</span>
    </button>
  );
}

function rootLabel(e: TraceEvent): string {
  if (e.kind === 'run_started') return 'the run started';
  if (e.kind === 'intervention_applied') return `your action "${e.action}"`;
  if (e.kind === 'buggify_fired') return `buggify at ${e.site}`;
  const origin =
    'origin' in e
      ? e.origin === 'chaos'
        ? ' by chaos'
        : e.origin === 'explicit'
          ? ' by hand'
          : ''
      : '';
  return `${e.kind.replace(/_/g, ' ')}${origin}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
