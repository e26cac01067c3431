/*
 * The failing session a shared link names, for `tidepool probe` and `shrink`:
 * the link (a whole URL or its query) parsed strictly, and the moment to run it
 * to — `--until`, else the later of the link's `t` and the scenario's default
 * end (a sweep's failing-seed link stands at the sweep's end; a page link at
 * the cursor, which may be before the failure). Knows nothing of what is done
 * with the session.
 */
import { findScenario } from '../core/scenario/registry';
import type { Session } from '../core/session';
import { single, type ParsedArgs } from './args';
import { stateFromLink } from './diff-command';
import { untilFlag } from './run-command';
import { UsageError } from './args';

export function sessionFromLink(
  args: ParsedArgs,
  command: string,
): { session: Session; untilUs: number } {
  const [link, extra] = args.positional;
  if (link === undefined)
    throw new UsageError(`${command} needs a link (a failing session, e.g. from sweep)`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra.slice(0, 40)}"`);
  const state = stateFromLink(link, '');
  const session = state.session;
  if (single(args, 'until') !== undefined) return { session, untilUs: untilFlag(args, session) };
  const defaultUs = (findScenario(session.scenario) as { defaultUntilUs: number }).defaultUntilUs;
  return { session, untilUs: Math.max(defaultUs, state.atUs ?? 0) };
}
