/*
 * The two controls every bar has: play/pause (space) and run exactly one
 * event (→), and the time readout. Shared by the full toolbar and the embed bar.
 */
import { useUi } from '../app-context';
import { formatMoment } from '../../core/sim/time';

export function PlayStep() {
  const playing = useUi((s) => s.playing);
  const actions = useUi((s) => s.actions);
  return (
    <>
      <button
        type="button"
        data-testid="play"
        className="primary"
        onClick={actions.togglePlay}
        aria-pressed={playing}
        title="Play / pause (space)"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button
        type="button"
        data-testid="step-event"
        onClick={actions.stepEvent}
        title="Run exactly one event (→)"
      >
        Step
      </button>
    </>
  );
}

/**
 * The virtual-time readout, with the seek progress bar while a seek replays
 * and, on a long one, the time left (any newer seek, click or key replaces
 * it). Shared like PlayStep.
 */
export function TimeReadout() {
  const timeUs = useUi((s) => s.view?.timeUs ?? 0);
  const seekProgress = useUi((s) => s.seekProgress);
  const etaMs = useUi((s) => s.seekEtaMs);
  return (
    <div className="readout" aria-live="off">
      <span className="readout-label">t</span>
      <span data-testid="sim-time" className="mono" data-time-us={timeUs}>
        {formatMoment(timeUs).slice(0, -2)}
      </span>
      <span className="readout-unit">s</span>
      {seekProgress !== null && (
        <>
          <progress
            max={1}
            value={seekProgress}
            aria-label="Replaying to the chosen time"
            data-testid="seek-progress"
          />
          {etaMs !== null && etaMs >= 1000 && (
            <span className="readout-unit" data-testid="seek-eta">
              ~{Math.ceil(etaMs / 1000)} s left
            </span>
          )}
        </>
      )}
    </div>
  );
}
