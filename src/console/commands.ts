/*
 * The command language shared by the browser console and the CLI: one line of
 * text → a typed Command (or a readable error), the HELP table, tab
 * completion and "did you mean" suggestions. Interventions are parsed by
 * core's parseIntervention, durations by parseDurationUs and seeds by
 * parseSeed, so every surface accepts exactly the same words. Whether a node
 * exists is the engine's business, not the parser's. Pure: no DOM, no Node,
 * never throws.
 */
import { parseIntervention, type Intervention } from '../core/intervention';
import { MUTANT_IDS, type MutantId } from '../core/mutants/catalogue';
import { CHAOS_PRESETS, type ChaosPreset } from '../core/net';
import { scenarioIds } from '../core/scenario/registry';
import { parseDurationUs, parseSeed } from '../core/sim';
import { PROFILE_IDS, type ProfileId } from '../core/transport-settings/profiles';
import { KNOB_NAMES } from '../core/transport-settings/knobs';
import { parseKnob, splitAssignment } from '../core/transport-settings/settings';
import { parseFilterTerms, type TraceFilter } from './trace-format';

export * from './trace-format';

export type Command =
  | { kind: 'noop' }
  | { kind: 'help'; topic: string | null }
  | { kind: 'step'; events: number }
  | { kind: 'run'; durationUs: number }
  | { kind: 'seek'; timeUs: number }
  | { kind: 'play' }
  | { kind: 'pause' }
  | { kind: 'intervene'; action: Intervention }
  /** `seed` alone shows the current seed; `seed random` asks the host for a fresh one. */
  | { kind: 'seed'; seed: bigint | 'random' | null }
  | { kind: 'scenario'; id: string | null }
  | { kind: 'chaos'; preset: ChaosPreset | null }
  /** `mutant` alone lists the catalogue and the active one; `mutant off` → the real transport. */
  | { kind: 'mutant'; id: MutantId | 'off' | null }
  /** `profile` alone lists the profiles and the active one. */
  | { kind: 'profile'; id: ProfileId | null }
  /** `transport` alone shows every knob; `transport reset` clears the knobs set one by one. */
  | { kind: 'transport'; knobs: readonly (readonly [string, string])[] | 'reset' | null }
  /** `why` alone explains the latest failure; `why 109` (or `#109`) the event with that seq. */
  | { kind: 'why'; seq: number | null }
  | { kind: 'hash' }
  | { kind: 'link' }
  | { kind: 'clear' }
  /** `filter` alone shows the filter; `filter off` → filter: null. */
  | { kind: 'filter'; show: true }
  | { kind: 'filter'; show: false; filter: TraceFilter | null };

export type ParseResult = Command | { error: string };

export interface HelpEntry {
  readonly name: string;
  readonly group: 'time' | 'faults' | 'run' | 'console';
  readonly usage: string;
  readonly summary: string;
  readonly details: readonly string[];
  readonly examples: readonly string[];
}

export const HELP_GROUPS: readonly { readonly id: HelpEntry['group']; readonly title: string }[] = [
  { id: 'time', title: 'Moving through time' },
  { id: 'faults', title: 'Interventions (recorded in the session and the link)' },
  { id: 'run', title: 'The run' },
  { id: 'console', title: 'The console' },
];

export const MAX_LINE_CHARS = 2000;
export const MAX_STEP_EVENTS = 10_000;

