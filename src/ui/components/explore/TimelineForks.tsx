/*
 * Under the timeline, while the loaded run has branches (Branch ×N from
 * here): the branches as forks of the run, each a link to its own session,
 * with the cursor marked; ✕ puts them away. Nothing when there are none.
 * Knows nothing of workers beyond playground-explore.ts.
 */
import { useStore } from 'zustand';
import { formatUs } from '../../../core/sim/time';
import { useServices, useUi } from '../../app-context';
import { BranchForks } from './BranchForks';
import { exploreFor, sessionKey } from './playground-explore';

export function TimelineForks() {
  const services = useServices();
  const explore = exploreFor(services);
  const branches = useStore(explore.store, (s) => s.branches);
  const session = useUi((s) => s.session);
  const cursorUs = useUi((s) => s.view?.timeUs ?? 0);
  if (!branches || !session || branches.key !== sessionKey(session)) return null;
  return (
    <div className="tl-forks" data-testid="timeline-forks">
      <span className="ex-note">
        {branches.count} branches from {formatUs(branches.atUs)} (0 to {formatUs(branches.untilUs)}){' '}
        <button
          type="button"
          aria-label="Put the branches away"
          title="Put the branches away"
          onClick={() => explore.store.setState({ branches: null })}
        >
          ✕
        </button>
      </span>
      <BranchForks branches={branches} cursorUs={cursorUs} compact />
    </div>
  );
}
