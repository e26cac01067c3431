/*
 * Invariants: every assertion with its counts. Safety properties (always /
 * unreachable) first — a failure is a violation, shown red; coverage goals
 * (sometimes / reachable) after, with a dot once they have held. Violations
 * are listed on top, under one line for liveness; clicking one moves the
 * time cursor to it. The liveness line is the verdict (core/run-summary.ts):
 * held (green), violated (red) or not judged (amber, never shown as a pass:
 * liveness is judged only in the run's quiet tail), with its reason and the
 * time it is judged from.
 */
import { useState } from 'react';
import type { LivenessVerdict } from '../../core/run-summary';
import { formatUs, type AssertionResult, type Violation } from '../../core/sim';
import { useUi } from '../app-context';
import { useCalmView } from '../calm-view';
import { formatCount, splitScope } from './inspectors/format';
import { formatMoment } from '../../core/sim/time';
import { WhyButton } from './why/WhyButton';
import { findProfile } from '../../core/transport-settings/profiles';
import './inspectors/inspectors.css';
import './transport/transport.css';

const MAX_VIOLATIONS = 30;

export function InvariantsPanel() {
  const view = useCalmView(); // counts change on every view; read at a calm rate while playing
  const assertions = view?.assertions;
  const violations = view?.violations;
  const liveness = view?.liveness ?? null;
  const stopped = useUi((s) => s.stoppedForViolation);
  const seek = useUi((s) => s.actions.seek);
  const all = assertions ?? [];
  const safety = all.filter((a) => a.kind === 'always' || a.kind === 'unreachable');
  const coverage = all.filter((a) => a.kind === 'sometimes' || a.kind === 'reachable');
  const failing = safety.filter((a) => a.fail > 0).length;
  const covered = coverage.filter((a) => a.pass > 0).length;
  const vs = violations ?? [];
  const profileId = useUi((s) => s.session?.transport?.profile ?? 'seed');
  const mutant = useUi((s) => s.session?.mutant);
  const profile = findProfile(profileId);
  // Only a profile's own failure modes are a finding: a mutant's, or any other check's, is not explained away.
  const explained = vs.filter((v) => profile.findingChecks.includes(v.name));
  const finding =
    mutant === undefined && (vs.length === 0 || explained.length > 0)
      ? profile.expectedFindings
      : null;

  return (
    <div data-testid="invariants" className="insp-root">
      <div className="panel-title">
        <h2>Invariants</h2>
        {all.length > 0 ? (
          <span
            className={`insp-inv-summary${failing > 0 ? ' is-bad' : ''}`}
            title={`${failing} of ${safety.length} safety properties violated; ${covered} of ${coverage.length} coverage goals reached`}
          >
            {failing > 0 ? `✗ ${failing} failing` : '✓ all hold'}
          </span>
        ) : null}
      </div>
      {/* Focusable so the list can be scrolled from the keyboard (it has no controls of its own unless something failed). */}
      <div
        className="panel-body insp-body insp-inv-body"
        tabIndex={0}
        role="group"
        aria-label="Invariant results"
      >
        {liveness ? <LivenessLine verdict={liveness} /> : null}
        {finding ? (
          <details className="tp-finding" data-testid="profile-finding" open={explained.length > 0}>
            <summary>
              {explained.length > 0
                ? `A finding about ${profileId}, not a bug (${explained.length === vs.length ? 'every' : `${explained.length} of ${vs.length}`} violation${vs.length === 1 ? '' : 's'})`
                : `Under ${profileId}, failures are expected once judged`}
            </summary>
            {finding}
          </details>
        ) : null}
        {vs.length > 0 ? <ViolationBanner violations={vs} stopped={stopped} onSeek={seek} /> : null}
        {all.length === 0 ? <div className="empty-hint">No assertions registered.</div> : null}
        {safety.length > 0 ? (
          <Group
            title="Must hold"
            count={`${safety.length - failing}/${safety.length} ok`}
            hint="always / unreachable: one failure is a violation"
            items={safety}
          />
        ) : null}
        {coverage.length > 0 ? (
          <Group
            title="Coverage"
            count={`${covered}/${coverage.length} seen`}
            hint="sometimes / reachable: should happen at least once (a gap, not a failure)"
            items={coverage}
          />
        ) : null}
      </div>
    </div>
  );
}

function ViolationBanner({
  violations,
  stopped,
  onSeek,
}: {
  violations: readonly Violation[];
  stopped: boolean;
  onSeek: (us: number) => void;
}) {
  return (
    <section className="insp-violations" role="alert" aria-label="Violations">
      <div className="insp-violations-head">
        <span>
          ✗ {violations.length} violation{violations.length === 1 ? '' : 's'}
        </span>
        <span className="insp-violations-tip">click to jump</span>
        <ExploreFailureButton />
      </div>
      {stopped ? (
        <div className="insp-violations-stopped">Playback stopped at the first violation.</div>
      ) : null}
      <ul>
        {violations.slice(0, MAX_VIOLATIONS).map((v, i) => (
          <li key={`${v.timeUs}-${i}`} className="insp-violation-row">
            <button
              type="button"
              className="insp-violation"
              onClick={() => onSeek(v.timeUs)}
              title={`Seek to ${formatMoment(v.timeUs)}\n${v.name}\n${v.message}`}
            >
              <span className="insp-violation-meta mono">
                {formatMoment(v.timeUs)}
                {v.node ? ` · ${v.node}` : ''}
              </span>
              <span className="insp-violation-name">{splitScope(v.name).text}</span>
              {v.message && v.message !== `always(${v.name}) failed` ? (
                <span className="insp-violation-msg">{v.message}</span>
              ) : null}
            </button>
            <WhyButton
              seq={v.seq}
              what={`the violation of ${splitScope(v.name).text} at ${formatMoment(v.timeUs)}`}
            />
          </li>
        ))}
      </ul>
      {violations.length > MAX_VIOLATIONS ? (
        <div className="insp-muted insp-small">+{violations.length - MAX_VIOLATIONS} more</div>
      ) : null}
    </section>
  );
}