export const HELP: readonly HelpEntry[] = [
  {
    name: 'step',
    group: 'time',
    usage: 'step [n]',
    summary: 'run the next n events (default 1)',
    details: [
      'Counts events, not time: use run to advance by a duration.',
      `At most ${MAX_STEP_EVENTS} events at a time.`,
    ],
    examples: ['step', 'step 20'],
  },
  {
    name: 'run',
    group: 'time',
    usage: 'run <duration>',
    summary: 'advance virtual time by a duration',
    details: ['Durations need a unit: us, ms, s or m.'],
    examples: ['run 5s', 'run 250ms'],
  },
  {
    name: 'seek',
    group: 'time',
    usage: 'seek <time>',
    summary: 'move the cursor to a time, backwards too',
    details: [
      'Seeking backwards replays the run from the start: the same session gives the same events.',
    ],
    examples: ['seek 2.5s', 'seek 0'],
  },
  {
    name: 'play',
    group: 'time',
    usage: 'play',
    summary: 'play at the current speed',
    details: [],
    examples: ['play'],
  },
  {
    name: 'pause',
    group: 'time',
    usage: 'pause',
    summary: 'pause playback',
    details: [],
    examples: ['pause'],
  },
  {
    name: 'partition',
    group: 'faults',
    usage: 'partition <a> <b> [--oneway]',
    summary: 'cut the link between two nodes',
    details: ['--oneway cuts only a → b.'],
    examples: ['partition n1 n2', 'partition n1 n2 --oneway'],
  },
  {
    name: 'heal',
    group: 'faults',
    usage: 'heal [<a> <b>]',
    summary: 'heal one link, or every partition',
    details: [],
    examples: ['heal', 'heal n1 n2'],
  },
  {
    name: 'isolate',
    group: 'faults',
    usage: 'isolate <node>',
    summary: 'cut every link of a node',
    details: ['heal undoes it.'],
    examples: ['isolate n3'],
  },
  {
    name: 'clog',
    group: 'faults',
    usage: 'clog <a> <b> <duration>',
    summary: 'hold bytes from a to b for a while',
    details: ['Nothing is lost: bytes flow again when the clog ends.'],
    examples: ['clog n1 n2 500ms'],
  },
  {
    name: 'corrupt',
    group: 'faults',
    usage: 'corrupt <a> <b> [byte <n>]',
    summary: 'flip bits in the next frame from a to b',
    details: [
      'The receiver should notice: a checksum failure closes the connection.',
      'Without "byte", random bits flip — often in the length field, which the checksum does not cover.',
      'With "byte <n>", the low bit of byte n flips, counted from the start of the next chunk (on a quiet connection, the next frame). Bytes 8 on (token, message) are checksummed; 0–3 are the length.',
    ],
    examples: ['corrupt n1 n2', 'corrupt n1 n2 byte 40'],
  },
  {
    name: 'spike',
    group: 'faults',
    usage: 'spike <a> <b> <latency> <duration>',
    summary: 'add fixed latency to a link for a while',
    details: [],
    examples: ['spike n1 n2 200ms 3s'],
  },
  {
    name: 'reseed',
    group: 'faults',
    usage: 'reseed <seed>',
    summary: 'from now on, every random stream draws from a new seed (a branch)',
    details: [
      'What else could have happened from here: the past stays, the future is drawn anew. It becomes a script entry (2500ms_reseed_77), so the branch replays exactly.',
    ],
    examples: ['reseed 77'],
  },
  {
    name: 'kill',
    group: 'faults',
    usage: 'kill <node>',
    summary: 'crash a node: connections reset, listeners close',
    details: [],
    examples: ['kill n2'],
  },
  {
    name: 'restart',
    group: 'faults',
    usage: 'restart <node>',
    summary: 'bring a killed node back (a new incarnation)',
    details: [],
    examples: ['restart n2'],
  },
  {
    name: 'seed',
    group: 'run',
    usage: 'seed [<N> | random]',
    summary: 'start a new run with another seed (same scenario and chaos)',
    details: [
      'Without an argument: shows the current seed.',
      'A seed is a decimal integer from 0 to 2^64 - 1.',
    ],
    examples: ['seed 42', 'seed random'],
  },
  {
    name: 'scenario',
    group: 'run',
    usage: 'scenario [<id>]',
    summary: 'start a new run of another scenario',
    details: ['Without an argument: lists the scenarios.'],
    examples: ['scenario ping-pong'],
  },
  {
    name: 'chaos',
    group: 'run',
    usage: 'chaos [<preset>]',
    summary: 'start a new run with another chaos preset',
    details: ['Without an argument: lists the presets.'],
    examples: ['chaos storm', 'chaos calm'],
  },
  {
    name: 'mutant',
    group: 'run',
    usage: 'mutant [<id>|off]',
    summary: 'rerun this session with a deliberately broken transport, or without',
    details: [
      'Without an argument: lists the mutants (each breaks one thing on purpose) and the active one.',
      'Same scenario, seed, chaos and script; the run starts again from 0. The checks should catch it.',
    ],
    examples: ['mutant', 'mutant misroute-replies', 'mutant off'],
  },
  {
    name: 'profile',
    group: 'run',
    usage: 'profile [<id>]',
    summary:
      "rerun this session with another transport profile (FoundationDB's numbers, moonpool's)",
    details: [
      'Without an argument: lists the profiles and the active one.',
      'Same scenario, seed, chaos, script and knobs; the run replays from 0 and returns to this moment.',
    ],
    examples: ['profile', 'profile fdb', 'profile seed'],
  },
  {
    name: 'transport',
    group: 'run',
    usage: 'transport [<knob>=<value>… | reset]',
    summary: 'set transport knobs (backoff, jitter, queues, pings) and replay to this moment',
    details: [
      'Without an argument: shows every knob, its value and where it comes from (seed, scenario, profile, you).',
      `Knobs: ${KNOB_NAMES.join(', ')}.`,
      'A knob you set wins over the profile; reset forgets them. A bad value changes nothing.',
    ],
    examples: [
      'transport',
      'transport jitter=0',
      'transport initialBackoffMs=50 maxBackoffMs=500',
      'transport reset',
    ],
  },
  {
    name: 'why',
    group: 'console',
    usage: 'why [#seq]',
    summary: 'show the chain of causes behind an event, back to its root',
    details: [
      'Each event records what caused it: the event whose handler scheduled it, or the fault, intervention or timer behind it.',
      'Without an argument: the latest failure (a failed call, a reset, a violation). The chain also opens in the Why? panel, where each line jumps there.',
    ],
    examples: ['why', 'why 109', 'why #109'],
  },
  {
    name: 'hash',
    group: 'run',
    usage: 'hash',
    summary: 'print the trace hash (equal hashes = identical runs)',
    details: [],
    examples: ['hash'],
  },
  {
    name: 'link',
    group: 'run',
    usage: 'link',
    summary: 'print (and copy) a link that replays this run to this moment',
    details: [],
    examples: ['link'],
  },
  {
    name: 'filter',
    group: 'console',
    usage: 'filter [<node|kind|category|from..to>… | off]',
    summary: 'choose which trace events to show',
    details: [
      'Categories: fault, peer, packet, rpc, violation, other. Kinds: packet_sent, rpc_failed, … or a prefix like rpc_*.',
      'Nodes and kinds combine: "filter n1 fault" shows faults on n1. Without an argument: shows the filter.',
      'A time window keeps only events in it: "filter 2.3s..4.6s rpc" (Explore\'s "jump there" sets one).',
    ],
    examples: ['filter n1', 'filter fault rpc_failed', 'filter 2.3s..4.6s', 'filter off'],
  },
  {
    name: 'clear',
    group: 'console',
    usage: 'clear',
    summary: 'clear the console',
    details: [],
    examples: ['clear'],
  },
  {
    name: 'help',
    group: 'console',
    usage: 'help [command | all]',
    summary: 'list commands, or explain one',
    details: [],
    examples: ['help', 'help partition', 'help all'],
  },
];

