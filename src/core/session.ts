/*
 * A session: everything a run is a pure function of — scenario id and
 * parameters, seed, chaos preset and the intervention script. Validation here
 * turns untrusted input (URL, CLI flags) into a complete session or a list of
 * readable errors; nothing from input is ever executed. Knows nothing of URLs'
 * syntax (see session-query.ts) or of how a run is driven.
 */
import { CHAOS_PRESETS, type ChaosPreset } from './net';
import { findScenario, scenarioIds } from './scenario/registry';
import type { Scenario } from './scenario/types';
import { nodesOf, type ScriptEntry } from './intervention';
import { U64_MAX } from './sim';
import { quoteInput } from './sim/quote-input';
import { isMutantId, MUTANT_IDS, type MutantId } from './mutants/catalogue';
import {
  checkPeerConfig,
  effectivePeerConfig,
  formatKnobs,
  isDefaultTransport,
  parseKnobs,
  parseProfile,
  type TransportSettings,
} from './transport-settings/settings';

/** The chaos presets a session may name (the UI's and console's choices). */
export { CHAOS_PRESETS, type ChaosPreset };

export interface Session {
  readonly scenario: string;
  readonly seed: bigint;
  readonly chaos: ChaosPreset;
  /** Every parameter of the scenario, defaults filled in. */
  readonly params: Readonly<Record<string, number>>;
  readonly script: readonly ScriptEntry[];
  /** A deliberately broken transport (core/mutants/catalogue.ts); absent for the real one. */
  readonly mutant?: MutantId;
  /** Profile and knobs (docs/profiles.md); absent for the default (`seed`, no knobs). */
  readonly transport?: TransportSettings;
}

/** Transport settings as typed: a profile name and `knob=value` text pairs, validated by makeSession. */
export interface TransportInput {
  readonly profile?: string;
  readonly knobs?: readonly (readonly [string, string])[];
}

export interface SessionInput {
  scenario: string;
  seed?: bigint;
  chaos?: string;
  params?: Readonly<Record<string, number>>;
  script?: readonly ScriptEntry[];
  mutant?: string | null;
  transport?: TransportInput;
}

export type SessionResult = { ok: true; session: Session } | { ok: false; errors: string[] };

export function isChaosPreset(text: string): text is ChaosPreset {
  return (CHAOS_PRESETS as readonly string[]).includes(text);
}

/** Fills defaults and checks every field; all problems are reported at once. */
export function makeSession(input: SessionInput): SessionResult {
  const scenario = findScenario(input.scenario);
  if (!scenario)
    return {
      ok: false,
      errors: [
        `unknown scenario ${quoteInput(input.scenario)} (one of: ${scenarioIds().join(', ')})`,
      ],
    };
  const errors: string[] = [];
  const seed = input.seed ?? 1n;
  if (seed < 0n || seed > U64_MAX) errors.push(`seed must be from 0 to ${U64_MAX}, got ${seed}`);
  const chaos = input.chaos ?? scenario.defaultChaos;
  if (!isChaosPreset(chaos))
    errors.push(`unknown chaos preset ${quoteInput(chaos)} (one of: ${CHAOS_PRESETS.join(', ')})`);
  const params = fillParams(scenario, input.params ?? {}, errors);
  const script = input.script ?? [];
  checkScriptNodes(scenario, params, script, errors);
  const mutant = input.mutant ?? null;
  if (mutant !== null && !isMutantId(mutant))
    errors.push(`unknown mutant "${mutant.slice(0, 40)}" (one of: ${MUTANT_IDS.join(', ')})`);
  const transport = checkTransport(scenario, params, input.transport, errors);
  if (errors.length > 0) return { ok: false, errors };
  const session: Session = {
    scenario: scenario.id,
    seed,
    chaos: chaos as ChaosPreset,
    params,
    script,
    ...(mutant === null ? {} : { mutant: mutant as MutantId }),
    ...(isDefaultTransport(transport) ? {} : { transport }),
  };
  return { ok: true, session };
}

/** A session's transport as input again (profile name and knob text), to build a changed session from it. */
export function transportInput(session: Session): TransportInput {
  const t = session.transport;
  return t ? { profile: t.profile, knobs: formatKnobs(t.knobs) } : {};
}

/** A session as input again: for "the same session, but…" (another seed, profile, knob). */
export function sessionInput(session: Session): SessionInput {
  return {
    scenario: session.scenario,
    seed: session.seed,
    chaos: session.chaos,
    params: session.params,
    script: session.script,
    mutant: session.mutant ?? null,
    transport: transportInput(session),
  };
}

function checkTransport(
  scenario: Scenario,
  params: Record<string, number>,
  input: TransportInput | undefined,
  errors: string[],
): TransportSettings {
  const profile = parseProfile(input?.profile ?? 'seed');
  if (typeof profile === 'object') errors.push(profile.error);
  const parsed = parseKnobs(input?.knobs ?? []);
  errors.push(...parsed.errors);
  const transport: TransportSettings = {
    profile: typeof profile === 'object' ? 'seed' : profile,
    knobs: parsed.knobs,
  };
  if (errors.length === 0)
    errors.push(
      ...checkPeerConfig(effectivePeerConfig(scenario.transport?.(params) ?? {}, transport)),
    );
  return transport;
}

function fillParams(
  scenario: Scenario,
  given: Readonly<Record<string, number>>,
  errors: string[],
): Record<string, number> {
  const params: Record<string, number> = {};
  // Own keys only (`__proto__` too, which a null-prototype object can hold): nothing inherited is a parameter.
  for (const name of Object.keys(given)) {
    if (!scenario.params.some((p) => p.name === name)) {
      errors.push(
        `scenario ${scenario.id} has no parameter ${quoteInput(name)} (it has: ${scenario.params.map((p) => p.name).join(', ') || 'none'})`,
      );
    }
  }
  for (const spec of scenario.params) {
    const value =
      (Object.hasOwn(given, spec.name) ? given[spec.name] : undefined) ?? spec.defaultValue;
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      errors.push(
        `parameter ${spec.name} must be an integer from ${spec.min} to ${spec.max}, got ${value}`,
      );
    }
    params[spec.name] = value;
  }
  return params;
}

function checkScriptNodes(
  scenario: Scenario,
  params: Record<string, number>,
  script: readonly ScriptEntry[],
  errors: string[],
): void {
  if (errors.length > 0) return; // topology may depend on a bad parameter
  const names = new Set(scenario.topology(params).map((h) => h.name));
  for (const entry of script) {
    for (const node of nodesOf(entry.action)) {
      if (!names.has(node))
        errors.push(
          `script names node ${quoteInput(node)}, which is not in ${scenario.id} (nodes: ${[...names].join(', ')})`,
        );
    }
  }
}
