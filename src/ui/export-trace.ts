/*
 * "Export trace": the run up to the time cursor as a Trace Event file that
 * Perfetto (ui.perfetto.dev) and chrome://tracing open — calls as async
 * slices, packets as flows, faults as instants (docs/export.md). The engine
 * replays the session to build it (core/export), so the file covers the whole
 * run, not just the events the viewer still keeps. Browser only: it saves a
 * Blob through a download link.
 */
import { exportSessionTrace } from '../core/export/export-session';
import type { Engine } from '../core/engine';

/** Writes the file and starts its download; returns its name. */
export function downloadTrace(engine: Engine): string {
  const session = engine.session();
  const parts: string[] = [];
  // Exactly the events the viewer has run (a Step may have stopped between two events of one instant).
  exportSessionTrace(session, engine.nowUs(), (chunk) => void parts.push(chunk), {
    finish: false,
    atEvents: engine.sim.events,
  });
  const name = `tidepool-${session.scenario}-seed${session.seed}-${session.chaos}-${Math.round(engine.nowUs() / 1000)}ms.json`;
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