export const COMMAND_NAMES: readonly string[] = HELP.map((h) => h.name);

/**
 * Splits a line into words: whitespace separates, '…' and "…" group (no
 * escapes inside single quotes; \" and \\ inside double quotes), a backslash
 * outside quotes escapes the next character.
 */
export function tokenize(line: string): string[] | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== null) return { error: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) words.push(word);
  return words;
}

/** Edit distance with adjacent transpositions counting as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidate closest to `word`, if it is close enough to be a plausible typo or prefix. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase().slice(0, 40);
  if (w === '') return null;
  const prefixed = candidates.filter((c) => c.startsWith(w));
  if (prefixed.length === 1) return prefixed[0] as string;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  const limit = Math.max(1, Math.min(3, Math.floor((best?.length ?? 0) / 3)));
  return bestDistance <= limit ? best : null;
}

function unknownCommand(name: string): { error: string } {
  const guess = closest(name, COMMAND_NAMES);
  return {
    error: `unknown command "${clip(name)}"${guess ? ` — did you mean ${guess}?` : ''} (type help for the list)`,
  };
}

function usage(name: string): { error: string } {
  const entry = HELP.find((h) => h.name === name);
  return { error: `usage: ${entry ? entry.usage : name}` };
}

/** Parses one line of the console or the CLI's REPL. Never throws. */
export function parseCommand(line: string): ParseResult {
  try {
    return parseLine(line);
  } catch (error) {
    return {
      error: `could not read that line (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

function parseLine(line: string): ParseResult {
  if (line.length > MAX_LINE_CHARS)
    return { error: `line is too long (${line.length} characters; at most ${MAX_LINE_CHARS})` };
  const words = tokenize(line);
  if ('error' in words) return words;
  if (words.length === 0) return { kind: 'noop' };
  const [name = '', ...args] = words;
  const verb = name.toLowerCase();
  switch (verb) {
    case 'help':
    case '?': {
      if (args.length > 1) return usage('help');
      const topic = args[0] ?? null;
      return { kind: 'help', topic: topic === null ? null : topic.toLowerCase() };
    }
    case 'step': {
      if (args.length > 1) return usage('step');
      if (args.length === 0) return { kind: 'step', events: 1 };
      const text = args[0] as string;
      if (!/^\d{1,9}$/.test(text)) {
        const asDuration = parseDurationUs(text);
        if (typeof asDuration === 'number' && /[a-zµ]/i.test(text))
          return { error: `step counts events; to advance by ${text} use: run ${text}` };
        return { error: `step needs a whole number of events, got "${clip(text)}"` };
      }
      const n = Number(text);
      if (n < 1) return { error: 'step needs at least 1 event' };
      if (n > MAX_STEP_EVENTS)
        return {
          error: `step runs at most ${MAX_STEP_EVENTS} events at a time; use run <duration> to go further`,
        };
      return { kind: 'step', events: n };
    }
    case 'run': {
      if (args.length !== 1)
        return {
          error: 'usage: run <duration>, e.g. run 5s (to advance time; step counts events)',
        };
      const d = parseDurationUs(args[0] as string);
      if (typeof d !== 'number') return d;
      if (d <= 0) return { error: 'run needs a duration above zero, e.g. run 1s' };
      return { kind: 'run', durationUs: d };
    }
    case 'seek': {
      if (args.length !== 1) return { error: 'usage: seek <time>, e.g. seek 2.5s' };
      const t = parseDurationUs(args[0] as string);
      return typeof t === 'number' ? { kind: 'seek', timeUs: t } : t;
    }
    case 'play':
    case 'pause':
    case 'hash':
    case 'link':
    case 'clear':
      if (args.length > 0) return { error: `${verb} takes no arguments` };
      return { kind: verb };
    case 'partition':
    case 'heal':
    case 'isolate':
    case 'clog':
    case 'corrupt':
    case 'kill':
    case 'restart':
    case 'reseed':
    case 'spike': {
      if (verb === 'restart' && args.length === 0)
        return {
          error:
            'usage: restart <node> (brings a killed node back; to replay the run from the start: seek 0)',
        };
      // Durations first: core would call "500" "not a node name or a duration"; say which unit is missing.
      const durationArgs =
        verb === 'clog' && args.length === 3
          ? [args[2]]
          : verb === 'spike' && args.length === 4
            ? [args[2], args[3]]
            : [];
      for (const d of durationArgs) {
        const parsed = parseDurationUs(d as string);
        if (typeof parsed !== 'number') return parsed;
      }
      const action = parseIntervention([verb, ...args]);
      return 'error' in action ? action : { kind: 'intervene', action };
    }
    case 'seed': {
      if (args.length > 1) return usage('seed');
      if (args.length === 0) return { kind: 'seed', seed: null };
      if ((args[0] as string).toLowerCase() === 'random') return { kind: 'seed', seed: 'random' };
      const seed = parseSeed(args[0] as string);
      return typeof seed === 'bigint' ? { kind: 'seed', seed } : seed;
    }
    case 'scenario': {
      if (args.length > 1) return usage('scenario');
      if (args.length === 0) return { kind: 'scenario', id: null };
      const id = args[0] as string;
      const ids = scenarioIds();
      if (ids.includes(id)) return { kind: 'scenario', id };
      const guess = closest(id, ids);
      return {
        error: `unknown scenario "${clip(id)}"${guess ? ` — did you mean ${guess}?` : ''} (one of: ${ids.join(', ')})`,
      };
    }
    case 'chaos': {
      if (args.length > 1) return usage('chaos');
      if (args.length === 0) return { kind: 'chaos', preset: null };
      const preset = (args[0] as string).toLowerCase();
      if ((CHAOS_PRESETS as readonly string[]).includes(preset))
        return { kind: 'chaos', preset: preset as ChaosPreset };
      const guess = closest(preset, CHAOS_PRESETS);
      return {
        error: `unknown chaos preset "${clip(args[0] as string)}"${guess ? ` — did you mean ${guess}?` : ''} (one of: ${CHAOS_PRESETS.join(', ')})`,
      };
    }
    case 'mutant': {
      if (args.length > 1) return usage('mutant');
      if (args.length === 0) return { kind: 'mutant', id: null };
      const word = args[0] as string;
      const id = word.toLowerCase();
      if (id === 'off' || id === 'none') return { kind: 'mutant', id: 'off' };
      if ((MUTANT_IDS as readonly string[]).includes(id))
        return { kind: 'mutant', id: id as MutantId };
      const guess = closest(id, MUTANT_IDS);
      return {
        error: `unknown mutant "${clip(word)}"${guess ? ` — did you mean ${guess}?` : ''} (one of: ${MUTANT_IDS.join(', ')}; or off)`,
      };
    }
    case 'profile': {
      if (args.length > 1) return usage('profile');
      if (args.length === 0) return { kind: 'profile', id: null };
      const id = (args[0] as string).toLowerCase();
      if ((PROFILE_IDS as readonly string[]).includes(id))
        return { kind: 'profile', id: id as ProfileId };
      const guess = closest(id, PROFILE_IDS);
      return {
        error: `unknown transport profile "${clip(args[0] as string)}"${guess ? ` — did you mean ${guess}?` : ''} (one of: ${PROFILE_IDS.join(', ')})`,
      };
    }
    case 'transport':
      return parseTransportCommand(args);
    case 'why': {
      if (args.length === 0) return { kind: 'why', seq: null };
      const m = args.length === 1 ? /^#?(\d{1,15})$/.exec(args[0] as string) : null;
      return m
        ? { kind: 'why', seq: Number(m[1]) }
        : {
            error: `why: expected an event number like 109 or #109, got "${clip(args.join(' '))}"`,
          };
    }
    case 'filter': {
      if (args.length === 0) return { kind: 'filter', show: true };
      if (args.length === 1 && ['off', 'none', 'all'].includes((args[0] as string).toLowerCase()))
        return { kind: 'filter', show: false, filter: null };
      const filter = parseFilterTerms(args);
      return 'error' in filter ? filter : { kind: 'filter', show: false, filter };
    }
    default:
      return unknownCommand(name);
  }
}

