/*
 * The Transport panel: the session's profile and every transport knob, each
 * with its value, where it comes from and why it matters, editable. "Replay"
 * rebuilds the session with the edits and returns to the same moment;
 * "Compare" opens both runs side by side. Every edit is checked as it is
 * typed (core's knob parsers): a bad value is named and nothing runs. Reads
 * the session from the store and core's readTransport; knows nothing of the
 * engine beyond the store's load action.
 */
import { useMemo, useState } from 'react';
import { useUi } from '../../app-context';
import { makeSession, sessionInput, type Session } from '../../../core/session';
import { compareToQuery } from '../../../core/compare/compare-query';
import { readTransport, type KnobRow } from '../../../core/transport-settings/describe';
import { findKnob } from '../../../core/transport-settings/knobs';
import { PROFILES, type ProfileId } from '../../../core/transport-settings/profiles';
import { formatKnobs } from '../../../core/transport-settings/settings';
import './transport.css';

interface Draft {
  readonly profile: ProfileId;
  /** Knobs typed by the user, as text: they win over the profile. */
  readonly knobs: ReadonlyMap<string, string>;
}

function draftOf(session: Session): Draft {
  const t = session.transport;
  return { profile: t?.profile ?? 'seed', knobs: new Map(formatKnobs(t?.knobs ?? {})) };
}

/** Equal for equal drafts (a Map does not stringify). */
function draftKey(draft: Draft): string {
  return JSON.stringify([draft.profile, [...draft.knobs]]);
}

function sessionFrom(session: Session, draft: Draft) {
  return makeSession({
    ...sessionInput(session),
    transport: { profile: draft.profile, knobs: [...draft.knobs] },
  });
}

export function TransportPanel() {
  const session = useUi((s) => s.session);
  const timeUs = useUi((s) => s.view?.timeUs ?? 0);
  const load = useUi((s) => s.actions.load);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [forSession, setForSession] = useState<Session | null>(null);
  if (session !== forSession) {
    // A new session (a replay, a link, the console) resets the form to what runs.
    setForSession(session);
    setDraft(session ? draftOf(session) : null);
  }
  // The rows the draft's profile gives, without your knobs: what a cleared field falls back to.
  const base = useMemo(
    () =>
      session && draft
        ? readTransport({ ...session, transport: { profile: draft.profile, knobs: {} } })
        : null,
    [session, draft],
  );
  if (!session || !draft || !base) return <div className="placeholder">Loading…</div>;

  const errors = new Map<string, string>();
  for (const [name, text] of draft.knobs) {
    const parsed = findKnob(name)?.parse(text.trim());
    if (parsed !== undefined && typeof parsed === 'object') errors.set(name, parsed.error);
  }
  const made = errors.size === 0 ? sessionFrom(session, draft) : null;
  const combinedError = made && !made.ok ? made.errors.join('; ') : null;
  const next = made?.ok ? made.session : null;
  const changed = next !== null && draftKey(draftOf(next)) !== draftKey(draftOf(session));
  const edit = (row: KnobRow, text: string) => {
    const knobs = new Map(draft.knobs);
    if (text === row.value) knobs.delete(row.name);
    else knobs.set(row.name, text);
    setDraft({ ...draft, knobs });
  };
  const profile = PROFILES.find((p) => p.id === draft.profile);
  // The scenario's own choices that the draft's profile overrides (fan-in's small queue under fdb).
  const overridden = base.rows.filter(
    (r) => r.source === 'profile' && r.scenarioValue !== null && r.scenarioValue !== r.value,
  );
  return (
    <div className="insp-root tp-root" data-testid="transport-panel">
      <div className="insp-body tp-body">
        <label className="tp-profile">
          <span>Profile</span>
          <select
            value={draft.profile}
            onChange={(e) => setDraft({ ...draft, profile: e.target.value as ProfileId })}
            data-testid="transport-profile"
          >
            {PROFILES.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <p className="tp-summary">
          {profile?.summary}{' '}
          {base.applies
            ? 'Applies to every peer from t = 0.'
            : 'This scenario uses raw connections: no knob applies.'}
        </p>
        <table className="tp-knobs">
          <tbody>
            {base.rows.map((row) => (
              <KnobEditor
                key={row.name}
                row={row}
                text={draft.knobs.get(row.name) ?? row.value}
                mine={draft.knobs.has(row.name)}
                error={errors.get(row.name) ?? null}
                onChange={(text) => edit(row, text)}
              />
            ))}
          </tbody>
        </table>
        {combinedError ? (
          <p className="tp-error" role="alert">
            {combinedError}
          </p>
        ) : null}
        {overridden.length > 0 ? (
          <p className="tp-note">
            This profile replaces the scenario&apos;s own{' '}
            {overridden.map((r) => `${r.name} ${r.scenarioValue}`).join(', ')}.
          </p>
        ) : null}
        <p className="tp-status" aria-live="polite">
          {errors.size > 0
            ? `Fix the ${errors.size === 1 ? 'field' : `${errors.size} fields`} marked in red to replay.`
            : combinedError
              ? 'Fix the combination above to replay.'
              : changed
                ? 'Replay runs the session again with these settings from t = 0, back to this moment.'
                : 'Change the profile or a knob to replay or compare.'}
        </p>
        <div className="tp-actions">
          <button
            type="button"
            disabled={!changed}
            onClick={() => next && load(next, timeUs)}
            data-testid="transport-replay"
            title="Replay this session with these settings and come back to this moment"
          >
            Replay with these
          </button>
          <button
            type="button"
            disabled={!changed}
            onClick={() => {
              if (next) window.location.search = `?${compareToQuery(session, next, timeUs)}`;
            }}
            data-testid="transport-compare"
            title="Open this run (A) and the edited one (B) side by side on one clock"
          >
            Compare side by side
          </button>
          <button
            type="button"
            disabled={draft.knobs.size === 0 && draft.profile === 'seed'}
            onClick={() => setDraft({ profile: 'seed', knobs: new Map() })}
          >
            Reset to seed
          </button>
        </div>
      </div>
    </div>
  );
}

function KnobEditor(props: {
  row: KnobRow;
  text: string;
  mine: boolean;
  error: string | null;
  onChange(text: string): void;
}) {
  const { row, text, mine, error, onChange } = props;
  const id = `tp-knob-${row.name}`;
  const choices =
    row.name === 'queueFullPolicy'
      ? ['reject', 'drop-oldest']
      : row.name === 'resendReliable'
        ? ['true', 'false']
        : null;
  const source = mine ? 'you' : row.source;
  // "seed" is also the run's random seed: the pill says "default".
  const sourceLabel = source === 'seed' ? 'default' : source;
  return (
    <tr
      className={`tp-row${error ? ' is-bad' : ''}${row.differsFromSeed || mine ? ' is-changed' : ''}`}
    >
      <th scope="row">
        <label htmlFor={id} title={row.why}>
          {row.name}
        </label>
        <div className="tp-label">{row.label}</div>
        {error ? (
          <div className="tp-error" id={`${id}-error`}>
            {error}
          </div>
        ) : null}
        {row.differsFromSeed || mine || error ? <div className="tp-why">{row.why}</div> : null}
      </th>
      <td>
        {choices ? (
          <select id={id} value={text} onChange={(e) => onChange(e.target.value)}>
            {choices.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            className="mono"
            value={text}
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </td>
      <td>
        <span
          className={`tp-source is-${source}`}
          title={`Set by: ${sourceLabel}. Tidepool's default: ${row.seedValue}`}
        >
          {sourceLabel}
        </span>
      </td>
    </tr>
  );
}
