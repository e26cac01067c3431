/*
 * The two controls every bar has: play/pause (space) and run exactly one
 * event (→). Shared by the full toolbar and the embed bar.
 */
import { useUi } from '../app-context';

export function PlayStep() {
  const playing = useUi((s) => s.playing);
  const actions = useUi((s) => s.actions);
  return (
    <>
      <button type="button" data-testid="play" className="primary" onClick={actions.togglePlay} aria-pressed={playing} title="Play / pause (space)">
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" data-testid="step-event" onClick={actions.stepEvent} title="Run exactly one event (→)">
        Step
      </button>
    </>
  );
}
