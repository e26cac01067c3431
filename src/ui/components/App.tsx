/*
 * The one screen: the mutant banner (only when the session runs a mutant) and
 * the toolbar on top; topology and inspectors in the middle; the
 * timeline across; console, invariants and environment at the bottom. All
 * views are bound to the same time cursor (the engine's current time).
 * Keyboard: space plays/pauses, → steps one event (not while typing).
 * With `?embed=1` (read once, at load) it is the embed layout instead: the
 * topology and a slim control bar, for an iframe (EmbedApp).
 */
import { useEffect, useState } from 'react';
import type { UiStore } from '../store';
import { useServices } from '../app-context';
import { Toolbar } from './Toolbar';
import { UrlBanner } from './UrlBanner';
import { Welcome } from './Welcome';
import { MutantBanner } from './MutantBanner';
import { Topology } from './Topology';
import { PeerInspector } from './PeerInspector';
import { PacketInspector } from './PacketInspector';
import { Timeline } from './Timeline';
import { Console } from './Console';
import { InvariantsPanel } from './InvariantsPanel';
import { EnvironmentPanel } from './EnvironmentPanel';
import { TransportDrawer } from './transport/TransportDrawer';
import { ExploreDrawer } from './explore/ExploreDrawer';
import { Toast } from './Toast';
import { WhyPanel } from './why/WhyPanel';
import { EmbedApp, isEmbedQuery } from './EmbedApp';
import { LessonLayer } from './lesson/LessonPanel';

export function App() {
  const { store } = useServices();
  // Read before the first URL sync rewrites the query.
  const [embed] = useState(() => isEmbedQuery(window.location.search));
  usePlaybackKeys(store);

  if (embed) return <EmbedApp />;
  return (
    <div className="app">
      <MutantBanner />
      <Toolbar />
      <UrlBanner />
      <Welcome />
      <LessonLayer />
      <main className="workspace">
        <section className="panel topology-panel" aria-label="Topology">
          <Topology />
        </section>
        <aside className="inspectors" aria-label="Inspectors">
          <section className="panel" aria-label="Peer inspector">
            <PeerInspector />
          </section>
          <section className="panel" aria-label="Packet inspector">
            <PacketInspector />
          </section>
        </aside>
        <section className="panel timeline-panel" aria-label="Timeline">
          <Timeline />
        </section>
        <section className="panel console-panel" aria-label="Console">
          <Console />
        </section>
        <aside className="side-panels" aria-label="Invariants and environment">
          <section className="panel" aria-label="Invariants">
            <InvariantsPanel />
          </section>
          <section className="panel" aria-label="Environment">
            <EnvironmentPanel />
          </section>
        </aside>
      </main>
      <WhyPanel />
      <TransportDrawer />
      <ExploreDrawer />
      <Toast />
    </div>
  );
}

/** Space plays/pauses, → steps one event — not while typing or with a modifier. */
function usePlaybackKeys(store: UiStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.closest('input, select, textarea, [contenteditable], .xterm') ||
          e.altKey ||
          e.ctrlKey ||
          e.metaKey)
      )
        return;
      // Space on a focused control presses that control (a button, a link in the topology), not play.
      if (e.key === ' ' && target?.closest('button, a, [role="button"], [role="slider"]')) return;
      const { actions } = store.getState();
      if (e.key === ' ') {
        e.preventDefault();
        actions.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        actions.stepEvent();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
