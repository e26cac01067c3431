/* Folding repeated console lines across batches: two print, the rest fold into one rewritten summary. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/sim';
import { RunFolder } from './fold-runs';

const ev = (seq: number, node: string, kind: string): TraceEvent =>
  ({ seq, timeUs: seq * 1000, node, kind, cause: -1 }) as unknown as TraceEvent;

/** What a terminal would show after feeding `events` in batches, rewriting summaries in place. */
function screen(batches: TraceEvent[][]): string[] {
  const folder = new RunFolder();
  const lines: string[] = [];
  for (const batch of batches)
    for (const e of batch) {
      const step = folder.next(e);
      if (step.kind === 'print') lines.push(`${e.node} ${e.kind} #${e.seq}`);
      else if (step.replacesLast) lines[lines.length - 1] = step.text;
      else lines.push(step.text);
    }
  return lines;
}

describe('RunFolder', () => {
  it('folds a run of the same kind on the same node, even one event per batch', () => {
    const run = Array.from({ length: 38 }, (_, i) => [ev(2 + i, 'n2', 'queue_full')]);
    expect(screen([[ev(1, 'n2', 'message_queued')], ...run, [ev(40, 'n1', 'queue_full')]])).toEqual(
      [
        'n2 message_queued #1',
        'n2 queue_full #2',
        'n2 queue_full #3',
        '  ↳ queue_full ×36 more on n2, last at 0.039\u2009000 s',
        'n1 queue_full #40',
      ],
    );
  });

  it('never folds violations, and an interruption ends the run', () => {
    const folder = new RunFolder();
    const kinds = [1, 2, 3, 4].map((i) => folder.next(ev(i, 'n1', 'invariant_violated')).kind);
    expect(kinds).toEqual(['print', 'print', 'print', 'print']);
    folder.next(ev(5, 'n1', 'queue_full'));
    folder.next(ev(6, 'n1', 'queue_full'));
    folder.interrupt();
    expect(folder.next(ev(7, 'n1', 'queue_full')).kind).toBe('print');
  });
});
