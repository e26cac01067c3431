/*
 * Interventions: the user's (or a script's) actions on a run — cut a link,
 * heal, clog, corrupt, kill, restart — and reseed, after which every random
 * stream draws from a new seed (a branch: docs/explorer.md). Each is plain data, stamped with the
 * virtual time at which it was applied (and, when it happened between two
 * events of the same instant, the number of events run before it), so a
 * session replays exactly: `T@N` applies at the first moment the clock is at T
 * with N events run, or after T's last event if the count is not reached by
 * then. Also the compact text form used in URLs and the CLI's --script:
 * entries joined by `~`, fields by `_`, e.g.
 *   1s_partition_n1_n2~3s_heal~5s_kill_n2~2500ms@812_corrupt_n1_n2~6s_reseed_77
 * Knows nothing of how interventions are drawn or typed in.
 */
import { formatDurationExact, parseDurationUs } from './sim/time';
import { quoteInput } from './sim/quote-input';
import { U64_MAX } from './sim/rng';
import type { Network } from './net';

export type Intervention =
  | { kind: 'partition'; a: string; b: string; oneWay: boolean }
  | { kind: 'heal'; a?: string; b?: string }
  | { kind: 'isolate'; node: string }
  | { kind: 'clog'; a: string; b: string; durationUs: number }
  /**
   * `atByte`: flip the low bit of byte n of the stream a→b, counted from the start of the next chunk
   * the network delivers (on a quiet connection, the next frame: bytes 8 on are checksummed, 0–3 are
   * the length); else random bits of the next chunk.
   */
  | { kind: 'corrupt'; a: string; b: string; atByte?: number }
  | { kind: 'kill'; node: string }
  | { kind: 'restart'; node: string }
  | { kind: 'spike'; a: string; b: string; latencyUs: number; durationUs: number }
  /**
   * From this moment every random stream draws from `seed` instead (docs/explorer.md):
   * a branch, "what else could have happened from here". Touches no node.
   */
  | { kind: 'reseed'; seed: bigint };

export interface ScriptEntry {
  readonly atUs: number;
  /** Events run before it, when it was applied between events of the same instant. */
  readonly afterEvents?: number;
  readonly action: Intervention;
}

/** Nodes an intervention names (for validation against the topology). */
export function nodesOf(action: Intervention): string[] {
  switch (action.kind) {
    case 'isolate':
    case 'kill':
    case 'restart':
      return [action.node];
    case 'heal':
      return [action.a, action.b].filter((n): n is string => n !== undefined);
    case 'reseed':
      return [];
    default:
      return [action.a, action.b];
  }
}

/**
 * What is wrong with an intervention on a network of these nodes — a node it
 * does not have, or anything checkIntervention finds — or null. The engine's
 * `apply` and the page (which says so before sending it to the worker) both
 * ask this.
 */
export function checkAction(action: Intervention, nodes: readonly string[]): string | null {
  const unknown = nodesOf(action).find((n) => !nodes.includes(n));
  if (unknown !== undefined) return `no node named "${unknown}" (nodes: ${nodes.join(', ')})`;
  return checkIntervention(action);
}

/**
 * What is wrong with an intervention that no network could carry out (a node
 * paired with itself, a fault lasting no time), or null. Node names are checked
 * against the topology elsewhere (makeSession, the engine). parseIntervention
 * and the engine's `apply` call it, so a session never holds an entry that
 * throws when applied.
 */
export function checkIntervention(action: Intervention): string | null {
  const what = describeIntervention(action);
  if ('b' in action && action.b !== undefined && action.a === action.b)
    return `${what}: name two different nodes`;
  if (
    'durationUs' in action &&
    !(Number.isSafeInteger(action.durationUs) && action.durationUs > 0)
  ) {
    return `${what}: the duration must be more than 0`;
  }
  if (
    action.kind === 'spike' &&
    !(Number.isSafeInteger(action.latencyUs) && action.latencyUs >= 0)
  ) {
    return `${what}: the latency must be a whole number of µs, 0 or more`;
  }
  return null;
}

