/* Placeholder for the PacketInspector panel (being built). */
export function PacketInspector() {
  return <div data-testid="packet-inspector" className="placeholder">PacketInspector</div>;
}
