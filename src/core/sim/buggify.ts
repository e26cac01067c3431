/*
 * BUGGIFY: code-level fault injection from the seed. Each named site is enabled
 * or not once per run (50%, decided from the seed and the site's name alone, so
 * the decision does not depend on which site was reached first), and an enabled
 * site fires with its own probability each time it is reached. Knows nothing of
 * what the sites do.
 */
import { Rng } from './rng';

export const DEFAULT_BUGGIFY_PPM = 250_000;

export class Buggify {
  private readonly enabledBySite = new Map<string, boolean>();
  private readonly fires: Rng;

  constructor(
    private readonly seed: bigint,
    /** Off for runs that want no code-level faults (e.g. the calm preset). */
    readonly active: boolean,
    private readonly nowUs: () => number = () => 0,
    /** From this virtual time on no site fires: the quiet tail in which liveness is judged. */
    readonly quietAfterUs: number | null = null,
    /** Told each time a site misbehaves (the sim traces it: a root cause). */
    private readonly onFire: (site: string) => void = () => {},
  ) {
    this.fires = new Rng(seed, 'buggify');
  }

  /**
   * Later fires draw from `seed` (a session's reseed entry). Which sites are
   * enabled stays as the run's seed decided: a branch varies when faults
   * strike, not which code may misbehave.
   */
  reseedFires(seed: bigint): void {
    this.fires.reseed(seed);
  }

  /** True when this reach of `site` should misbehave. */
  fire(site: string, probabilityPpm = DEFAULT_BUGGIFY_PPM): boolean {
    if (!this.active || !this.isEnabled(site)) return false;
    if (this.quietAfterUs !== null && this.nowUs() >= this.quietAfterUs) return false;
    if (!this.fires.chancePpm(probabilityPpm)) return false;
    this.onFire(site);
    return true;
  }

  isEnabled(site: string): boolean {
    let enabled = this.enabledBySite.get(site);
    if (enabled === undefined) {
      enabled = (new Rng(this.seed, `buggify-site:${site}`).nextU32() & 1) === 1;
      this.enabledBySite.set(site, enabled);
    }
    return enabled;
  }

  /** Sites seen so far with their enabled flag, sorted (for the environment panel). */
  sites(): { site: string; enabled: boolean }[] {
    return [...this.enabledBySite.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([site, enabled]) => ({ site, enabled }));
  }
}
