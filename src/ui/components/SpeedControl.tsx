/*
 * Playback pace. "Follow packets" (the default in small scenarios) slows
 * virtual time while a packet crosses and skips the quiet gaps between them,
 * saying what it skipped; the slider then sets how long a crossing takes.
 * Off, play runs at a steady rate on a log scale, from slow enough to watch
 * one packet cross a link (0.1 ms of virtual time per second) to fast enough
 * to fly through minutes (100 s per second). The pacing itself lives in the
 * engine's host (engine/pacer.ts); this only shows and sets it.
 */
import { useUi } from '../app-context';
import { crossingMsAt } from '../engine/pacer';
import { formatDuration } from './inspectors/format';

const MIN_LOG = 2; // 10^2 µs per second = 0.1 ms/s
const MAX_LOG = 8; // 10^8 µs per second = 100 s/s

export function formatSpeed(usPerSecond: number): string {
  const ratio = usPerSecond / 1_000_000;
  if (ratio >= 1) return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}× real time`;
  const msPerS = usPerSecond / 1000;
  return `${msPerS >= 10 ? msPerS.toFixed(0) : msPerS.toFixed(1)} ms per second`;
}

/** The slider's meaning while following packets: how long one crossing takes on screen. */
export function formatCrossing(usPerSecond: number): string {
  const ms = crossingMsAt(usPerSecond);
  return `crossing ${ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`}`;
}

export function SpeedControl() {
  const speed = useUi((s) => s.speed);
  const pace = useUi((s) => s.pace);
  const setSpeed = useUi((s) => s.actions.setSpeed);
  const setPacing = useUi((s) => s.actions.setPacing);
  const following = pace.mode === 'packets';
  const text = following ? formatCrossing(speed) : formatSpeed(speed);
  const position = Math.log10(speed);
  return (
    <div className="field speed" role="group" aria-label="Pace">
      <label className="field">
        <span>Speed</span>
        <input
          type="range"
          min={MIN_LOG}
          max={MAX_LOG}
          step={0.05}
          value={Math.min(MAX_LOG, Math.max(MIN_LOG, position))}
          aria-valuetext={text}
          onChange={(e) => setSpeed(10 ** Number(e.target.value))}
        />
        <output className="mono" data-testid="speed-text">
          {text}
        </output>
      </label>
      <button
        type="button"
        data-testid="follow-packets"
        aria-pressed={following}
        onClick={() => setPacing(following ? 'rate' : 'packets')}
        title={
          following
            ? 'Following packets: time slows while a packet crosses and skips the quiet gaps between. Click to play at a steady rate instead.'
            : 'Playing at a steady rate. Click to follow packets: slow while one crosses, skip the quiet gaps.'
        }
      >
        Follow packets
      </button>
      {following && <SkipNote />}
    </div>
  );
}

/**
 * "skipped 98.2ms idle" after play jumps a quiet gap. Each skip draws a new
 * text that fades out by CSS (skip-note-fade), so no timer runs here; with
 * reduced motion it stays until the next skip. The box keeps its width, so
 * nothing in the toolbar moves.
 */
function SkipNote() {
  const lastSkip = useUi((s) => s.lastSkip);
  return (
    <span
      className="skip-note"
      data-testid="skip-note"
      title="Nothing was on the wire: play jumped to the next event"
    >
      {lastSkip && <span key={lastSkip.n}>skipped {formatDuration(lastSkip.us)} idle</span>}
    </span>
  );
}
