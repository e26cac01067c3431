/*
 * The playground link of one seed of a sweep: its session, standing at its
 * first violation when it has one (the playground stops there), else at the
 * sweep's end. Knows nothing of the DOM.
 */
import type { ExploreSettings } from '../../core/explore/explore-query';
import type { SeedRow } from './explorer-sweep';
import { sessionToQuery } from '../../core/session-query';

export function seedLink(
  settings: ExploreSettings,
  seed: string,
  rows?: readonly SeedRow[],
): string {
  const row = rows?.find((r) => r.seed === seed);
  const atUs = row?.violations[0]?.timeUs ?? settings.untilUs;
  return `?${sessionToQuery({ ...settings.base, seed: BigInt(seed) }, atUs)}`;
}
