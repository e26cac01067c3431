/*
 * Connect attempts over time, per run: one bar per 10 ms bucket, run A above
 * the axis and run B below it on one scale, second ticks along it, each
 * run's peak labelled and the shared cursor drawn across. The time axis ends
 * a second after the last attempt of either run (or at the cursor, if later),
 * so a herd's waves are wide enough to see. Without jitter a herd shows as
 * tall spikes in lockstep; with it, as a spread of short bars. Click, or ←/→
 * on the focused chart, takes both runs to that moment. The buckets are the
 * engine's (core/compare/run-metrics.ts); nothing is counted here.
 */
import { useRef } from 'react';
import { formatUs } from '../../core/sim';
import type { SideSummary } from '../../core/compare/compare-runs';
import type { CompareHandle } from './start-compare';
import { useStore } from 'zustand';

const WIDTH = 1000;
const HALF = 46;
const TOP = 6;
const AXIS_Y = TOP + HALF;
const HEIGHT = AXIS_Y + HALF + 14;
/** Narrowest bar drawn (viewBox units of 1000): a 10 ms bucket in a 30 s chart would be a hair. */
const MIN_BAR = 2;
const TAIL_US = 1_000_000;

function lastAttemptUs(side: SideSummary): number {
  const h = side.metrics.connectHistogram;
  return h.length === 0 ? 0 : (h[h.length - 1] as readonly [number, number])[0];
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function Bars(props: {
  side: SideSummary;
  name: 'A' | 'B';
  maxN: number;
  x: (us: number) => number;
}) {
  const { side, name, maxN, x } = props;
  const bucketUs = side.metrics.connectBucketUs;
  return (
    <g className={name === 'A' ? 'is-a' : 'is-b'}>
      {side.metrics.connectHistogram.map(([startUs, n]) => {
        const h = Math.max(1.5, (n / maxN) * (HALF - 4));
        return (
          <rect
            key={startUs}
            x={x(startUs)}
            y={name === 'A' ? AXIS_Y - h : AXIS_Y}
            width={Math.max(MIN_BAR, x(startUs + bucketUs) - x(startUs))}
            height={h}
          >
            <title>{`${name}: ${plural(n, 'connect attempt')} in ${formatUs(startUs)}–${formatUs(startUs + bucketUs)}`}</title>
          </rect>
        );
      })}
    </g>
  );
}

function ticks(spanUs: number): number[] {
  const stepUs =
    [100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000].find(
      (s) => spanUs / s <= 12,
    ) ?? 30_000_000;
  const out: number[] = [];
  for (let t = 0; t <= spanUs; t += stepUs) out.push(t);
  return out;
}

export function ConnectHistogram({ handle, timeUs }: { handle: CompareHandle; timeUs: number }) {
  const { summary } = useStore(handle.state);
  const svg = useRef<SVGSVGElement>(null);
  if (!summary) return null;
  const { a, b } = summary;
  const spanUs = Math.min(
    summary.untilUs,
    Math.max(lastAttemptUs(a), lastAttemptUs(b), timeUs) + TAIL_US,
  );
  const x = (us: number) => (Math.min(us, spanUs) / spanUs) * WIDTH;
  const maxN = Math.max(1, a.metrics.connectPeak.attempts, b.metrics.connectPeak.attempts);
  const toTime = (clientX: number) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    return Math.round(Math.min(1, Math.max(0, (clientX - box.left) / box.width)) * spanUs);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const stepUs = Math.max(10_000, Math.round(spanUs / 100));
    if (e.key === 'ArrowRight') handle.clock.seek(Math.min(summary.untilUs, timeUs + stepUs));
    else if (e.key === 'ArrowLeft') handle.clock.seek(Math.max(0, timeUs - stepUs));
    else return;
    e.preventDefault();
  };
  const peak = (side: SideSummary) =>
    `${plural(side.metrics.connectAttempts, 'attempt')}, peak ${side.metrics.connectPeak.attempts} in 10 ms at ${formatUs(side.metrics.connectPeak.atUs)}`;
  return (
    <section
      className="cmp-histogram"
      aria-label="Connect attempts per 10 ms"
      data-testid="connect-histogram"
    >
      <div className="cmp-hist-head">
        <strong>Connect attempts per 10 ms</strong>
        <span>
          <span className="cmp-badge is-a">A</span> above the line: {peak(a)}
        </span>
        <span>
          <span className="cmp-badge is-b">B</span> below: {peak(b)}
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
        aria-valuemax={summary.untilUs}
        aria-valuenow={timeUs}
        aria-valuetext={formatUs(timeUs)}
        onClick={(e) => handle.clock.seek(toTime(e.clientX))}
        onKeyDown={onKey}
      >
        {ticks(spanUs).map((t) => (
          <line key={t} className="cmp-tick" x1={x(t)} x2={x(t)} y1={TOP} y2={AXIS_Y + HALF} />
        ))}
        <line className="cmp-axis" x1={0} x2={WIDTH} y1={AXIS_Y} y2={AXIS_Y} />
        <Bars side={a} name="A" maxN={maxN} x={x} />
        <Bars side={b} name="B" maxN={maxN} x={x} />
        <line className="cmp-cursor" x1={x(timeUs)} x2={x(timeUs)} y1={0} y2={HEIGHT} />
      </svg>
      <div className="cmp-ticks" aria-hidden="true">
        {ticks(spanUs).map((t) => (
          <span key={t} style={{ left: `${(x(t) / WIDTH) * 100}%` }}>
            {t / 1_000_000}s
          </span>
        ))}
      </div>
      <p className="cmp-hist-note">
        Each bar counts the dials started in 10 ms, on one scale for both runs. Peers that back off
        in lockstep dial together (tall spikes); jitter draws each delay from a window around it, so
        the same dials spread out (short bars).
      </p>
    </section>
  );
}
