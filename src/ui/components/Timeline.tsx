/* Placeholder for the Timeline panel (being built). */
export function Timeline() {
  return <div data-testid="timeline" className="placeholder">Timeline</div>;
}
