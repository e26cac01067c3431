/* Placeholder for the Topology panel (being built). */
export function Topology() {
  return <div data-testid="topology" className="placeholder">Topology</div>;
}
