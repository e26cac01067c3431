/*
 * Builds a Session from the CLI's common flags (scenario, --seed, --chaos,
 * --param k=v, --script, --mutant, --profile, --transport knob=value) with the
 * same validation the UI applies to URLs.
 * Any problem becomes a UsageError naming the flag.
 */
import { parseSeed } from '../core/sim';
import { quoteInput } from '../core/sim/quote-input';
import { parseScript } from '../core/intervention';
import { makeSession, type Session } from '../core/session';
import { splitAssignment } from '../core/transport-settings/settings';
import { single, UsageError, type ParsedArgs } from './args';

export const SESSION_FLAGS = [
  'seed',
  'chaos',
  'param',
  'script',
  'mutant',
  'profile',
  'transport',
] as const;
/** Flags a session may give more than once. */
export const SESSION_REPEATABLE = ['param', 'transport'] as const;

export function sessionFromFlags(
  scenario: string | undefined,
  args: ParsedArgs,
  seedOverride?: bigint,
): Session {
  if (scenario === undefined) throw new UsageError('missing <scenario>');
  const seed = seedOverride ?? parseSeedFlag(single(args, 'seed') ?? '1');
  const params = parseParams(args.values.get('param') ?? []);
  const scriptText = single(args, 'script');
  const script = scriptText === undefined ? [] : parseScript(scriptText);
  if ('error' in script) throw new UsageError(`--script: ${script.error}`);
  const chaos = single(args, 'chaos');
  const mutant = single(args, 'mutant') ?? null;
  const profile = single(args, 'profile');
  const knobs = (args.values.get('transport') ?? []).map((text) => {
    const pair = splitAssignment(text);
    if ('error' in pair) throw new UsageError(`--transport: ${pair.error}`);
    return pair;
  });
  const result = makeSession({
    scenario,
    seed,
    params,
    script,
    mutant,
    transport: { knobs, ...(profile !== undefined ? { profile } : {}) },
    ...(chaos !== undefined ? { chaos } : {}),
  });
  if (!result.ok) throw new UsageError(result.errors.join('; '));
  return result.session;
}

export function parseSeedFlag(text: string): bigint {
  const seed = parseSeed(text);
  if (typeof seed !== 'bigint') throw new UsageError(`--seed: ${seed.error}`);
  return seed;
}

function parseParams(pairs: readonly string[]): Record<string, number> {
  const params: Record<string, number> = Object.create(null);
  for (const pair of pairs) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(-?\d{1,9})$/.exec(pair);
    if (!m) throw new UsageError(`--param expects name=integer, got ${quoteInput(pair)}`);
    const name = m[1] as string;
    if (Object.hasOwn(params, name)) throw new UsageError(`--param ${name} given twice`); // as a link rejects a duplicated p.${name}
    params[name] = Number(m[2]);
  }
  return params;
}
