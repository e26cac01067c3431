/*
 * Exports a session's run as a Chrome Trace Event Format file (Perfetto,
 * chrome://tracing): replays the session from its first event — runs are
 * deterministic, so the replay is the run — and streams every event through a
 * TraceEventWriter to `sink`, chunk by chunk, so a long run never sits in
 * memory whole. The CLI hands chunks to a file stream; the browser collects
 * them into a Blob:
 *
 *   exportSessionTrace(session, untilUs, (chunk) => fs.writeSync(fd, chunk));
 *   const parts: string[] = [];
 *   exportSessionTrace(session, untilUs, (chunk) => parts.push(chunk));
 *   new Blob(parts, { type: 'application/json' });
 *
 * Knows nothing of files, the DOM or the terminal.
 */
import { createEngine } from '../engine';
import { findScenario } from '../scenario/registry';
import type { RunSummary } from '../run-summary';
import type { Session } from '../session';
import { sessionToQuery } from '../session-query';
import { toTraceEvent } from '../sim';
import { TraceEventWriter, type ChunkSink, type ExportNode } from './trace-event-format';

export interface ExportSessionOptions {
  /**
   * Run the scenario's end-of-run checks before the file ends, as `tidepool
   * run` does (default true): their events are in the file and the hash in
   * `otherData` is the one `run` prints. false: the run as it stands at
   * `untilUs`, as a viewer sees it there.
   */
  readonly finish?: boolean;
  /**
   * Stop after exactly this many engine events (at or before `untilUs`): the
   * moment a viewer stands at after a Step, between two events of one instant.
   */
  readonly atEvents?: number;
  /** Characters per chunk handed to the sink (default 64 Ki). */
  readonly chunkChars?: number;
}

/** Replays `session` to `untilUs` (µs of virtual time), streaming its trace to `sink`; returns the run's summary. */
export function exportSessionTrace(
  session: Session,
  untilUs: number,
  sink: ChunkSink,
  options: ExportSessionOptions = {},
): RunSummary {
  const scenario = findScenario(session.scenario);
  if (!scenario) throw new Error(`unknown scenario "${session.scenario}"`);
  const nodes: ExportNode[] = scenario
    .topology(session.params)
    .map((h) => ({ name: h.name, ip: h.ip }));
  const writer = new TraceEventWriter(
    nodes,
    sink,
    options.chunkChars === undefined ? {} : { chunkChars: options.chunkChars },
  );
  // The writer hears from the first event on (run_started and the setup's events come before createEngine returns).
  const engine = createEngine(session, {
    traceCapacity: 0,
    onTrace: (record) => writer.add(toTraceEvent(record)),
  });
  if (options.atEvents === undefined) engine.runUntil({ timeUs: untilUs });
  else {
    engine.runUntil({ timeUs: untilUs, events: options.atEvents });
    // Then the clock to untilUs, if nothing else is due by then (no more events run).
    if ((engine.sim.nextEventUs() ?? Infinity) > untilUs) engine.runUntil({ timeUs: untilUs });
  }
  const summary = options.finish === false ? engine.summary() : engine.finish();
  writer.finish({
    scenario: summary.scenario,
    seed: summary.seed,
    chaos: summary.chaos,
    traceHash: summary.traceHash,
    endUs: engine.nowUs(),
    extra: { query: sessionToQuery(session, untilUs), untilUs, mutant: summary.mutant },
  });
  return summary;
}
