/*
 * A session's transport as rows to show: every knob's value in the run, where
 * it comes from (seed, scenario, profile, you), whether it differs from the
 * seed's number and why that matters. The one reading the console's
 * `transport`, the Environment panel and the Transport panel share. Knows
 * nothing of how rows are drawn.
 */
import { DEFAULT_PEER_CONFIG, type PeerConfig } from '../peer/peer-config';
import { findScenario } from '../scenario/registry';
import type { Session } from '../session';
import { KNOBS, type KnobName, type KnobValue } from './knobs';
import { findProfile, type TransportProfile } from './profiles';
import { DEFAULT_TRANSPORT, effectivePeerConfig, knobSource, type KnobSource } from './settings';

export interface KnobRow {
  readonly name: KnobName;
  readonly label: string;
  readonly range: string;
  /** The value in the run, as typed in a link (`50`, `none`, `drop-oldest`). */
  readonly value: string;
  /** The seed's value, likewise. */
  readonly seedValue: string;
  readonly source: KnobSource;
  /** The scenario's own choice for this knob, as typed, when it has one (null: it takes the seed's). */
  readonly scenarioValue: string | null;
  readonly differsFromSeed: boolean;
  readonly why: string;
}

export interface TransportReading {
  readonly profile: TransportProfile;
  readonly rows: readonly KnobRow[];
  /** False for scenarios that use raw connections (echo): no peer reads these knobs. */
  readonly applies: boolean;
}

export function scenarioChoices(session: Session): Partial<PeerConfig> {
  return findScenario(session.scenario)?.transport?.(session.params) ?? {};
}

export function readTransport(session: Session): TransportReading {
  const transport = session.transport ?? DEFAULT_TRANSPORT;
  const choices = scenarioChoices(session);
  const config = effectivePeerConfig(choices, transport);
  const rows = KNOBS.map((k): KnobRow => {
    const value = config[k.field] as KnobValue;
    const seed = DEFAULT_PEER_CONFIG[k.field] as KnobValue;
    return {
      name: k.name,
      label: k.label,
      range: k.range,
      value: k.format(value),
      seedValue: k.format(seed),
      source: knobSource(k.field, choices, transport),
      scenarioValue: Object.hasOwn(choices, k.field)
        ? k.format(choices[k.field] as KnobValue)
        : null,
      differsFromSeed: value !== seed,
      why: k.why,
    };
  });
  return {
    profile: findProfile(transport.profile),
    rows,
    applies: findScenario(session.scenario)?.rawConnections !== true,
  };
}
