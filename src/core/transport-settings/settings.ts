/*
 * A session's transport settings: a named profile plus knobs set one by one,
 * and how they combine with a scenario's own choices into the PeerConfig every
 * peer of the run uses, applied from t = 0. Layers, later wins:
 *
 *   seed defaults ─► the scenario's choices ─► the profile ─► the knobs you set
 *
 * so the default (`seed`, no knobs) leaves every scenario exactly as it was.
 * Text in, values or errors that name the knob and its range out; nothing
 * runs on a bad value. Knows nothing of URLs, flags or the UI.
 */
import { DEFAULT_PEER_CONFIG, type PeerConfig } from '../peer/peer-config';
import { quoteInput } from '../sim/quote-input';
import { findKnob, KNOBS, KNOB_NAMES, type KnobValue } from './knobs';
import { findProfile, isProfileId, PROFILE_IDS, type ProfileId } from './profiles';

export interface TransportSettings {
  readonly profile: ProfileId;
  /** Knobs set one by one, in PeerConfig units (µs, ppm, bytes); they win over the profile. */
  readonly knobs: Readonly<Partial<PeerConfig>>;
}

export const DEFAULT_TRANSPORT: TransportSettings = { profile: 'seed', knobs: {} };

export function isDefaultTransport(t: TransportSettings | undefined): boolean {
  return t === undefined || (t.profile === 'seed' && Object.keys(t.knobs).length === 0);
}

/** `name=value` or a (name, value) pair → one knob's PeerConfig field and value, or an error. */
export function parseKnob(
  name: string,
  text: string,
): { field: keyof PeerConfig; value: KnobValue } | { error: string } {
  const knob = findKnob(name);
  if (!knob)
    return {
      error: `unknown transport knob ${quoteInput(name)} (one of: ${KNOB_NAMES.join(', ')})`,
    };
  const value = knob.parse(text.trim());
  return typeof value === 'object' ? value : { field: knob.field, value };
}

/** Parses `name=value` pairs; every problem is reported, a knob given twice included. */
export function parseKnobs(pairs: readonly (readonly [string, string])[]): {
  knobs: Partial<PeerConfig>;
  errors: string[];
} {
  const knobs: Record<string, KnobValue> = {};
  const errors: string[] = [];
  for (const [name, text] of pairs) {
    const parsed = parseKnob(name, text);
    if ('error' in parsed) errors.push(parsed.error);
    else if (Object.hasOwn(knobs, parsed.field))
      errors.push(`transport knob ${name} is given twice`);
    else knobs[parsed.field] = parsed.value;
  }
  return { knobs: knobs as Partial<PeerConfig>, errors };
}

/** `name=value` text (a CLI flag, a console word) → a pair, or an error. */
export function splitAssignment(text: string): readonly [string, string] | { error: string } {
  const eq = text.indexOf('=');
  return eq <= 0
    ? { error: `expected knob=value (e.g. initialBackoffMs=50), got ${quoteInput(text)}` }
    : [text.slice(0, eq), text.slice(eq + 1)];
}

export function parseProfile(text: string): ProfileId | { error: string } {
  return isProfileId(text)
    ? text
    : {
        error: `unknown transport profile ${quoteInput(text)} (one of: ${PROFILE_IDS.join(', ')})`,
      };
}

/** The knobs set, as (name, text) pairs in the catalogue's order: for links, flags and the console. */
export function formatKnobs(knobs: Readonly<Partial<PeerConfig>>): [string, string][] {
  return KNOBS.filter((k) => Object.hasOwn(knobs, k.field)).map((k) => [
    k.name,
    k.format(knobs[k.field] as KnobValue),
  ]);
}

/** The PeerConfig a run uses: seed defaults, then the scenario's choices, the profile, the knobs. */
export function effectivePeerConfig(
  scenarioChoices: Readonly<Partial<PeerConfig>>,
  transport: TransportSettings = DEFAULT_TRANSPORT,
): PeerConfig {
  return {
    ...DEFAULT_PEER_CONFIG,
    ...scenarioChoices,
    ...findProfile(transport.profile).config,
    ...transport.knobs,
  };
}

/** Rules between knobs, checked on the combined config (a knob alone is checked by its parser). */
export function checkPeerConfig(config: PeerConfig): string[] {
  const errors: string[] = [];
  if (config.initialBackoffUs > config.maxBackoffUs)
    errors.push(
      `transport: initialBackoffMs (${config.initialBackoffUs / 1000}) must not exceed maxBackoffMs (${config.maxBackoffUs / 1000})`,
    );
  return errors;
}

/** Where a field's value comes from, for the panels. */
export type KnobSource = 'seed' | 'scenario' | 'profile' | 'you';

export function knobSource(
  field: keyof PeerConfig,
  scenarioChoices: Readonly<Partial<PeerConfig>>,
  transport: TransportSettings,
): KnobSource {
  if (Object.hasOwn(transport.knobs, field)) return 'you';
  if (Object.hasOwn(findProfile(transport.profile).config, field)) return 'profile';
  if (Object.hasOwn(scenarioChoices, field)) return 'scenario';
  return 'seed';
}
