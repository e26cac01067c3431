/*
 * Branches drawn as forks of the run: the trunk from 0 to the branch moment,
 * then one line per branch fanning out to where it ended — a red ✕ at its
 * first violation, a teal dot at the end of a clean run, amber where liveness
 * was not judged. Each fork is a link to that branch as its own session. Time
 * runs left to right over [0, the branches' end]; the cursor is marked. An
 * SVG: it scales with its box and prints into a bug report as it is. Knows
 * nothing of workers.
 */
import { formatUs } from '../../../core/sim/time';
import { sessionToQuery } from '../../../core/session-query';
import { verdictOf } from '../../explore/explorer-sweep';
import type { BranchSet } from './playground-explore';

const PAD = 8;
const COLOUR = { violation: '#fb5573', clean: '#2dd4bf', 'not judged': '#f5a524' } as const;

/** `compact`: a wide, low strip without time labels (under the timeline). */
export function BranchForks({
  branches,
  cursorUs,
  compact = false,
}: {
  branches: BranchSet;
  cursorUs: number;
  compact?: boolean;
}) {
  const n = Math.max(1, branches.count);
  const W = compact ? 1400 : 600;
  const ROW = compact ? Math.max(1.5, 36 / n) : 7;
  const h = PAD * 2 + ROW * (n - 1) + (compact ? 0 : 14);
  const x = (us: number) =>
    PAD + ((W - 2 * PAD) * Math.min(us, branches.untilUs)) / Math.max(1, branches.untilUs);
  const mid = PAD + (ROW * (n - 1)) / 2;
  const x0 = x(branches.atUs);
  return (
    <svg
      className="ex-forks"
      viewBox={`0 0 ${W} ${h}`}
      role="group"
      aria-label={`${branches.runs.length} of ${branches.count} branches from ${formatUs(branches.atUs)}, drawn as forks`}
      data-testid="branch-forks"
    >
      <line x1={PAD} y1={mid} x2={x0} y2={mid} stroke="#d6e4f0" strokeWidth={2} />
      {branches.runs.map((run, i) => {
        const y = PAD + ROW * i;
        const verdict = verdictOf(run.outcome);
        const first = run.outcome.violations[0];
        const endUs = first?.timeUs ?? branches.untilUs;
        const x1 = x(endUs);
        const bend = Math.min(x1, x0 + 14);
        const link = `?${sessionToQuery(run.session, first?.timeUs ?? branches.atUs)}`;
        return (
          <a key={String(run.seed)} href={link} target="_blank" rel="noopener">
            <title>
              {`reseed ${run.seed}: ${first ? `${first.name} at ${formatUs(first.timeUs)}` : verdict}`}
            </title>
            <path
              d={`M${x0},${mid} L${bend},${y} L${x1},${y}`}
              fill="none"
              stroke={COLOUR[verdict]}
              strokeOpacity={0.75}
              strokeWidth={1.4}
            />
            {verdict === 'violation' ? (
              <path
                d={`M${x1 - 3},${y - 3} L${x1 + 3},${y + 3} M${x1 - 3},${y + 3} L${x1 + 3},${y - 3}`}
                stroke={COLOUR.violation}
                strokeWidth={1.6}
              />
            ) : (
              <circle cx={x1} cy={y} r={2.4} fill={COLOUR[verdict]} />
            )}
          </a>
        );
      })}
      <line
        x1={x(cursorUs)}
        y1={2}
        x2={x(cursorUs)}
        y2={h - (compact ? 2 : 12)}
        stroke="#eaf2fb"
        strokeOpacity={0.35}
        strokeDasharray="2 2"
      />
      {!compact && (
        <>
          <text x={PAD} y={h - 2} className="ex-forks-label">
            0
          </text>
          <text x={x0} y={h - 2} textAnchor="middle" className="ex-forks-label">
            {formatUs(branches.atUs)}
          </text>
          <text x={W - PAD} y={h - 2} textAnchor="end" className="ex-forks-label">
            {formatUs(branches.untilUs)}
          </text>
        </>
      )}
    </svg>
  );
}