const GROUP_LABEL: Record<HelpEntry['group'], string> = {
  time: 'time',
  faults: 'faults',
  run: 'run',
  console: 'console',
};

/**
 * Help text as lines. `help`: one line per group (fits a small terminal);
 * `help all`: the full table; `help <cmd>`: usage, details and examples.
 */
export function helpLines(
  topic: string | null,
  columns = 100,
): { lines: string[] } | { error: string } {
  if (topic === null) {
    const labelWidth = Math.max(...Object.values(GROUP_LABEL).map((l) => l.length)) + 2;
    const lines: string[] = [];
    for (const g of HELP_GROUPS) {
      // Wrap between usages, with a hanging indent, so no usage is split.
      let line = GROUP_LABEL[g.id].padEnd(labelWidth);
      let first = true;
      for (const h of HELP.filter((e) => e.group === g.id)) {
        const piece = first ? h.usage : ` · ${h.usage}`;
        if (!first && line.length + piece.length > columns) {
          lines.push(line);
          line = ' '.repeat(labelWidth) + h.usage;
        } else line += piece;
        first = false;
      }
      lines.push(line);
    }
    lines.push(
      'help <command> explains one, help all lists them all. Keys: ↑/↓ history, Tab completes, Ctrl+C clears the line, Esc leaves.',
    );
    return { lines };
  }
  if (topic === 'all') {
    const width = Math.max(...HELP.map((h) => h.usage.length));
    const lines: string[] = [];
    for (const group of HELP_GROUPS) {
      lines.push(`${group.title}:`);
      for (const h of HELP.filter((e) => e.group === group.id))
        lines.push(`  ${h.usage.padEnd(width)}  ${h.summary}`);
    }
    lines.push(
      'Keys: ↑/↓ history, Tab completes, Ctrl+C clears the line, Esc leaves the console. "help <command>" for more.',
    );
    return { lines };
  }
  const entry = HELP.find((h) => h.name === topic);
  if (!entry) {
    const guess = closest(topic, COMMAND_NAMES);
    return {
      error: `no help for "${clip(topic)}"${guess ? ` — did you mean ${guess}?` : ''} (type help for the list)`,
    };
  }
  return {
    lines: [
      `${entry.usage} — ${entry.summary}`,
      ...entry.details.map((d) => `  ${d}`),
      ...(entry.examples.length > 0 ? [`  e.g. ${entry.examples.join('  ·  ')}`] : []),
    ],
  };
}

