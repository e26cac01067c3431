/* Placeholder for the EnvironmentPanel panel (being built). */
export function EnvironmentPanel() {
  return <div data-testid="environment" className="placeholder">EnvironmentPanel</div>;
}
