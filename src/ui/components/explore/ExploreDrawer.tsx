/*
 * The Explore drawer: what-ifs on the loaded run, each on explore workers —
 * Branch ×N from the cursor, "When did it become inevitable?", Shrink, and a
 * one-click bug report — plus the way to the Explorer page for sweeps of many
 * seeds. Opened from the toolbar (or an invariant's violation), closed with ✕
 * or Esc (focus returns to what opened it). Knows nothing of workers: the
 * sections call playground-explore.ts.
 */
import { useStore } from 'zustand';
import { useDrawer } from '../use-drawer';
import { useServices, useUi } from '../../app-context';
import { exploreToQuery } from '../../../core/explore/explore-query';
import { BranchSection } from './BranchSection';
import { ProbeSection } from './ProbeSection';
import { ShrinkSection } from './ShrinkSection';
import { ReportSection } from './ReportSection';
import { exploreFor, exploreUntilUs } from './playground-explore';
import './explore.css';

export function ExploreDrawer() {
  const open = useUi((s) => s.exploreOpen);
  const openExplore = useUi((s) => s.actions.openExplore);
  const session = useUi((s) => s.session);
  const services = useServices();
  const closeRef = useDrawer(open, openExplore);
  const explore = exploreFor(services);
  const running = useStore(explore.store, (s) => explore.running(s));
  if (!open || !session) return null;
  const sweepLink = `?${exploreToQuery({ sweeps: [{ base: session, from: 1n, count: 200, untilUs: exploreUntilUs(session, 0) }] })}`;
  return (
    <div
      className="tp-drawer ex-drawer"
      role="dialog"
      aria-label="Explore this run"
      data-testid="explore-drawer"
    >
      <div className="tp-drawer-head">
        <h2>Explore</h2>
        <span className="insp-muted">what else could have happened, and why it failed</span>
        {running && (
          <button
            type="button"
            className="ex-stop"
            onClick={() => explore.stop()}
            data-testid="explore-stop"
            title="Stop every search running here (results so far stay)"
          >
            ■ Stop
          </button>
        )}
        <button
          ref={closeRef}
          type="button"
          aria-label="Close explore"
          title="Close (Esc)"
          onClick={() => openExplore(false)}
        >
          ✕
        </button>
      </div>
      <BranchSection explore={explore} />
      <ProbeSection explore={explore} />
      <ShrinkSection explore={explore} />
      <ReportSection explore={explore} />
      <section className="ex-section">
        <h3>Many seeds</h3>
        <p className="ex-note">
          Run this session over 200 seeds on Web Workers, with coverage and a grid of outcomes:{' '}
          <a href={sweepLink} target="_blank" rel="noopener" data-testid="explore-sweep-link">
            open the Explorer
          </a>
          .
        </p>
      </section>
    </div>
  );
}
