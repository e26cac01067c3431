/*
 * `tidepool golden [--check | --update | --list] [--dir D] [--json]`: recomputes every
 * session of the golden catalogue (e2e/golden/*.json) headless and compares it
 * with the facts the catalogue pins down. --check (the default) prints a table
 * of ok / CHANGED with the differing fields and exits 1 on any difference or
 * unreadable entry; it never writes. --update rewrites the entries whose facts
 * changed (and only those; also a hand-edited file's layout, never its
 * session or selection of facts), prints which, and is the only way the
 * catalogue changes — the diff then shows which sessions changed behaviour.
 * --list runs nothing: it prints each entry's link and (with --json) its
 * expected facts — what the browser spec (e2e/golden.spec.ts) opens and checks.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { formatDurationExact } from '../core/sim';
import { parseArgs, single, UsageError } from './args';
import {
  checkEntry,
  DEFAULT_GOLDEN_DIR,
  entryQuery,
  loadCatalogue,
  serializeEntry,
  type Difference,
  type GoldenFacts,
} from './golden-catalogue';

export const GOLDEN_USAGE =
  'tidepool golden [--check | --update | --list] [--dir e2e/golden] [--json]';

type Status = 'ok' | 'CHANGED' | 'updated' | 'INVALID';

export interface GoldenRow {
  name: string;
  file: string;
  status: Status;
  time: string | null;
  traceHash: string | null;
  differences: Difference[];
  url: string | null;
  error?: string;
}

export interface GoldenReport {
  dir: string;
  mode: 'check' | 'update';
  entries: GoldenRow[];
  ok: boolean;
}

/** Checks (or, with update, rewrites) every entry of the catalogue in `dir`. */
export function runGolden(dir: string, update: boolean): GoldenReport {
  const entries = loadCatalogue(dir).map((loaded): GoldenRow => {
    if (!loaded.ok)
      return {
        name: loaded.name,
        file: loaded.file,
        status: 'INVALID',
        time: null,
        traceHash: null,
        differences: [],
        url: null,
        error: loaded.error,
      };
    const { entry, facts, differences } = checkEntry(loaded.entry);
    const changed = differences.length > 0;
    // --update also puts a hand-edited file back into the canonical layout (a check compares facts, not text).
    const rewrite =
      update && (changed || readFileSync(entry.file, 'utf8') !== serializeEntry(entry, facts));
    if (rewrite) writeFileSync(entry.file, serializeEntry(entry, facts));
    const status: Status = !rewrite && !changed ? 'ok' : rewrite ? 'updated' : 'CHANGED';
    return {
      name: entry.name,
      file: entry.file,
      status,
      time: formatDurationExact(entry.atUs),
      traceHash: facts.traceHash,
      differences,
      url: entryQuery(entry),
    };
  });
  const ok =
    entries.length > 0 && entries.every((e) => e.status === 'ok' || e.status === 'updated');
  return { dir, mode: update ? 'update' : 'check', entries, ok };
}

/** One entry as `--list` shows it: what to open and what to expect, without running anything. */
export interface GoldenListing {
  name: string;
  file: string;
  description?: string;
  time?: string;
  atUs?: number;
  url?: string;
  expect?: Partial<GoldenFacts> | null;
  error?: string;
}

export function listGolden(dir: string): GoldenListing[] {
  return loadCatalogue(dir).map((l): GoldenListing => {
    if (!l.ok) return { name: l.name, file: l.file, error: l.error };
    const e = l.entry;
    return {
      name: e.name,
      file: e.file,
      description: e.description,
      time: formatDurationExact(e.atUs),
      atUs: e.atUs,
      url: entryQuery(e),
      expect: e.expect,
    };
  });
}

export function goldenCommand(argv: readonly string[], out: { write(s: string): void }): number {
  const args = parseArgs(argv, { values: ['dir'], switches: ['check', 'update', 'list', 'json'] });
  if (args.positional.length > 0)
    throw new UsageError(`golden takes no arguments, got "${args.positional[0]?.slice(0, 40)}"`);
  const modes = ['check', 'update', 'list'].filter((m) => args.switches.has(m));
  if (modes.length > 1) throw new UsageError(`--${modes[0]} and --${modes[1]} exclude each other`);
  const dir = single(args, 'dir') ?? DEFAULT_GOLDEN_DIR;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`--dir: no directory "${dir.slice(0, 80)}"`);
  if (args.switches.has('list')) {
    const listing = listGolden(dir);
    if (args.switches.has('json')) out.write(`${JSON.stringify({ dir, entries: listing })}\n`);
    else for (const e of listing) out.write(`${e.name}  ${e.error ?? `${e.time}  ${e.url}`}\n`);
    return listing.length > 0 && listing.every((e) => e.error === undefined) ? 0 : 1;
  }
  const report = runGolden(dir, args.switches.has('update'));
  if (args.switches.has('json')) out.write(`${JSON.stringify(report)}\n`);
  else out.write(formatReport(report));
  return report.ok ? 0 : 1;
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatReport(report: GoldenReport): string {
  const where = relative(process.cwd(), report.dir) || '.';
  if (report.entries.length === 0) return `golden: no *.json sessions in ${where}\n`;
  const width = Math.max(...report.entries.map((e) => e.name.length));
  const lines = [`golden sessions in ${where} (${report.mode}):`];
  for (const e of report.entries) {
    const head = `  ${e.status.padEnd(8)} ${e.name.padEnd(width)}  ${(e.time ?? '').padEnd(10)}`;
    if (e.status === 'INVALID') lines.push(`${head} ${e.error}`);
    else if (e.status === 'ok') lines.push(`${head} ${e.traceHash}`);
    else {
      lines.push(
        `${head} ${e.differences.map((d) => d.field).join(', ') || '(layout only: facts unchanged)'}`,
      );
      for (const d of e.differences)
        lines.push(`${''.padEnd(width + 24)}${d.field}: ${show(d.expected)} -> ${show(d.actual)}`);
      if (e.differences.length > 0) lines.push(`${''.padEnd(width + 24)}link: ${e.url}`);
    }
  }
  const count = (s: Status) => report.entries.filter((e) => e.status === s).length;
  const parts = [`${count('ok')} ok`];
  if (count('CHANGED') > 0) parts.push(`${count('CHANGED')} CHANGED`);
  if (count('updated') > 0) parts.push(`${count('updated')} updated`);
  if (count('INVALID') > 0) parts.push(`${count('INVALID')} INVALID`);
  lines.push(`${report.entries.length} sessions: ${parts.join(', ')}`);
  if (count('CHANGED') > 0)
    lines.push(
      'if the change is intended, `npx tidepool golden --update` rewrites the changed entries (review the diff)',
    );
  return `${lines.join('\n')}\n`;
}
