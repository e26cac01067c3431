/*
 * Progress of a `tidepool sweep` (or probe) on stderr (never stdout). On a terminal: one
 * line, redrawn at most ~10 times a second — a bar, done/total, failures so
 * far, seeds/s and ETA — and erased at the end. Elsewhere (CI logs): silent
 * for short sweeps; once a sweep has run 5 s, one line per 10% so a long job
 * shows signs of life.
 */
import type { SweepProgress } from './sweep-runner';

export interface ProgressStream {
  write(s: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressReporter {
  update(p: SweepProgress): void;
  /** Erases the progress line (terminal) before the results are printed. */
  finish(): void;
}

const REDRAW_MS = 100;
const QUIET_SEC = 5;

/** What the bar counts: a sweep's seeds, a probe's branches. */
export interface ProgressWords {
  readonly label: string;
  readonly unit: string;
}

const SWEEP_WORDS: ProgressWords = { label: 'sweep', unit: 'seeds' };

export function progressReporter(err: ProgressStream, words = SWEEP_WORDS): ProgressReporter {
  return err.isTTY ? terminalReporter(err, words) : logReporter(err, words);
}

function terminalReporter(err: ProgressStream, { label, unit }: ProgressWords): ProgressReporter {
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS && p.done < p.total) return;
      lastDraw = now;
      drawn = true;
      const text = ` ${p.done}/${p.total} ${unit}  ${p.failed} failed  ${rate(p)} ${unit}/s  ETA ${eta(p)}`;
      const width = Math.max(10, Math.min(30, (err.columns ?? 80) - text.length - 10));
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      err.write(`\r\u001b[K${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${text}`);
    },
    finish() {
      if (drawn) err.write('\r\u001b[K');
    },
  };
}

function logReporter(err: ProgressStream, { label, unit }: ProgressWords): ProgressReporter {
  let lastDecile = 0;
  return {
    update(p) {
      if (p.total === 0 || p.done === p.total) return;
      const decile = Math.floor((p.done / p.total) * 10);
      if (decile <= lastDecile || p.elapsedSec < QUIET_SEC) return;
      lastDecile = decile;
      err.write(
        `${label}: ${decile * 10}% (${p.done}/${p.total} ${unit}, ${p.failed} failed, ${rate(p)} ${unit}/s, ETA ${eta(p)})\n`,
      );
    },
    finish() {},
  };
}

function rate(p: SweepProgress): string {
  return p.elapsedSec > 0 ? (p.done / p.elapsedSec).toFixed(1) : '–';
}

function eta(p: SweepProgress): string {
  if (p.done === 0 || p.elapsedSec <= 0) return '?';
  const sec = Math.ceil(((p.total - p.done) * p.elapsedSec) / p.done);
  return sec >= 3600
    ? `${Math.floor(sec / 3600)}h${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}m`
    : sec >= 60
      ? `${Math.floor(sec / 60)}m${String(sec % 60).padStart(2, '0')}s`
      : `${sec}s`;
}
