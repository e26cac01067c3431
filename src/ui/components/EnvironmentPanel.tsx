/*
 * Environment: the chaos knobs this run's seed chose (latencies, chunking, bit
 * flips, connect failures...), under the scenario / seed / chaos preset that
 * produced them.
 */
import { useCalmView } from '../calm-view';
import './inspectors/inspectors.css';

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
        <p className="insp-env-note">
          Derived from the seed: the same seed always builds the same network.
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
