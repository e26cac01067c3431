/*
 * The catalogue of scenarios by id. Adding a scenario means adding it here;
 * nothing else in the engine, CLI or UI lists scenarios by hand.
 */
import { echoScenario } from './echo/echo';
import { reliableStreamScenario } from './reliable-stream/reliable-stream';
import { pingPongScenario } from './ping-pong/ping-pong';
import { meshScenario } from './mesh/mesh';
import { fanInScenario } from './fan-in/fan-in';
import { hashChainScenario } from './hash-chain/hash-chain';
import { herdScenario } from './herd/herd';
import type { Scenario } from './types';

export const SCENARIOS: readonly Scenario[] = [
  pingPongScenario,
  fanInScenario,
  herdScenario,
  meshScenario,
  hashChainScenario,
  echoScenario,
  reliableStreamScenario,
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export function scenarioIds(): string[] {
  return SCENARIOS.map((s) => s.id);
}
