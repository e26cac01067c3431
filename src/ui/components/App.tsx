/*
 * The one screen: toolbar on top; topology and inspectors in the middle; the
 * timeline across; console, invariants and environment at the bottom. All
 * views are bound to the same time cursor (the engine's current time).
 * Keyboard: space plays/pauses, → steps one event (not while typing).
 */
import { useEffect } from 'react';
import { useServices } from '../app-context';
import { Toolbar } from './Toolbar';
import { UrlBanner } from './UrlBanner';
import { Topology } from './Topology';
import { PeerInspector } from './PeerInspector';
import { PacketInspector } from './PacketInspector';
import { Timeline } from './Timeline';
import { Console } from './Console';
import { InvariantsPanel } from './InvariantsPanel';
import { EnvironmentPanel } from './EnvironmentPanel';
import { Toast } from './Toast';

export function App({ onReady }: { onReady?: () => void }) {
  const { store } = useServices();
  // Child effects (trace listeners) run before this one: start the engine only now.
  useEffect(() => onReady?.(), [onReady]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.closest('input, select, textarea, [contenteditable], .xterm') || e.altKey || e.ctrlKey || e.metaKey)) return;
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

  return (
    <div className="app">
      <Toolbar />
      <UrlBanner />
      <main className="workspace">
        <section className="panel topology-panel" aria-label="Topology">
          <Topology />
        </section>
        <aside className="inspectors">
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
        <aside className="side-panels">
          <section className="panel" aria-label="Invariants">
            <InvariantsPanel />
          </section>
          <section className="panel" aria-label="Environment">
            <EnvironmentPanel />
          </section>
        </aside>
      </main>
      <Toast />
    </div>
  );
}
