/*
 * Network addresses of the virtual network: an IPv4-style ip string and a
 * port, formatted "10.0.0.1:4500" in traces and views. Plain values compared
 * by content. Knows nothing of hosts, connections or the sim.
 */

export interface Address {
  readonly ip: string;
  readonly port: number;
}

// Addresses are immutable and long-lived (peers, endpoints): format each object once.
const formatted = new WeakMap<Address, string>();

export function formatAddress(address: Address): string {
  let text = formatted.get(address);
  if (text === undefined) formatted.set(address, (text = `${address.ip}:${address.port}`));
  return text;
}

/** Parses "10.0.0.1:4500"; returns an error message for anything else. */
export function parseAddress(text: string): Address | { error: string } {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text.trim());
  if (!match)
    return { error: `bad address "${text.slice(0, 40)}": use ip:port, e.g. 10.0.0.1:4500` };
  const port = Number(match[2]);
  if (!isValidPort(port)) return { error: `bad port ${port} in "${text}": use 1..65535` };
  return { ip: match[1] as string, port };
}

export function sameAddress(a: Address, b: Address): boolean {
  return a.ip === b.ip && a.port === b.port;
}

export function isValidIp(ip: string): boolean {
  const parts = ip.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}
