/*
 * The Explorer page (`?explore=sweep&…`): sweep settings, progress and
 * summary, the seed grid, and the exports — the result as JSON (the object
 * `tidepool sweep --json` prints for the same settings) and the equivalent
 * command line. Knows nothing of workers: it draws the explorer store and
 * calls the controller.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { sweepCommandLine } from '../../core/explore/explore-query';
import { sessionToQuery } from '../../core/session-query';
import type { ExplorerController } from './explorer-controller';
import { ExploreForm } from './ExploreForm';
import { SeedGrid } from './SeedGrid';
import { SweepMatrix } from './SweepMatrix';
import { SweepSummary } from './SweepSummary';
import './explorer.css';

export function ExplorerApp({ controller }: { controller: ExplorerController }) {
  const { store } = controller;
  const settings = useStore(store, (s) => s.settings);
  const result = useStore(store, (s) => s.result);
  const many = useStore(store, (s) => s.sweeps.length > 1);
  const [copied, setCopied] = useState(false);
  const download = (all: boolean) => {
    const json = all ? controller.exportAllJson() : controller.exportJson();
    if (json === null) return;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = controller.exportName(all);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const command = settings ? sweepCommandLine(settings) + ' --json' : '';
  return (
    <div className="app xp-app" data-testid="explorer">
      <header className="xp-bar">
        <h1 className="xp-title">Explorer</h1>
        <span className="insp-muted">
          run many seeds on Web Workers; find, open and export the failures
        </span>
        <a className="xp-leave" href={settings ? `?${sessionToQuery(settings.base)}` : '?'}>
          ← playground
        </a>
      </header>
      <main>
        <ExploreForm controller={controller} />
        <SweepMatrix controller={controller} />
        <SweepSummary controller={controller} />
        {settings && (
          <div className="xp-exports">
            <button
              type="button"
              disabled={result === null}
              onClick={() => download(false)}
              data-testid="xp-export"
              title="The same object as the command line's sweep --json"
            >
              ⤓ Export JSON
            </button>
            {many && (
              <button
                type="button"
                onClick={() => download(true)}
                title="Every finished sweep: an array of sweep --json objects"
                data-testid="xp-export-all"
              >
                ⤓ Export all sweeps
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(command).then(() => setCopied(true));
              }}
            >
              {copied ? '✓ Copied' : 'Copy CLI command'}
            </button>
            <code className="mono xp-command" data-testid="xp-command">
              {command}
            </code>
          </div>
        )}
        <SeedGrid controller={controller} />
      </main>
    </div>
  );
}