/** Carries out an intervention on the network (the engine traces it first). */
export function applyIntervention(net: Network, action: Intervention): void {
  switch (action.kind) {
    case 'partition':
      return net.partition(action.a, action.b, { oneWay: action.oneWay });
    case 'heal':
      return net.heal(action.a, action.b);
    case 'isolate':
      return net.isolate(action.node);
    case 'clog':
      return net.clog(action.a, action.b, action.durationUs);
    case 'corrupt':
      return net.corruptNext(
        action.a,
        action.b,
        action.atByte !== undefined ? { atByte: action.atByte } : {},
      );
    case 'kill':
      return net.kill(action.node);
    case 'restart':
      return net.restart(action.node);
    case 'spike':
      return net.latencySpike(
        action.a,
        action.b,
        { kind: 'fixed', us: action.latencyUs },
        action.durationUs,
      );
    case 'reseed':
      return net.sim.reseed(action.seed);
  }
}

/** One line for people and for the trace: "partition n1 n2 --oneway". */
export function describeIntervention(action: Intervention): string {
  return formatFields(action)
    .join(' ')
    .replace(/ oneway$/, ' --oneway');
}

function formatFields(action: Intervention): string[] {
  switch (action.kind) {
    case 'partition':
      return ['partition', action.a, action.b, ...(action.oneWay ? ['oneway'] : [])];
    case 'heal':
      return ['heal', ...nodesOf(action)];
    case 'isolate':
    case 'kill':
    case 'restart':
      return [action.kind, action.node];
    case 'clog':
      return ['clog', action.a, action.b, formatDurationExact(action.durationUs)];
    case 'corrupt':
      return [
        'corrupt',
        action.a,
        action.b,
        ...(action.atByte !== undefined ? ['byte', String(action.atByte)] : []),
      ];
    case 'spike':
      return [
        'spike',
        action.a,
        action.b,
        formatDurationExact(action.latencyUs),
        formatDurationExact(action.durationUs),
      ];
    case 'reseed':
      return ['reseed', action.seed.toString()];
  }
}

const NODE = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const BYTE_INDEX = /^\d{1,7}$/;

/** Parses the words of one intervention ("partition n1 n2 oneway"); errors say what was wrong. */
export function parseIntervention(words: readonly string[]): Intervention | { error: string } {
  const action = parseWords(words);
  if ('error' in action) return action;
  const problem = checkIntervention(action);
  return problem === null ? action : { error: problem };
}

function parseWords(words: readonly string[]): Intervention | { error: string } {
  const [verb, ...args] = words;
  if (verb === 'reseed') return parseReseed(args);
  // corrupt's fourth word is a byte index, which parseCorrupt checks and explains itself.
  const bad = args.find(
    (w, i) =>
      !(verb === 'corrupt' && i === 3) &&
      !NODE.test(w) &&
      parseDurationUs(w) instanceof Object &&
      w !== 'oneway' &&
      w !== '--oneway',
  );
  if (bad !== undefined) return { error: `${quoteInput(bad)} is not a node name or a duration` };
  const duration = (w: string | undefined, what: string): number | { error: string } => {
    if (w === undefined) return { error: `${verb} needs ${what}` };
    return parseDurationUs(w);
  };
  const need = (n: number, usage: string) =>
    args.length === n ? null : { error: `usage: ${usage}` };
  switch (verb) {
    case 'partition': {
      const oneWay = args[2] === 'oneway' || args[2] === '--oneway';
      const err =
        args.length === 2 || (args.length === 3 && oneWay)
          ? null
          : { error: 'usage: partition <a> <b> [--oneway]' };
      return err ?? { kind: 'partition', a: args[0] as string, b: args[1] as string, oneWay };
    }
    case 'heal':
      if (args.length === 0) return { kind: 'heal' };
      if (args.length === 1) return { kind: 'heal', a: args[0] as string }; // everything involving that node
      return (
        need(2, 'heal [<node> [<other>]]') ?? {
          kind: 'heal',
          a: args[0] as string,
          b: args[1] as string,
        }
      );
    case 'isolate':
    case 'kill':
    case 'restart':
      return need(1, `${verb} <node>`) ?? { kind: verb, node: args[0] as string };
    case 'corrupt':
      return parseCorrupt(args);
    case 'clog': {
      const err = need(3, 'clog <a> <b> <duration>');
      if (err) return err;
      const d = duration(args[2], 'a duration');
      return typeof d === 'number'
        ? { kind: 'clog', a: args[0] as string, b: args[1] as string, durationUs: d }
        : d;
    }
    case 'spike': {
      const err = need(4, 'spike <a> <b> <latency> <duration>');
      if (err) return err;
      const l = duration(args[2], 'a latency');
      const d = duration(args[3], 'a duration');
      if (typeof l !== 'number') return l;
      if (typeof d !== 'number') return d;
      return {
        kind: 'spike',
        a: args[0] as string,
        b: args[1] as string,
        latencyUs: l,
        durationUs: d,
      };
    }
    default:
      return {
        error: `unknown intervention ${quoteInput(String(verb))} (partition, heal, isolate, clog, corrupt, kill, restart, spike, reseed)`,
      };
  }
}

