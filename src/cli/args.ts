/*
 * Command-line flag parsing for the tidepool CLI, on Node's `util.parseArgs`:
 * strict (unknown flags and malformed values are usage errors with a one-line
 * message, the input in it shown safely), no surprises (`--flag value` or
 * `--flag=value`; `--` ends the flags). Knows nothing of what the commands do.
 *
 * Node's own strict mode would reject what we accept (`--seed -1`: a value may
 * start with a dash, and the flag's check then names the problem) and its
 * messages echo input raw over two sentences, so parseArgs runs with
 * `strict: false` and its tokens are checked here, in order: the first problem
 * is the one reported.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { quoteInput, showInput } from '../core/sim/quote-input';

export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value. */
  readonly values: readonly string[];
  /** Flags that are on/off. */
  readonly switches: readonly string[];
  /** Flags that may be given more than once (values collected in order). */
  readonly repeatable?: readonly string[];
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly values: Map<string, string[]>;
  readonly switches: Set<string>;
}

type NodeOptions = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const options: NodeOptions = Object.create(null);
  for (const name of spec.values) options[name] = { type: 'string', multiple: true };
  for (const name of spec.switches) options[name] = { type: 'boolean' };
  const parsed = nodeParseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const name = token.name;
    if (spec.switches.includes(name)) {
      if (token.value !== undefined) throw new UsageError(`--${name} takes no value`);
      continue;
    }
    if (!spec.values.includes(name)) {
      const dashes = token.rawName.slice(0, token.rawName.length - name.length);
      throw new UsageError(`unknown flag ${dashes}${showInput(name)}`);
    }
    if (token.value === undefined) throw new UsageError(`--${name} needs a value`);
    if (seen.has(name) && !spec.repeatable?.includes(name))
      throw new UsageError(`--${name} given twice`);
    seen.add(name);
  }
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (spec.switches.includes(name)) switches.add(name);
    else values.set(name, value as string[]); // strings only: a value flag without one was rejected above
  }
  return { positional: parsed.positionals, values, switches };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}

/** A positive integer flag within [min, max], or the default. */
export function intFlag(
  args: ParsedArgs,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = single(args, name);
  if (text === undefined) return fallback;
  if (!/^\d{1,12}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(
      `--${name} must be an integer from ${min} to ${max}, got ${quoteInput(text)}`,
    );
  }
  return Number(text);
}
