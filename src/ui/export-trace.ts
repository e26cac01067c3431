/*
 * "Export trace": saves the run up to the time cursor as a Trace Event file
 * that Perfetto (ui.perfetto.dev) and chrome://tracing open — calls as async
 * slices, packets as flows, faults as instants (docs/export.md). The engine's
 * worker replays the session to build it (core/export, asked through the
 * engine client), so the file covers the whole run, not just the events the
 * viewer still keeps. Browser only: it saves a Blob through a download link.
 */
import type { Answers } from './engine/protocol';

/** Starts the download of an exported trace; returns its file name. */
export function downloadTrace(file: Answers['export']): string {
  const url = URL.createObjectURL(new Blob([file.json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return file.name;
}
