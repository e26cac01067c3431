/*
 * The "Why?" of a failing run, for `tidepool run`, `sweep` and the explorer's
 * export and bug report: the chain of
 * causes behind its first violation (core/why.ts), found by replaying the
 * session, as text lines (console/why-format.ts) or as JSON. Knows nothing of
 * flags or progress bars.
 */
import type { RunSummary } from '../core/run-summary';
import type { Session } from '../core/session';
import { replayCausalChain, type WhyChain } from '../core/why';
import { formatTraceEvent } from './trace-format';
import { formatWhyChain, whySummary } from './why-format';

/** The chain behind the run's first violation, or null when it had none. */
export function firstViolationWhy(
  session: Session,
  summary: Pick<RunSummary, 'violations'>,
  untilUs: number,
): WhyChain | null {
  const first = summary.violations[0];
  return first === undefined ? null : replayCausalChain(session, first.seq, untilUs);
}

/** The chain as indented lines under a heading. */
export function whyLines(chain: WhyChain, indent = '  '): string[] {
  return [
    `${indent}why the first violation happened (each line caused by the next):`,
    ...formatWhyChain(chain).map((l) => `${indent}  ${l}`),
  ];
}

export interface WhyJson {
  readonly summary: string;
  readonly end: WhyChain['end'];
  readonly links: readonly {
    readonly seq: number;
    readonly timeUs: number;
    readonly node: string;
    readonly kind: string;
    readonly text: string;
  }[];
}

export function whyJson(chain: WhyChain): WhyJson {
  return {
    summary: whySummary(chain),
    end: chain.end,
    links: chain.links.map((e) => ({
      seq: e.seq,
      timeUs: e.timeUs,
      node: e.node,
      kind: e.kind,
      text: formatTraceEvent(e).text.trim(),
    })),
  };
}
