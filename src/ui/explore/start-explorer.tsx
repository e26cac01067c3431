/*
 * The explorer's entry: a link with `explore` (core/explore/explore-query.ts)
 * opens the Explorer instead of the playground. The link's settings fill the
 * form; a valid link starts its sweep at once (a shared sweep reruns), a bad
 * one shows its errors over the default form. Knows nothing of how the page
 * is drawn.
 */
import {
  exploreFromQuery,
  DEFAULT_EXPLORE_SEEDS,
  listItems,
  NO_MUTANT,
} from '../../core/explore/explore-query';
import { decodeComponent, splitQuery } from '../../core/session-query';
import { findScenario } from '../../core/scenario/registry';
import { CHAOS_PRESETS } from '../../core/session';
import { MUTANT_IDS } from '../../core/mutants/catalogue';
import { PROFILES } from '../../core/transport-settings/profiles';
import { formatDurationExact } from '../../core/sim/time';
import { ExplorerController } from './explorer-controller';
import { createExplorerStore, type ExploreForm } from './explorer-store';
import { ExplorerApp } from './ExplorerApp';
import { WorkerPool } from './worker-pool';

/** The link's session parameters the form has no field for. */
const TEMPLATE_KEY = /^(p\.|t\.)|^script$/;

export function startExplorer(
  search: string,
  render: (node: React.ReactNode) => void,
): ExplorerController {
  const pairs = splitQuery(search);
  const get = (key: string) => {
    // The last of a repeated key, as the link's parser reads it.
    const pair = [...pairs].reverse().find(([k]) => decodeComponent(k) === key);
    return pair === undefined ? undefined : decodeComponent(pair[1]);
  };
  // An unknown scenario or mutant stays in the errors, not in the form: the form offers only real ones.
  const scenario = findScenario(get('scenario') ?? 'ping-pong') ?? findScenario('ping-pong');
  const known = (values: string[], ids: readonly string[], fallback: string) => {
    const kept = values.filter((v) => ids.includes(v));
    return kept.length > 0 ? kept : [fallback];
  };
  const form: ExploreForm = {
    scenario: scenario?.id ?? 'ping-pong',
    chaos: known(
      listItems(get('chaos') ?? scenario?.defaultChaos ?? 'calm'),
      CHAOS_PRESETS,
      scenario?.defaultChaos ?? 'calm',
    ),
    mutant: known(
      listItems(get('mutant') || NO_MUTANT).map((m) => m || NO_MUTANT),
      [NO_MUTANT, ...MUTANT_IDS],
      NO_MUTANT,
    ),
    profile: known(
      listItems(get('profile') || 'seed'),
      PROFILES.map((p) => p.id),
      'seed',
    ),
    from: get('from') ?? '1',
    seeds: get('seeds') ?? String(DEFAULT_EXPLORE_SEEDS),
    until: get('until') ?? (scenario ? formatDurationExact(scenario.defaultUntilUs) : ''),
  };
  const template = pairs
    .filter(([k]) => TEMPLATE_KEY.test(decodeComponent(k)))
    .map(([k, v]) => `${k}=${v}`);
  const pool = new WorkerPool();
  const controller = new ExplorerController(createExplorerStore(form, template, pool.size), pool);
  const parsed = exploreFromQuery(search);
  if (parsed.ok) controller.start();
  else controller.store.setState({ errors: parsed.errors });
  window.addEventListener('pagehide', () => pool.dispose());
  // Back to a page the browser kept: its workers were ended on leaving, so run it afresh.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) window.location.reload();
  });
  render(<ExplorerApp controller={controller} />);
  return controller;
}
