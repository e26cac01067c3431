/*
 * For the CLI's tests: runs the real `tidepool` binary as a subprocess (no
 * shell: each argument is passed verbatim) and collects its exit status and
 * output. `cliShared` memoises invocations that several tests only read.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'tidepool.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
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

/** Memoised `cli` for invocations several tests share (never for "run it twice" checks). */
export function cliShared(args: readonly string[]): Promise<CliResult> {
  const key = JSON.stringify(args);
  let result = shared.get(key);
  if (result === undefined) shared.set(key, (result = cli(args)));
  return result;
}

const shared = new Map<string, Promise<CliResult>>();
