/*
 * The Transport drawer: the Transport panel at a width where every knob fits,
 * opened from the toolbar or the Environment panel, closed with ✕ or Esc
 * (focus returns to what opened it). Knows nothing of the knobs themselves.
 */
import { useUi } from '../../app-context';
import { TransportPanel } from './TransportPanel';
import { useDrawer } from '../use-drawer';
import './transport.css';

export function TransportDrawer() {
  const open = useUi((s) => s.transportOpen);
  const openTransport = useUi((s) => s.actions.openTransport);
  // Esc closes it wherever focus is (a Replay button disables itself once its replay is loaded).
  const closeRef = useDrawer(open, openTransport);
  if (!open) return null;
  return (
    <div
      className="tp-drawer"
      role="dialog"
      aria-label="Transport settings"
      data-testid="transport-drawer"
    >
      <div className="tp-drawer-head">
        <h2>Transport</h2>
        <span className="insp-muted">profile and knobs, applied from t = 0</span>
        <button
          ref={closeRef}
          type="button"
          aria-label="Close transport settings"
          title="Close (Esc)"
          onClick={() => openTransport(false)}
        >
          ✕
        </button>
      </div>
      <TransportPanel />
    </div>
  );
}
