/*
 * The golden catalogue (e2e/golden/*.json): sessions pinned to the behaviour
 * they had when last accepted. Each file names a session (scenario, seed,
 * chaos, params, script) and a time, and the facts expected there: the trace
 * hash, events, time, alive nodes, selected peer states, trace counts and
 * outcomes, and the number of violations. This module reads and validates
 * entries, computes an entry's facts headless (the CLI's ordinary engine, no
 * viewer), compares and serialises them (sorted keys, stable). The `golden`
 * command and the browser spec (e2e/golden.spec.ts) both build on it, so Node
 * and the page are checked against the same expectations.
 *
 * Map facts (peerStates, traceCounts, outcomes) are selections: the keys an
 * entry lists are the ones checked and, on --update, recomputed. An entry
 * without a map gets a default selection on --update.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createEngine } from '../core/engine';
import { parseScript } from '../core/intervention';
import { splitAssignment } from '../core/transport-settings/settings';
import { makeSession, type Session } from '../core/session';
import { sessionToQuery } from '../core/session-query';
import { parseDurationUs, parseSeed } from '../core/sim';

/** Where the catalogue lives in the repository (independent of the working directory). */
export const DEFAULT_GOLDEN_DIR = join(import.meta.dirname, '..', '..', 'e2e', 'golden');

/** A session as the catalogue writes it (plain JSON; the seed as a decimal string). */
export interface GoldenSessionSpec {
  scenario: string;
  seed: string;
  chaos: string;
  /** Only the parameters that differ from the scenario's defaults. */
  params?: Record<string, number>;
  /** Compact script text, as in URLs and --script ("1s_partition_n1_n2~3s_heal"). */
  script?: string;
  /** Where the facts are taken: a duration ("2.5s", "2502720us"). */
  time: string;
  /** A transport profile other than seed (docs/profiles.md). */
  profile?: string;
  /** Transport knobs as `name=value`, as --transport takes them. */
  transport?: string[];
}

export interface GoldenFacts {
  traceHash: string;
  timeUs: number;
  events: number;
  /** Violations once the end-of-run checks have run at `time`. */
  violations: number;
  /** Names of the live nodes, in topology order. */
  nodesAlive: string[];
  /** `${node}>${remote address}` → peer state ("absent" when there is no such peer). */
  peerStates: Record<string, string>;
  traceCounts: Record<string, number>;
  outcomes: Record<string, number>;
}

export interface GoldenEntry {
  /** File name without .json. */
  name: string;
  file: string;
  description: string;
  spec: GoldenSessionSpec;
  session: Session;
  atUs: number;
  /** Null for a new entry whose facts --update has not yet filled in. */
  expect: Partial<GoldenFacts> | null;
}

export type LoadedEntry =
  { ok: true; entry: GoldenEntry } | { ok: false; name: string; file: string; error: string };

export interface Difference {
  field: string;
  expected: unknown;
  actual: unknown;
}

const FACT_KEYS = [
  'events',
  'nodesAlive',
  'outcomes',
  'peerStates',
  'timeUs',
  'traceCounts',
  'traceHash',
  'violations',
] as const;
const SESSION_KEYS = [
  'chaos',
  'params',
  'profile',
  'scenario',
  'script',
  'seed',
  'time',
  'transport',
];

/** Trace kinds worth pinning when an entry does not choose its own (those the run has). */
const DEFAULT_COUNT_KINDS = [
  'rpc_replied',
  'rpc_failed',
  'request_shed',
  'checksum_failed',
  'bits_flipped',
  'peer_state_changed',
  'connection_reset',
  'message_retransmitted',
  'message_dropped',
  'record_corrupted',
  'block_appended',
  'node_restarted',
  'intervention_applied',
  'invariant_violated',
];

/** The link that opens the entry's session at its time in the playground (relative: `?…`). */
export function entryQuery(entry: GoldenEntry): string {
  return `?${sessionToQuery(entry.session, entry.atUs)}`;
}

/** Every *.json file in `dir`, by name, parsed and validated (a bad file is reported, not thrown). */
export function loadCatalogue(dir: string): LoadedEntry[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => loadEntry(join(dir, f)));
}