/** `corrupt <a> <b> [byte <n>]`. */
function parseCorrupt(args: readonly string[]): Intervention | { error: string } {
  const usage = { error: 'usage: corrupt <a> <b> [byte <n>]' };
  const [a, b, word, n] = args;
  if (a === undefined || b === undefined) return usage;
  if (args.length === 2) return { kind: 'corrupt', a, b };
  if (args.length !== 4 || word !== 'byte' || n === undefined) return usage;
  if (!BYTE_INDEX.test(n))
    return {
      error: `corrupt ${a} ${b} byte ${quoteInput(n)}: the byte must be a whole number from 0 to 9999999`,
    };
  return { kind: 'corrupt', a, b, atByte: Number(n) };
}

/** `reseed <seed>`: a decimal seed from 0 to 2^64 − 1. */
function parseReseed(args: readonly string[]): Intervention | { error: string } {
  const [text] = args;
  if (args.length !== 1 || text === undefined) return { error: 'usage: reseed <seed>' };
  const seed = /^\d{1,20}$/.test(text) ? BigInt(text) : -1n;
  if (seed < 0n || seed > U64_MAX)
    return {
      error: `reseed ${quoteInput(text)}: the seed must be a whole number from 0 to 18446744073709551615`,
    };
  return { kind: 'reseed', seed };
}

/** Script order: by time, then (within an instant) by the events run before each; an entry without a count comes last. */
export function byStamp(a: ScriptEntry, b: ScriptEntry): number {
  return a.atUs - b.atUs || (a.afterEvents ?? Infinity) - (b.afterEvents ?? Infinity);
}

/** The compact script text of a list of entries (URL- and shell-safe). */
export function formatScript(entries: readonly ScriptEntry[]): string {
  return entries
    .map((e) => {
      const at =
        formatDurationExact(e.atUs) + (e.afterEvents !== undefined ? `@${e.afterEvents}` : '');
      return [at, ...formatFields(e.action)].join('_');
    })
    .join('~');
}

export const MAX_SCRIPT_ENTRIES = 1000;

/** Parses compact script text; the error names the entry that is wrong. */
export function parseScript(text: string): ScriptEntry[] | { error: string } {
  if (text.trim() === '') return [];
  const parts = text.split('~');
  if (parts.length > MAX_SCRIPT_ENTRIES)
    return { error: `script has ${parts.length} entries; at most ${MAX_SCRIPT_ENTRIES}` };
  const entries: ScriptEntry[] = [];
  for (const [i, part] of parts.entries()) {
    const [stamp = '', ...words] = part.split('_');
    const m = /^([0-9.]+(?:us|µs|ms|s|m|min)?)(?:@(\d{1,12}))?$/.exec(stamp);
    const atUs = m ? parseDurationUs(m[1] as string) : { error: 'missing time' };
    if (typeof atUs !== 'number')
      return {
        error: `script entry ${i + 1} (${quoteInput(part)}): bad time ${quoteInput(stamp, 20)}`,
      };
    const action = parseIntervention(words);
    if ('error' in action)
      return { error: `script entry ${i + 1} (${quoteInput(part)}): ${action.error}` };
    const afterEvents = m?.[2] !== undefined ? Number(m[2]) : undefined;
    const previous = entries[entries.length - 1];
    if (previous && previous.atUs > atUs)
      return { error: `script entry ${i + 1}: times must not go backwards` };
    entries.push(afterEvents === undefined ? { atUs, action } : { atUs, afterEvents, action });
  }
  return entries;
}
