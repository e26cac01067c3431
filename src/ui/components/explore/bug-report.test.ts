/*
 * The bug report's Markdown: what the run says (violation messages, Why?
 * lines, links) can never close its code span or fence, or end a link early,
 * so nothing from a run renders as Markdown; and every part is there.
 */
import { describe, expect, it } from 'vitest';
import { makeSession } from '../../../core/session';
import { bugReportMarkdown } from './bug-report';

const made = makeSession({ scenario: 'ping-pong', seed: 3n, chaos: 'storm', mutant: 'no-jitter' });
if (!made.ok) throw new Error(made.errors.join('; '));
const session = made.session;

describe('bug report Markdown', () => {
  it('has every part, and run text cannot break out of its code', () => {
    const md = bugReportMarkdown({
      session,
      untilUs: 10_000_000,
      violation: {
        name: 'peer: `x`',
        timeUs: 1_500_000,
        node: 'n1',
        message: 'a ``` b\n# heading',
        seq: 7,
      },
      link: 'http://h/?scenario=ping-pong&script=1s_kill_n1)(evil',
      shrunkLink: null,
      shrink: null,
      why: {
        summary: 'because',
        end: 'root',
        links: [
          { seq: 1, timeUs: 1, node: 'n1', kind: 'k', text: 'a line with ```` four backticks' },
          { seq: 2, timeUs: 2, node: 'n1', kind: 'k', text: '<script>alert(1)</script>' },
        ],
      } as never,
      probe: {
        invariant: 'peer: `x`',
        violationUs: 1_500_000,
        points: [
          { atUs: 0, branches: 4, failures: 0, p: 0 },
          { atUs: 750_000, branches: 4, failures: 4, p: 1 },
        ],
        steepest: { fromUs: 0, toUs: 750_000, rise: 1 },
        markUs: 750_000,
      },
      imageName: 'tidepool-ping-pong-seed-3-timeline.png',
    });
    expect(md).toContain("## `peer: 'x'` fails in `ping-pong` seed 3 (mutant `no-jitter`)");
    expect(md).toContain("`a ''' b # heading`"); // one line, no backticks inside
    expect(md).toContain('(<http://h/?scenario=ping-pong&script=1s_kill_n1)(evil>)');
    expect(md).toContain('npx tidepool run ping-pong --seed 3 --chaos storm --until 10s');
    // The Why? fence is longer than the longest run of backticks in it.
    const lines = md.split('\n');
    const open = lines.findIndex((l) => /^`{5,}$/.test(l));
    expect(open).toBeGreaterThan(0);
    expect(lines.slice(open + 1, open + 3)).toEqual([
      'a line with ```` four backticks',
      '<script>alert(1)</script>',
    ]);
    expect(lines[open + 3]).toBe(lines[open]);
    expect(md).toContain(
      '![the timeline around the failure](tidepool-ping-pong-seed-3-timeline.png)',
    );
  });
});
