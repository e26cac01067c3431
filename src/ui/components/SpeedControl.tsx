/*
 * Playback speed on a log scale, from slow enough to watch one packet cross a
 * link (0.1 ms of virtual time per second) to fast enough to fly through
 * minutes (100 s per second).
 */
import { useUi } from '../app-context';

const MIN_LOG = 2; // 10^2 µs per second = 0.1 ms/s
const MAX_LOG = 8; // 10^8 µs per second = 100 s/s

export function formatSpeed(usPerSecond: number): string {
  const ratio = usPerSecond / 1_000_000;
  if (ratio >= 1) return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}× real time`;
  const msPerS = usPerSecond / 1000;
  return `${msPerS >= 10 ? msPerS.toFixed(0) : msPerS.toFixed(1)} ms per second`;
}

export function SpeedControl() {
  const speed = useUi((s) => s.speed);
  const setSpeed = useUi((s) => s.actions.setSpeed);
  const position = Math.log10(speed);
  return (
    <label className="field speed">
      <span>Speed</span>
      <input
        type="range"
        min={MIN_LOG}
        max={MAX_LOG}
        step={0.05}
        value={Math.min(MAX_LOG, Math.max(MIN_LOG, position))}
        aria-valuetext={formatSpeed(speed)}
        onChange={(e) => setSpeed(10 ** Number(e.target.value))}
      />
      <output className="mono">{formatSpeed(speed)}</output>
    </label>
  );
}
