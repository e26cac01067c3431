/*
 * How a comparison's figures read, for the terminal and the page alike:
 * counts with thousands separators, durations in the trace's units, '–' for
 * none, and B − A with its sign. Pure text; knows nothing of where it goes.
 */
import { formatUs } from '../core/sim';
import type { MetricUnit as FigureUnit } from '../core/compare/compare-runs';

export function formatFigure(value: number | null, unit: FigureUnit): string {
  if (value === null) return '–';
  return unit === 'µs' ? formatUs(Math.abs(value)) : Math.abs(value).toLocaleString('en-US');
}

/** B − A with its sign (`+16`, `-1,564`, `0`), or '–' when either is missing. */
export function formatDelta(a: number | null, b: number | null, unit: FigureUnit): string {
  if (a === null || b === null) return '–';
  const delta = b - a;
  return `${delta > 0 ? '+' : delta < 0 ? '-' : ''}${formatFigure(delta, unit)}`;
}
