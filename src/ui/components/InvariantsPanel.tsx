/* Placeholder for the InvariantsPanel panel (being built). */
export function InvariantsPanel() {
  return <div data-testid="invariants" className="placeholder">InvariantsPanel</div>;
}
