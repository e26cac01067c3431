/*
 * A bug report as Markdown, ready to paste into an issue tracker: the run's
 * link and replay command, the shrunk run's, the first violation, its "Why?"
 * chain (each line caused by the next) and the timeline picture (attached
 * beside it as a PNG, referenced by file name). Everything from the run is
 * inside code spans or blocks, so nothing in it renders as Markdown. Pure.
 */
import type { ShrinkResult } from '../../../core/explore/shrink';
import { replayCommand } from '../../../core/explore/replay-command';
import type { Session } from '../../../core/session';
import { formatUs } from '../../../core/sim/time';
import type { Violation } from '../../../core/sim';
import type { WhyJson } from '../../../console/why-chain';
import type { ProbeResult } from '../../../core/explore/probe';

export interface BugReportParts {
  readonly session: Session;
  readonly untilUs: number;
  readonly violation: Violation;
  /** Absolute links (origin and path included). */
  readonly link: string;
  readonly shrunkLink: string | null;
  readonly shrink: ShrinkResult | null;
  readonly why: WhyJson | null;
  /** "When did it become inevitable?", when it was asked of this run. */
  readonly probe: ProbeResult | null;
  readonly imageName: string;
}

/** Text safe inside a Markdown code span (no backticks, one line). */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;
}

/** A fenced block its lines cannot close: the fence is longer than any run of backticks in them. */
function fenced(lines: readonly string[], info = ''): string[] {
  const longest = Math.max(
    0,
    ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...lines, fence];
}

/** A link target that no character of it can end early (angle brackets, as CommonMark allows). */
function target(url: string): string {
  return `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;
}

export function bugReportMarkdown(p: BugReportParts): string {
  const v = p.violation;
  const s = p.session;
  const lines = [
    `## ${code(v.name)} fails in ${code(s.scenario)} seed ${s.seed}${s.mutant ? ` (mutant ${code(s.mutant)})` : ''}`,
    '',
    `**First violation** at ${formatUs(v.timeUs)} on ${code(v.node || 'world')}: ${code(v.message)}`,
    '',
    `**Reproduce:** [open the run at the violation](${target(p.link)})`,
    '',
    ...fenced([replayCommand(s, p.untilUs)], 'sh'),
  ];
  if (p.shrink && p.shrunkLink) {
    lines.push(
      '',
      `**Shrunk** (${p.shrink.runs} runs): [the smallest run that still fails](${target(p.shrunkLink)})`,
      ...p.shrink.removed.map((l) => `- removed: ${code(l)}`),
      '',
      ...fenced([replayCommand(p.shrink.shrunk.session, p.shrink.shrunk.untilUs)], 'sh'),
    );
  }
  const rise = p.probe?.steepest;
  if (p.probe && rise)
    lines.push(
      '',
      `**When it became inevitable:** branching the run ${p.probe.points[0]?.branches ?? 0} times from each of ${p.probe.points.length} moments, P(failing it again) rises most between ${formatUs(rise.fromUs)} and ${formatUs(rise.toUs)} (+${Math.round(rise.rise * 100)}%): the cause lies there.`,
    );
  if (p.why) {
    lines.push(
      '',
      `**Why?** the chain of causes the trace records, ${p.why.links.length} links back from the violation (each line caused by the next; for a liveness failure it reaches the last activity, not what was missing):`,
      '',
    );
    lines.push(...fenced(p.why.links.map((link) => link.text)));
  }
  lines.push(
    '',
    `![the timeline around the failure](${p.imageName})`,
    '',
    `_Attach ${code(p.imageName)} (downloaded beside this report) so the picture shows._`,
    '',
    '_Made with Tidepool’s Explore → Bug report._',
    '',
  );
  return lines.join('\n');
}
