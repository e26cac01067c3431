/*
 * The diff strip: where the two runs first part (each side's event there, a
 * button that takes both to that moment) and the metric deltas over the
 * whole runs — connect attempts and their peak per 10 ms, RPC latency p50 and
 * p99, call outcomes, bytes. The numbers are the engine's comparison
 * (core/compare), computed in run A's worker; nothing is counted here.
 */
import { formatUs, type TraceEvent } from '../../core/sim';
import { formatTraceEvent } from '../../console/trace-format';
import { formatDelta, formatFigure } from '../../console/compare-format';
import type { CompareHandle } from './start-compare';
import { useStore } from 'zustand';

function EventLine({ which, event }: { which: string; event: TraceEvent | null }) {
  return (
    <div className="cmp-div-event">
      <span className={`cmp-badge is-${which}`}>{which.toUpperCase()}</span>
      <code className="mono">
        {event === null ? '(its trace has ended)' : `#${event.seq} ${formatTraceEvent(event).text}`}
      </code>
    </div>
  );
}

export function DiffStrip({ handle }: { handle: CompareHandle }) {
  const { summary, error, untilUs } = useStore(handle.state);
  if (error) return <section className="cmp-strip is-bad">Comparison failed: {error}</section>;
  if (!summary)
    return (
      <section className="cmp-strip" aria-busy="true" data-testid="diff-strip">
        Comparing both runs to t = {formatUs(untilUs)}…
      </section>
    );
  const d = summary.divergence;
  const atUs = d ? Math.min(d.a?.timeUs ?? Infinity, d.b?.timeUs ?? Infinity) : null;
  return (
    <section className="cmp-strip" aria-label="Differences" data-testid="diff-strip">
      <div className="cmp-divergence">
        {d === null || atUs === null ? (
          <p data-testid="divergence">
            Identical: the two traces agree event for event to t = {formatUs(summary.untilUs)}.
          </p>
        ) : (
          <>
            <p>
              <button
                type="button"
                className="primary"
                data-testid="divergence"
                onClick={() => {
                  handle.clock.seek(atUs);
                  // Both sides show the node the runs part on.
                  const node = d.b?.node || d.a?.node;
                  if (node)
                    for (const side of [handle.a, handle.b])
                      side.store.getState().actions.selectNode(node);
                }}
                title="Take both runs to this moment"
              >
                Runs part at event #{d.seq}, t = {formatUs(atUs)} ↦
              </button>
            </p>
            <EventLine which="a" event={d.a} />
            <EventLine which="b" event={d.b} />
          </>
        )}
      </div>
      <table className="cmp-deltas" data-testid="metric-deltas">
        <thead>
          <tr>
            <th scope="col">whole run, 0–{formatUs(summary.untilUs)}</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B − A</th>
          </tr>
        </thead>
        <tbody>
          {summary.deltas.map((row) => (
            <tr key={row.name} className={row.a !== row.b ? 'is-changed' : ''}>
              <th scope="row">{row.name}</th>
              <td className="mono">{formatFigure(row.a, row.unit)}</td>
              <td className="mono">{formatFigure(row.b, row.unit)}</td>
              <td className="mono">{formatDelta(row.a, row.b, row.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