export function loadEntry(file: string): LoadedEntry {
  const name = basename(file, '.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, name, file, error: `not valid JSON: ${(error as Error).message}` };
  }
  const parsed = parseEntry(name, file, json);
  return 'error' in parsed
    ? { ok: false, name, file, error: parsed.error }
    : { ok: true, entry: parsed };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseEntry(name: string, file: string, json: unknown): GoldenEntry | { error: string } {
  if (!isObject(json)) return { error: 'an entry is a JSON object' };
  const extra = Object.keys(json).filter((k) => !['description', 'expect', 'session'].includes(k));
  if (extra.length > 0)
    return { error: `unknown field "${extra[0]}" (fields: description, session, expect)` };
  if (typeof json.description !== 'string' || json.description.trim() === '')
    return { error: 'description must be a non-empty string' };
  const s = json.session;
  if (!isObject(s)) return { error: 'session must be an object' };
  const extraSession = Object.keys(s).filter((k) => !SESSION_KEYS.includes(k));
  if (extraSession.length > 0)
    return {
      error: `unknown session field "${extraSession[0]}" (fields: ${SESSION_KEYS.join(', ')})`,
    };
  for (const key of ['scenario', 'seed', 'chaos', 'time']) {
    if (typeof s[key] !== 'string') return { error: `session.${key} must be a string` };
  }
  if (s.script !== undefined && typeof s.script !== 'string')
    return { error: 'session.script must be a string' };
  if (
    s.params !== undefined &&
    (!isObject(s.params) || Object.values(s.params).some((v) => !Number.isInteger(v)))
  ) {
    return { error: 'session.params must map names to integers' };
  }
  if (s.profile !== undefined && typeof s.profile !== 'string')
    return { error: 'session.profile must be a string' };
  if (
    s.transport !== undefined &&
    (!Array.isArray(s.transport) || s.transport.some((t) => typeof t !== 'string'))
  )
    return { error: 'session.transport must be a list of "knob=value" strings' };
  const spec = s as unknown as GoldenSessionSpec;
  const knobs = (spec.transport ?? []).map(splitAssignment);
  const badKnob = knobs.find((k) => 'error' in k);
  if (badKnob && 'error' in badKnob) return { error: `session.transport: ${badKnob.error}` };
  const seed = parseSeed(spec.seed);
  if (typeof seed !== 'bigint') return { error: `session.seed: ${seed.error}` };
  const script = parseScript(spec.script ?? '');
  if ('error' in script) return { error: `session.script: ${script.error}` };
  const atUs = parseDurationUs(spec.time);
  if (typeof atUs !== 'number') return { error: `session.time: ${atUs.error}` };
  const made = makeSession({
    scenario: spec.scenario,
    seed,
    chaos: spec.chaos,
    params: spec.params ?? {},
    script,
    transport: {
      knobs: knobs as (readonly [string, string])[],
      ...(spec.profile !== undefined ? { profile: spec.profile } : {}),
    },
  });
  if (!made.ok) return { error: `session: ${made.errors.join('; ')}` };
  const expect = json.expect;
  if (expect !== undefined && !isObject(expect)) return { error: 'expect must be an object' };
  const extraFacts = Object.keys(expect ?? {}).filter(
    (k) => !(FACT_KEYS as readonly string[]).includes(k),
  );
  if (extraFacts.length > 0)
    return { error: `unknown fact "${extraFacts[0]}" (facts: ${FACT_KEYS.join(', ')})` };
  return {
    name,
    file,
    description: json.description,
    spec,
    session: made.session,
    atUs,
    expect: (expect as Partial<GoldenFacts> | undefined) ?? null,
  };
}

/** Runs the entry's session headless to its time and takes every fact (full maps). */
export function computeFacts(session: Session, atUs: number): GoldenFacts {
  const engine = createEngine(session);
  engine.runUntil({ timeUs: atUs });
  // Everything the page can see is taken before the end-of-run checks, which may trace violations.
  const view = engine.view();
  const traceHash = engine.traceHash();
  const before = engine.summary();
  const after = engine.finish();
  return {
    traceHash,
    timeUs: view.timeUs,
    events: view.events,
    violations: after.violations.length,
    nodesAlive: view.nodes.filter((n) => n.alive).map((n) => n.name),
    peerStates: Object.fromEntries(view.peers.map((p) => [`${p.node}>${p.remote}`, p.state])),
    traceCounts: { ...before.traceCounts },
    outcomes: { ...before.outcomes },
  };
}

/**
 * The facts to store for an entry: scalars as computed; each map restricted to
 * the keys the entry already lists (or a default selection when it lists none).
 */
export function selectFacts(actual: GoldenFacts, expect: Partial<GoldenFacts> | null): GoldenFacts {
  const pick = <T>(keys: string[], all: Record<string, T>, missing: T): Record<string, T> =>
    Object.fromEntries(keys.map((k) => [k, Object.hasOwn(all, k) ? (all[k] as T) : missing]));
  const countKinds = expect?.traceCounts
    ? Object.keys(expect.traceCounts)
    : DEFAULT_COUNT_KINDS.filter((k) => (actual.traceCounts[k] ?? 0) > 0);
  return {
    ...actual,
    peerStates: pick(
      expect?.peerStates ? Object.keys(expect.peerStates) : Object.keys(actual.peerStates),
      actual.peerStates,
      'absent',
    ),
    traceCounts: pick(countKinds, actual.traceCounts, 0),
    outcomes: pick(
      expect?.outcomes ? Object.keys(expect.outcomes) : Object.keys(actual.outcomes),
      actual.outcomes,
      0,
    ),
  };
}

/** Field-by-field differences between stored and recomputed facts ("peerStates[n1>10.0.0.2:4500]"). */
export function diffFacts(expect: Partial<GoldenFacts> | null, actual: GoldenFacts): Difference[] {
  if (expect === null)
    return [{ field: 'expect', expected: undefined, actual: '(new entry: --update fills it in)' }];
  const out: Difference[] = [];
  for (const key of FACT_KEYS) {
    const e: unknown = expect[key];
    const a: unknown = actual[key];
    if (isObject(e) && isObject(a)) {
      for (const k of Object.keys(e))
        if (!sameJson(e[k], a[k]))
          out.push({ field: `${key}[${k}]`, expected: e[k], actual: a[k] });
    } else if (!sameJson(e, a)) {
      out.push({ field: key, expected: e, actual: a });
    }
  }
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface EntryCheck {
  entry: GoldenEntry;
  facts: GoldenFacts;
  differences: Difference[];
}

/** Recomputes one entry and compares it with what the catalogue says. */
export function checkEntry(entry: GoldenEntry): EntryCheck {
  const facts = selectFacts(computeFacts(entry.session, entry.atUs), entry.expect);
  return { entry, facts, differences: diffFacts(entry.expect, facts) };
}

/** The file's text: keys sorted at every level, two-space indent, string arrays on one line (as Prettier leaves them). */
export function serializeEntry(entry: GoldenEntry, facts: GoldenFacts): string {
  return `${stableJson({ description: entry.description, expect: facts, session: entry.spec }, '')}\n`;
}

function stableJson(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (
      value.every((v) => !isObject(v) && !Array.isArray(v)) &&
      indent.length + inline.length <= 80
    )
      return inline;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + stableJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    if (keys.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${stableJson(value[k], inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
