/*
 * A "Why?" chain as text lines, for the browser console and the CLI: the
 * event asked about, then each cause under it, down to the root —
 *   why #109: rpc_failed ← connection_reset ← checksum_failed ← bits_flipped (chaos)
 *     #109    57.740ms  n5    rpc_failed            n5#1 MaybeDelivered after 7.662ms
 *     ← #106  57.740ms  n5    connection_reset      conn 1 with n1 reset: aborted
 * Pure; the chain comes from core/why.ts.
 */
import type { TraceEvent } from '../core/sim';
import type { WhyChain } from '../core/why';
import { formatTraceEvent } from './trace-format';

/** Why a chain stopped where it did, when that is not a root (the console and the Why? panel say the same). */
export const WHY_END_NOTE: Record<WhyChain['end'], string> = {
  root: '',
  'no cause': 'no recorded cause before this one',
  'too long': 'the chain goes on: a long run of timers',
  'not kept': 'older links are no longer kept',
};

/** The one-line summary: kinds from the event back to its root. */
export function whySummary(chain: WhyChain): string {
  const kinds = chain.links.map((e) => e.kind + originOf(e));
  return `why #${(chain.links[0] as TraceEvent).seq}: ${kinds.join(' ← ')}`;
}

/** The summary, then one line per link (seq, time, node, kind, detail), then how the walk ended. */
export function formatWhyChain(chain: WhyChain): string[] {
  const width = String(Math.max(...chain.links.map((e) => e.seq))).length;
  const lines = chain.links.map(
    (e, i) =>
      `  ${i === 0 ? '  ' : '← '}#${String(e.seq).padEnd(width)} ${formatTraceEvent(e).text}`,
  );
  const note = WHY_END_NOTE[chain.end];
  return [whySummary(chain), ...lines, ...(note ? [`  (${note})`] : [])];
}

function originOf(e: TraceEvent): string {
  return 'origin' in e && (e.origin === 'chaos' || e.origin === 'explicit')
    ? ` (${e.origin === 'chaos' ? 'chaos' : 'by hand'})`
    : '';
}