/** Opens Explore on this failure: probe when it became inevitable, shrink it, report it. */
function ExploreFailureButton() {
  const openExplore = useUi((s) => s.actions.openExplore);
  return (
    <button
      type="button"
      className="insp-explore"
      data-testid="explore-failure"
      onClick={() => openExplore(true)}
      title="When did it become inevitable? Shrink it, or write a bug report"
    >
      Explore…
    </button>
  );
}

const LIVENESS_HINT =
  "Liveness: once the network settles, does the transport make progress (calls succeed, queues drain)? It is judged only in the run's quiet tail: after chaos stopped and the transport had a grace window to recover. Before that, or while a cut or a dead node you left is still in force, there is no verdict — which is not a pass.";

const LIVENESS_LOOK: Record<
  LivenessVerdict['status'],
  { cls: string; icon: string; label: string; note: string | null }
> = {
  held: { cls: 'is-held', icon: '✓', label: 'held', note: 'so far' },
  violated: { cls: 'is-violated', icon: '✗', label: 'violated', note: null },
  'not judged': {
    cls: 'is-unjudged',
    icon: '?',
    label: 'not judged',
    note: 'no verdict yet — not a pass',
  },
};

/** Reasons longer than this start clamped to two lines, with a toggle. */
const LONG_REASON_CHARS = 90;

function LivenessLine({ verdict }: { verdict: LivenessVerdict }) {
  const [open, setOpen] = useState(false);
  const look = LIVENESS_LOOK[verdict.status];
  const long = verdict.reason.length > LONG_REASON_CHARS;
  // The time it is judged from, unless the reason already says it in the same words.
  const from =
    verdict.judgedFromUs === null ? null : `judged from ${formatUs(verdict.judgedFromUs)}`;
  return (
    <section
      className={`insp-live ${look.cls}`}
      aria-label="Liveness"
      data-testid="liveness"
      data-status={verdict.status}
      title={LIVENESS_HINT}
    >
      <div className="insp-live-head">
        <span className="insp-live-icon" aria-hidden="true">
          {look.icon}
        </span>
        <span className="insp-live-label">Liveness</span>
        <span className="insp-live-status" data-testid="liveness-status">
          <b>{look.label}</b>
          {look.note ? <span className="insp-live-note"> {look.note}</span> : null}
        </span>
        {from !== null && !verdict.reason.includes(from) ? (
          <span className="insp-live-from">{from}</span>
        ) : null}
      </div>
      <div
        className={`insp-live-reason${long && !open ? ' is-clamped' : ''}`}
        data-testid="liveness-reason"
      >
        {verdict.reason}
      </div>
      {long ? (
        <button
          type="button"
          className="insp-live-more"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'less' : 'more'}
        </button>
      ) : null}
    </section>
  );
}

function Group({
  title,
  count,
  hint,
  items,
}: {
  title: string;
  count: string;
  hint: string;
  items: readonly AssertionResult[];
}) {
  return (
    <section className="insp-inv-group" aria-label={title}>
      <div className="insp-inv-group-head" title={hint}>
        <span>{title}</span>
        <span className="mono">{count}</span>
      </div>
      <ul className="insp-inv-list">
        {items.map((a) => (
          <Row key={a.name} a={a} />
        ))}
      </ul>
    </section>
  );
}

function Row({ a }: { a: AssertionResult }) {
  const { scope, text } = splitScope(a.name);
  const safety = a.kind === 'always' || a.kind === 'unreachable';
  let cls: string;
  let icon: string;
  let count: string;
  let detail: string;
  if (a.kind === 'unreachable') {
    cls = a.fail > 0 ? 'is-bad' : 'is-ok';
    icon = a.fail > 0 ? '✗' : '✓';
    count = a.fail > 0 ? `${formatCount(a.fail)}✗` : 'never';
    detail =
      a.fail > 0 ? `reached ${a.fail} time(s) — must never be reached` : 'never reached (good)';
  } else if (safety) {
    cls = a.fail > 0 ? 'is-bad' : a.pass > 0 ? 'is-ok' : 'is-idle';
    icon = a.fail > 0 ? '✗' : a.pass > 0 ? '✓' : '○';
    count = a.fail > 0 ? `${formatCount(a.fail)}✗` : formatCount(a.pass);
    detail = `always: held ${a.pass}, failed ${a.fail}${a.pass + a.fail === 0 ? ' (not checked yet)' : ''}`;
  } else {
    cls = a.pass > 0 ? 'is-held' : 'is-idle';
    icon = a.pass > 0 ? '●' : '○';
    count = a.pass > 0 ? `${formatCount(a.pass)}×` : '—';
    detail =
      a.kind === 'reachable'
        ? a.pass > 0
          ? `reached ${a.pass} time(s)`
          : 'not reached yet'
        : a.pass > 0
          ? `held ${a.pass} time(s)`
          : 'has not held yet';
  }
  return (
    <li className={`insp-inv-row ${cls}`} title={`${a.name}\n${a.kind} — ${detail}`}>
      <span className="insp-inv-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="insp-inv-name">
        {scope ? <span className="insp-inv-scope">{scope}</span> : null}
        {text}
      </span>
      <span className="insp-inv-count mono">{count}</span>
    </li>
  );
}