/**
 * Tab completion of the first word: a unique match completes it (with a
 * trailing space), several matches extend to their common prefix and are
 * listed. Arguments of scenario, chaos, mutant and help complete too.
 */
export function complete(line: string): { line: string; options: string[] } {
  const m = /^(\s*)(\S*)$/.exec(line);
  if (m) return completeWord(line, (m[1] as string).length, COMMAND_NAMES);
  const arg = /^(\s*)(\S+)(\s+)(\S*)$/.exec(line);
  if (arg) {
    const verb = (arg[2] as string).toLowerCase();
    const start = line.length - (arg[4] as string).length;
    const pool =
      verb === 'scenario'
        ? scenarioIds()
        : verb === 'chaos'
          ? [...CHAOS_PRESETS]
          : verb === 'mutant'
            ? [...MUTANT_IDS, 'off']
            : verb === 'help'
              ? [...COMMAND_NAMES, 'all']
              : verb === 'filter'
                ? ['off', 'fault', 'peer', 'packet', 'rpc', 'violation', 'other']
                : null;
    if (pool) return completeWord(line, start, pool);
  }
  return { line, options: [] };
}

function completeWord(
  line: string,
  start: number,
  pool: readonly string[],
): { line: string; options: string[] } {
  const partial = line.slice(start);
  const options = pool.filter((c) => c.startsWith(partial));
  if (options.length === 0) return { line, options: [] };
  if (options.length === 1) return { line: `${line.slice(0, start)}${options[0]} `, options: [] };
  let prefix = options[0] as string;
  for (const o of options) while (!o.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return { line: `${line.slice(0, start)}${prefix}`, options };
}

function parseTransportCommand(args: readonly string[]): ParseResult {
  if (args.length === 0) return { kind: 'transport', knobs: null };
  if (args.length === 1 && (args[0] as string).toLowerCase() === 'reset')
    return { kind: 'transport', knobs: 'reset' };
  const knobs: (readonly [string, string])[] = [];
  for (const word of args) {
    const pair = splitAssignment(word);
    if ('error' in pair) return pair;
    if (knobs.some(([name]) => name === pair[0]))
      return { error: `transport knob ${clip(pair[0])} is given twice` };
    const checked = parseKnob(pair[0], pair[1]);
    if ('error' in checked) {
      const guess = KNOB_NAMES.includes(pair[0] as never) ? null : closest(pair[0], KNOB_NAMES);
      return { error: `${checked.error}${guess ? ` — did you mean ${guess}?` : ''}` };
    }
    knobs.push(pair);
  }
  return { kind: 'transport', knobs };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
