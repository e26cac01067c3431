/*
 * The probe's curve: P(failing the same invariant again) after reseeding at
 * each moment, against time from 0 to the violation — dots joined by steps,
 * the steepest rise shaded, its top marked ("became likely here"), the
 * violation at the right edge. An SVG that scales with its box. Knows nothing
 * of how the probe ran.
 */
import type { ProbeResult } from '../../../core/explore/probe';
import { formatUs } from '../../../core/sim/time';

const W = 600;
const H = 150;
const L = 34;
const R = 10;
const T = 10;
const B = 22;

export function ProbeChart({ result }: { result: ProbeResult }) {
  const endUs = Math.max(1, result.violationUs);
  const x = (us: number) => L + ((W - L - R) * us) / endUs;
  const y = (p: number) => T + (H - T - B) * (1 - p);
  const points = result.points;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.atUs)},${y(p.p)}`).join(' ');
  const s = result.steepest;
  return (
    <svg
      className="ex-probe-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={
        s
          ? `P(failure) against time: it rises most between ${formatUs(s.fromUs)} and ${formatUs(s.toUs)}, from ${pct(s.toUs, result, -s.rise)} to ${pct(s.toUs, result, 0)}`
          : 'P(failure) against time: it never rises'
      }
      data-testid="probe-chart"
    >
      {s && (
        <rect
          x={x(s.fromUs)}
          y={T}
          width={Math.max(2, x(s.toUs) - x(s.fromUs))}
          height={H - T - B}
          fill="#f5a524"
          fillOpacity={0.14}
        />
      )}
      {[0, 0.5, 1].map((p) => (
        <g key={p}>
          <line x1={L} x2={W - R} y1={y(p)} y2={y(p)} stroke="#1d3650" />
          <text x={L - 4} y={y(p) + 3} textAnchor="end" className="ex-forks-label">
            {Math.round(p * 100)}%
          </text>
        </g>
      ))}
      <path d={path} fill="none" stroke="#60a5fa" strokeWidth={2} />
      {points.map((p) => (
        <circle key={p.atUs} cx={x(p.atUs)} cy={y(p.p)} r={3} fill="#60a5fa">
          <title>{`${formatUs(p.atUs)}: ${p.failures}/${p.branches} branches failed`}</title>
        </circle>
      ))}
      {s && (
        <g data-testid="probe-mark">
          <line
            x1={x(result.markUs)}
            x2={x(result.markUs)}
            y1={T}
            y2={H - B}
            stroke="#f5a524"
            strokeWidth={1.5}
          />
          <text x={x(result.markUs) + 4} y={T + 10} className="ex-forks-label ex-mark-label">
            became likely by {formatUs(result.markUs)}
          </text>
        </g>
      )}
      <line x1={x(endUs)} x2={x(endUs)} y1={T} y2={H - B} stroke="#fb5573" strokeDasharray="3 3" />
      <text x={L} y={H - 6} className="ex-forks-label">
        0
      </text>
      <text x={x(endUs)} y={H - 6} textAnchor="end" className="ex-forks-label">
        violation {formatUs(result.violationUs)}
      </text>
    </svg>
  );
}

function pct(atUs: number, r: ProbeResult, offset: number): string {
  const p = r.points.find((q) => q.atUs === atUs)?.p ?? 0;
  return `${Math.round((p + offset) * 100)}%`;
}
