/* Placeholder for the Console panel (being built). */
export function Console() {
  return <div data-testid="console" className="placeholder">Console</div>;
}
