/*
 * Time-axis arithmetic for the timeline: 1-2-5 grid steps in µs, the ticks
 * of a window and their labels (ms below a one-second step, s above), and the
 * visible window's rules (follow the playhead, zoom about a point, pan).
 * Pure functions, unit-tested.
 */

/** The smallest 1·10ⁿ, 2·10ⁿ or 5·10ⁿ µs step ≥ `rawUs` (at least 1 µs). */
export function niceStep(rawUs: number): number {
  if (!(rawUs > 1)) return 1;
  const pow = 10 ** Math.floor(Math.log10(rawUs));
  for (const m of [1, 2, 5, 10]) if (m * pow >= rawUs - 1e-9) return m * pow;
  return 10 * pow;
}

/** Grid ticks (multiples of `step`) inside [t0, t1]. */
export function ticks(t0: number, t1: number, step: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1 + 1e-9 && out.length < 1000; t += step)
    out.push(Math.round(t));
  return out;
}

/** A tick label with just the digits the step needs: "1.5 s", "105 ms", "105.25 ms" (seconds from a 100 ms step). */
export function formatTick(timeUs: number, stepUs: number): string {
  if (stepUs >= 100_000) {
    const digits = Math.max(0, -Math.floor(Math.log10(stepUs / 1_000_000) + 1e-9));
    return `${(timeUs / 1_000_000).toFixed(digits)} s`;
  }
  const digits = Math.min(3, Math.max(0, -Math.floor(Math.log10(stepUs / 1000) + 1e-9)));
  return `${(timeUs / 1000).toFixed(digits)} ms`;
}

/** A span for buttons and titles: "500 µs", "20 ms", "2 s". */
export function formatSpan(us: number): string {
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1_000_000) return `${+(us / 1000).toPrecision(3)} ms`;
  return `${+(us / 1_000_000).toPrecision(3)} s`;
}

// ---- the visible window ----

export interface TimeWindow {
  readonly t0: number;
  readonly spanUs: number;
  /** Keep the playhead in view as it moves. */
  readonly follow: boolean;
}

export const MIN_SPAN_US = 50;
export const MAX_SPAN_US = 3_600_000_000;
/** While following, where the playhead sits (fraction of the width). */
export const FOLLOW_AT = 0.85;

export function clampSpan(spanUs: number): number {
  return Math.min(MAX_SPAN_US, Math.max(MIN_SPAN_US, spanUs));
}

/**
 * Where a following window starts for the playhead at `nowUs`. Smooth: the
 * playhead stays at FOLLOW_AT of the width. Paged (reduced motion): the window
 * stays put until the playhead leaves it, then jumps one page.
 */
export function followStart(w: TimeWindow, nowUs: number, paged: boolean): number {
  if (!paged) return Math.max(0, nowUs - FOLLOW_AT * w.spanUs);
  if (nowUs >= w.t0 && nowUs <= w.t0 + w.spanUs * 0.98) return w.t0;
  return Math.max(0, nowUs - 0.05 * w.spanUs);
}

/** Zooms by `factor` (< 1 zooms in) keeping time `anchorUs` at the same screen place. */
export function zoomWindow(w: TimeWindow, factor: number, anchorUs: number): TimeWindow {
  const spanUs = clampSpan(w.spanUs * factor);
  const frac = (anchorUs - w.t0) / w.spanUs;
  return { ...w, spanUs, t0: Math.max(0, anchorUs - frac * spanUs) };
}

/** Moves the window by `dtUs` (never before 0) and stops following. */
export function panWindow(w: TimeWindow, dtUs: number): TimeWindow {
  return { ...w, t0: Math.max(0, w.t0 + dtUs), follow: false };
}

/** A window of the same span with `timeUs` in the middle (or at 0). */
export function centreOn(w: TimeWindow, timeUs: number): TimeWindow {
  return { ...w, t0: Math.max(0, timeUs - w.spanUs / 2) };
}
