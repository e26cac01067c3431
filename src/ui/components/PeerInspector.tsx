/* Placeholder for the PeerInspector panel (being built). */
export function PeerInspector() {
  return <div data-testid="peer-inspector" className="placeholder">PeerInspector</div>;
}
