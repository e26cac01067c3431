/*
 * The catalogue of scenarios by id. Adding a scenario means adding it here;
 * nothing else in the engine, CLI or UI lists scenarios by hand.
 */
import { echoScenario } from './echo/echo';
import { reliableStreamScenario } from './reliable-stream/reliable-stream';
import { pingPongScenario } from './ping-pong/ping-pong';
import type { Scenario } from './types';

export const SCENARIOS: readonly Scenario[] = [pingPongScenario, echoScenario, reliableStreamScenario];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export function scenarioIds(): string[] {
  return SCENARIOS.map((s) => s.id);
}
