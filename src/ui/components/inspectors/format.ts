/*
 * Small, stable-width formatters shared by the inspector panels (bytes, ages,
 * countdowns, hex) and the rule for which node the panels follow when nothing
 * is selected. Pure functions; nothing here draws.
 */
import type { EngineView } from '../../../core/view';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
}

/** Compact duration for chips and metrics: "850µs", "12.4ms", "3.20s". */
export function formatDuration(us: number): string {
  const v = Math.max(0, us);
  if (v < 1000) return `${Math.round(v)}µs`;
  if (v < 10_000) return `${(v / 1000).toFixed(2)}ms`;
  if (v < 1_000_000) return `${(v / 1000).toFixed(1)}ms`;
  if (v < 100_000_000) return `${(v / 1_000_000).toFixed(2)}s`;
  return `${(v / 1_000_000).toFixed(0)}s`;
}

/** Very compact age for chips (at most 5 characters): "850µs", "12ms", "1.2s", "42s". */
export function formatAge(us: number): string {
  const v = Math.max(0, us);
  if (v < 1000) return `${Math.round(v)}µs`;
  if (v < 999_500) return `${Math.round(v / 1000)}ms`;
  if (v < 9_950_000) return `${(v / 1_000_000).toFixed(1)}s`;
  return `${Math.round(v / 1_000_000)}s`;
}

export function hex8(n: number | null): string {
  return n === null ? '—' : `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

export function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** One formatter for every count: `toLocaleString` builds one per call, which showed in profiles. */
const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** The node the inspectors follow: the selection, or else the first node that has peers. */
export function focusNode(
  view: EngineView | null,
  selected: string | null,
): { node: string | null; isDefault: boolean } {
  if (selected) return { node: selected, isDefault: false };
  if (!view) return { node: null, isDefault: true };
  // The node that initiates first (it dials, so its peer pings and backs off: the story worth watching),
  // else the first with any peer.
  const dialling = new Set(
    view.peers.filter((p) => p.metrics.connectAttempts > 0).map((p) => p.node),
  );
  const withPeers = new Set(view.peers.map((p) => p.node));
  const first =
    view.nodes.find((n) => dialling.has(n.name))?.name ??
    view.nodes.find((n) => withPeers.has(n.name))?.name ??
    null;
  return { node: first, isDefault: true };
}

/** Splits "scope: what it checks" into its two parts (scope null when there is none). */
export function splitScope(name: string): { scope: string | null; text: string } {
  const i = name.indexOf(': ');
  if (i <= 0 || i > 32) return { scope: null, text: name };
  return { scope: name.slice(0, i), text: name.slice(i + 2) };
}
