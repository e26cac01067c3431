/*
 * A branch of a session: the same past, another future. Up to the branch
 * moment the script is kept as it was; there a reseed entry makes every random
 * stream draw from a new seed, and the script's later entries are dropped —
 * exactly what intervening at that moment in the page does (the replayed
 * future is forked away). Branches are sessions like any other: they replay
 * from their link. Knows nothing of how branches are run or drawn.
 */
import type { ScriptEntry } from '../intervention';
import type { Session } from '../session';

/**
 * The session as it was up to `atUs`, with every random stream reseeded to
 * `seed` there. `afterEvents`: the cursor stands between two events of that
 * instant, after that many events (a link's `t=…@N`), and the branch splits
 * there, not after the instant's last event.
 */
export function branchSession(
  session: Session,
  atUs: number,
  seed: bigint,
  afterEvents?: number,
): Session {
  const past = session.script.filter(
    (e) =>
      e.atUs < atUs ||
      (e.atUs === atUs &&
        (afterEvents === undefined ||
          (e.afterEvents !== undefined && e.afterEvents <= afterEvents))),
  );
  const reseed: ScriptEntry =
    afterEvents === undefined
      ? { atUs, action: { kind: 'reseed', seed } }
      : { atUs, afterEvents, action: { kind: 'reseed', seed } };
  return { ...session, script: [...past, reseed] };
}

/**
 * The reseed seeds of N branches from one moment: 1..N. Fixed, so "Branch ×20
 * from 2.5 s" names the same twenty futures every time it is asked (and the
 * probe's moments share them: common random numbers, less noise between points).
 */
export function branchSeeds(count: number): bigint[] {
  return Array.from({ length: count }, (_, k) => BigInt(k + 1));
}

/** The moment a branch split from its parent: its last reseed entry, or null for a session that is no branch. */
export function branchPoint(session: Session): { atUs: number; seed: bigint } | null {
  for (let i = session.script.length - 1; i >= 0; i--) {
    const action = (session.script[i] as ScriptEntry).action;
    if (action.kind === 'reseed')
      return { atUs: (session.script[i] as ScriptEntry).atUs, seed: action.seed };
  }
  return null;
}
