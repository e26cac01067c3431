/*
 * The command line that replays a session exactly. Shared by `run`, `sweep`,
 * `shrink`, `check-determinism` and the explorer's JSON so a failing seed is
 * always one copy-paste away from a rerun. Knows nothing of any shell or host:
 * it only builds the text.
 */
import { formatDurationExact } from '../sim';
import { formatScript } from '../intervention';
import type { Session } from '../session';
import { formatKnobs } from '../transport-settings/settings';

export function replayCommand(session: Session, untilUs: number): string {
  const parts = [
    'npx tidepool run',
    session.scenario,
    `--seed ${session.seed}`,
    `--chaos ${session.chaos}`,
    `--until ${formatDurationExact(untilUs)}`,
  ];
  for (const [name, value] of Object.entries(session.params))
    parts.push(`--param ${name}=${value}`);
  if (session.script.length > 0) parts.push(`--script '${formatScript(session.script)}'`);
  if (session.mutant !== undefined) parts.push(`--mutant ${session.mutant}`);
  if (session.transport && session.transport.profile !== 'seed')
    parts.push(`--profile ${session.transport.profile}`);
  for (const [name, text] of formatKnobs(session.transport?.knobs ?? {}))
    parts.push(`--transport ${name}=${text}`);
  return parts.join(' ');
}
