/*
 * Folding repeated trace lines, across batches: of a run of consecutive
 * events of the same kind on the same node (a full queue refusing message
 * after message every 20 ms, a peer retrying), the first two print in full
 * and the rest become one summary line that is rewritten as the run grows —
 * `↳ queue_full ×36 more on n2, last at 1450.123ms` — so the console shows
 * what happened instead of scrolling it away. Violations never fold; any
 * other line ends the run. Pure: the caller prints; knows nothing of
 * terminals or colours.
 */
import type { TraceEvent } from '../core/sim';
import { formatMoment } from '../core/sim';

/** Events of a run printed in full before the rest fold. */
export const FOLD_AFTER = 2;

/** What to do with one event: print it, or show the run's summary (replacing the summary printed last). */
export type FoldStep =
  | { readonly kind: 'print' }
  | { readonly kind: 'summary'; readonly text: string; readonly replacesLast: boolean };

export class RunFolder {
  private run: { node: string; kind: string; printed: number; folded: number } | null = null;
  /** The last line out is this run's summary. */
  private summaryLast = false;

  next(e: TraceEvent): FoldStep {
    const r = this.run;
    if (r && e.kind !== 'invariant_violated' && e.kind === r.kind && e.node === r.node) {
      if (r.printed < FOLD_AFTER) {
        r.printed++;
        return { kind: 'print' };
      }
      r.folded++;
      const replacesLast = this.summaryLast;
      this.summaryLast = true;
      return {
        kind: 'summary',
        text: foldedText(r.kind, r.node, r.folded, e.timeUs),
        replacesLast,
      };
    }
    this.run = { node: e.node, kind: e.kind, printed: 1, folded: 0 };
    this.summaryLast = false;
    return { kind: 'print' };
  }

  /** Any other line (a note, a command's output, a cleared screen) ends the run. */
  interrupt(): void {
    this.run = null;
    this.summaryLast = false;
  }
}

export function foldedText(kind: string, node: string, more: number, lastUs: number): string {
  return `  ↳ ${kind} ×${more} more${node ? ` on ${node}` : ''}, last at ${formatMoment(lastUs)}`;
}
