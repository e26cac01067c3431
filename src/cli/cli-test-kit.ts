/*
 * For the CLI's tests: `cli` runs the `tidepool` command line in-process
 * (runCli from main.ts, the function bin/tidepool.mjs calls) and collects its
 * exit status and output; `cliShared` memoises invocations that several tests
 * only read. `spawnCli` runs the real binary as a subprocess (no shell: each
 * argument is passed verbatim), for the few smoke tests of the entry itself.
 * Knows nothing of what any command prints.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './main';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'tidepool.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `tidepool …args` in this process, writing to buffers (not a terminal: no colour). */
export async function cli(args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { status, stdout, stderr };
}

/** Memoised `cli` for invocations several tests share (never for "run it twice" checks). */
export function cliShared(args: readonly string[]): Promise<CliResult> {
  const key = JSON.stringify(args);
  let result = shared.get(key);
  if (result === undefined) shared.set(key, (result = cli(args)));
  return result;
}

const shared = new Map<string, Promise<CliResult>>();

/** `node <entry> …args` as a subprocess: the real binary by default, or another entry file. */
export function spawnCli(
  args: readonly string[],
  entry: readonly string[] = [BIN],
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
