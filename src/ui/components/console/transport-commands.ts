/*
 * The console's `profile` and `transport` commands: list the profiles, show
 * every knob with its source, or build the same session with another profile
 * or knobs and hand it to `reload`, which replays it to the current moment.
 * Validation is makeSession's: a bad value changes nothing and says why.
 * Knows nothing of the terminal beyond painting lines.
 */
import { makeSession, sessionInput, transportInput, type Session } from '../../../core/session';
import { PROFILES, type ProfileId } from '../../../core/transport-settings/profiles';
import { readTransport } from '../../../core/transport-settings/describe';
import type { Command } from '../../../console/commands';
import { paint, plain } from './ansi';

type Reload = (session: Session) => void;

export function profileCommand(session: Session, id: ProfileId | null, reload: Reload): string[] {
  const active = session.transport?.profile ?? 'seed';
  if (id === null) {
    const width = Math.max(...PROFILES.map((p) => p.id.length));
    return [
      ...PROFILES.map(
        (p) =>
          `${p.id === active ? paint('●', 'cyan') : ' '} ${paint(p.id.padEnd(width), 'cyan', { bold: p.id === active })}  ${plain(p.summary)}`,
      ),
      paint('profile <id> replays this session with it; transport shows every knob.', 'muted'),
    ];
  }
  if (id === active) return [paint(`Profile ${id} is already active.`, 'muted')];
  const input = sessionInput(session);
  return retune(
    { ...input, transport: { ...transportInput(session), profile: id } },
    reload,
    `✓ profile ${id}: the same session replayed with its numbers, back to this moment`,
  );
}

export function transportCommand(
  session: Session,
  knobs: Extract<Command, { kind: 'transport' }>['knobs'],
  reload: Reload,
): string[] {
  if (knobs === null) return showTransport(session);
  const current = transportInput(session);
  const merged = new Map(knobs === 'reset' ? [] : (current.knobs ?? []));
  if (knobs !== 'reset') for (const [name, text] of knobs) merged.set(name, text);
  return retune(
    { ...sessionInput(session), transport: { ...current, knobs: [...merged] } },
    reload,
    knobs === 'reset'
      ? '✓ knobs reset to the profile: replayed to this moment'
      : `✓ ${knobs.map(([n, v]) => `${n}=${v}`).join(' ')}: replayed to this moment`,
  );
}

function showTransport(session: Session): string[] {
  const reading = readTransport(session);
  const width = Math.max(...reading.rows.map((r) => r.name.length));
  const lines = [
    paint(`profile ${reading.profile.id}`, 'cyan', { bold: true }) +
      plain(`  ${reading.profile.title}`),
    ...reading.rows.map(
      (r) =>
        `${paint(r.name.padEnd(width), r.differsFromSeed ? 'yellow' : 'cyan')}  ${plain(r.value.padEnd(12))}${paint(
          r.source === 'seed'
            ? 'seed'
            : `${r.source}${r.differsFromSeed ? ` (seed: ${r.seedValue})` : ''}`,
          'muted',
        )}`,
    ),
  ];
  if (!reading.applies)
    lines.push(paint('This scenario uses raw connections: no peer reads these knobs.', 'muted'));
  return lines;
}

function retune(input: Parameters<typeof makeSession>[0], reload: Reload, done: string): string[] {
  const made = makeSession(input);
  if (!made.ok) return made.errors.map((e) => paint(`✗ ${e} (nothing changed)`, 'red'));
  reload(made.session);
  return [paint(done, 'green')];
}
