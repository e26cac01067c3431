/*
 * Environment: the transport's profile and every knob that differs from the
 * seed's numbers (each with why it matters), then the chaos knobs this run's
 * seed chose (latencies, chunking, bit flips, connect failures...), under the
 * scenario / seed / chaos preset that produced them. "Edit…" opens the
 * Transport drawer.
 */
import { useMemo } from 'react';
import { useCalmView } from '../calm-view';
import { useUi } from '../app-context';
import { readTransport } from '../../core/transport-settings/describe';
import './inspectors/inspectors.css';
import './transport/transport.css';

function TransportSummary() {
  const session = useUi((s) => s.session);
  const openTransport = useUi((s) => s.actions.openTransport);
  const reading = useMemo(() => (session ? readTransport(session) : null), [session]);
  if (!reading) return null;
  const differing = reading.rows.filter((r) => r.differsFromSeed);
  return (
    <div className="tp-env-transport" data-testid="environment-transport">
      <div className="insp-env-head">
        <span className="insp-env-tag" title="Transport profile">
          profile {reading.profile.id}
        </span>
        {!reading.applies ? (
          <span className="insp-muted">echo uses raw connections: no knob applies</span>
        ) : null}
        <button
          type="button"
          className="tp-edit"
          onClick={() => openTransport(true)}
          data-testid="environment-edit-transport"
        >
          Edit…
        </button>
      </div>
      {differing.length === 0 ? (
        <p className="insp-env-note">Transport: Tidepool&apos;s default numbers, every knob.</p>
      ) : (
        <ul aria-label="Transport knobs that differ from Tidepool's defaults">
          {differing.map((r) => (
            <li key={r.name} title={`${r.why} (set by the ${r.source})`}>
              <span className="mono">
                {r.name} {r.value}
              </span>{' '}
              <span className="insp-muted">← {r.seedValue}</span>
              <div className="tp-env-why">{r.why}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function EnvironmentPanel() {
  const view = useCalmView(); // every view brings a new knob list
  const scenario = view?.scenario;
  const seed = view?.seed;
  const chaos = view?.chaos;
  const environment = view?.environment;
  const rows = environment ?? [];
  return (
    <div data-testid="environment" className="insp-root">
      <div className="panel-title">
        <h2>Environment</h2>
      </div>
      {/* Focusable so the knobs can be scrolled from the keyboard (there is nothing else to focus here). */}
      <div
        className="panel-body insp-body insp-env-body"
        tabIndex={0}
        role="group"
        aria-label="Chaos knobs"
      >
        {scenario ? (
          <div className="insp-env-head">
            <span className="insp-env-tag" title="Scenario">
              {scenario}
            </span>
            <span className="insp-env-tag mono" title="Seed">
              seed {seed}
            </span>
            <span className="insp-env-tag is-chaos" title="Chaos preset">
              {chaos}
            </span>
          </div>
        ) : null}
        <TransportSummary />
        <p className="insp-env-note">
          Network, derived from the seed: the same seed always builds the same network.
        </p>
        {rows.length === 0 ? (
          <div className="empty-hint">No chaos: a perfect network.</div>
        ) : (
          <dl className="insp-env">
            {rows.map((r) => (
              <div key={r.knob} className={`insp-env-row${r.value === 'off' ? ' is-off' : ''}`}>
                <dt>{r.knob}</dt>
                <dd className="mono">{r.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}
