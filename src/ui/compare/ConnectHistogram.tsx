/*
 * Connect attempts over time, per run: one bar per 10 ms bucket, run A above
 * the axis and run B below it on the same scale, each run's peak labelled and
 * the shared cursor drawn across. Without jitter a herd shows as tall
 * spikes in lockstep; with it, as a spread of short bars. Click (or Enter on
 * the focused chart, with ←/→ to move) takes both runs to that moment. The
 * buckets are the engine's (core/compare/run-metrics.ts).
 */
import { useRef } from 'react';
import { formatUs } from '../../core/sim';
import type { SideSummary } from '../../core/compare/compare-runs';
import type { CompareHandle } from './start-compare';
import { useVanilla } from './CompareApp';

const WIDTH = 1000;
const HALF = 46;
const HEIGHT = HALF * 2 + 24;

function Bars({
  side,
  sign,
  maxN,
  untilUs,
}: {
  side: SideSummary;
  sign: 1 | -1;
  maxN: number;
  untilUs: number;
}) {
  const bucketUs = side.metrics.connectBucketUs;
  const w = Math.max(1, (bucketUs / untilUs) * WIDTH);
  return (
    <g className={sign === 1 ? 'is-a' : 'is-b'}>
      {side.metrics.connectHistogram.map(([startUs, n]) => {
        const h = (n / maxN) * (HALF - 6);
        return (
          <rect
            key={startUs}
            x={(startUs / untilUs) * WIDTH}
            y={sign === 1 ? HALF + 12 - h : HALF + 12}
            width={w}
            height={h}
          />
        );
      })}
    </g>
  );
}

export function ConnectHistogram({ handle, timeUs }: { handle: CompareHandle; timeUs: number }) {
  const { summary, untilUs } = useVanilla(handle.state);
  const svg = useRef<SVGSVGElement>(null);
  if (!summary) return null;
  const { a, b } = summary;
  const maxN = Math.max(1, a.metrics.connectPeak.attempts, b.metrics.connectPeak.attempts);
  const toTime = (clientX: number) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    return Math.round(Math.min(1, Math.max(0, (clientX - box.left) / box.width)) * untilUs);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const stepUs = Math.max(10_000, Math.round(untilUs / 100));
    if (e.key === 'ArrowRight') handle.clock.seek(Math.min(untilUs, timeUs + stepUs));
    else if (e.key === 'ArrowLeft') handle.clock.seek(Math.max(0, timeUs - stepUs));
    else return;
    e.preventDefault();
  };
  const peak = (side: SideSummary) =>
    `peak ${side.metrics.connectPeak.attempts} at ${formatUs(side.metrics.connectPeak.atUs)}`;
  return (
    <section
      className="cmp-histogram"
      aria-label="Connect attempts per 10 ms"
      data-testid="connect-histogram"
    >
      <div className="cmp-hist-head">
        <span>Connect attempts per 10 ms</span>
        <span>
          <span className="cmp-badge is-a">A</span> {a.metrics.connectAttempts} attempts, {peak(a)}
        </span>
        <span>
          <span className="cmp-badge is-b">B</span> {b.metrics.connectAttempts} attempts, {peak(b)}
        </span>
      </div>
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="slider"
        tabIndex={0}
        aria-label="Time: click or use ←/→ to move both runs"
        aria-valuemin={0}
        aria-valuemax={untilUs}
        aria-valuenow={timeUs}
        aria-valuetext={formatUs(timeUs)}
        onClick={(e) => handle.clock.seek(toTime(e.clientX))}
        onKeyDown={onKey}
      >
        <line className="cmp-axis" x1={0} x2={WIDTH} y1={HALF + 12} y2={HALF + 12} />
        <Bars side={a} sign={1} maxN={maxN} untilUs={untilUs} />
        <Bars side={b} sign={-1} maxN={maxN} untilUs={untilUs} />
        <line
          className="cmp-cursor"
          x1={(timeUs / untilUs) * WIDTH}
          x2={(timeUs / untilUs) * WIDTH}
          y1={0}
          y2={HEIGHT}
        />
      </svg>
    </section>
  );
}
