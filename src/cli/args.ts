/*
 * Command-line flag parsing for the tidepool CLI: strict (unknown flags and
 * malformed values are usage errors with a one-line message), no surprises
 * (`--flag value` or `--flag=value`). Knows nothing of what the commands do.
 */
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

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    if (spec.switches.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
      continue;
    }
    if (!spec.values.includes(name)) throw new UsageError(`unknown flag --${showInput(name)}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    const list = values.get(name) ?? [];
    if (list.length > 0 && !spec.repeatable?.includes(name)) throw new UsageError(`--${name} given twice`);
    list.push(value);
    values.set(name, list);
  }
  return { positional, values, switches };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}

/** A positive integer flag within [min, max], or the default. */
export function intFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const text = single(args, name);
  if (text === undefined) return fallback;
  if (!/^\d{1,12}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${quoteInput(text)}`);
  }
  return Number(text);
}
