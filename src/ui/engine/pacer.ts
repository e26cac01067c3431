/*
 * Event-paced playback: how far virtual time moves in one tick of play so a
 * newcomer can watch packets cross. While a packet is on the wire, time runs
 * slowly enough that the shortest crossing takes `crossingMs` of wall time;
 * after the last one lands it lingers DWELL_MS so the arrival is seen; then,
 * with nothing on the wire, it jumps straight to the next event and reports
 * the gap it skipped (the page says so). Packets stalled at a cut move no
 * one's pace but stop the skipping: their wait is what there is to see. Rate-based playback (a fixed
 * virtual-µs-per-second) stays the other mode. Pure arithmetic on what the
 * engine says is in flight: it knows nothing of engines, messages or the DOM.
 *
 *        packet on the wire ──► FOLLOW (rate = shortest crossing / crossingMs)
 *               ▲                  │ last one lands
 *               │                  ▼
 *               ├──────────── LINGER (DWELL_MS at the last rate)
 *               │                  │ dwell over, still nothing
 *               │                  ▼
 *               └──────────── SKIP (jump to the next event; report the gap)
                               — or STEADY (the speed setting) while packets wait at a cut
 */
import type { PacketFlight } from '../../core/view';

/** How long the arrival of the last packet stays on screen before an idle gap is skipped (wall ms). */
export const DWELL_MS = 300;
/** A packet's crossing at the default speed (1× real time), wall ms; faster speeds shorten it in proportion. */
export const CROSSING_MS_AT_DEFAULT = 900;
const DEFAULT_SPEED = 1_000_000;
const CROSSING_MS_MIN = 40;
const CROSSING_MS_MAX = 20_000;

/** How long one crossing takes at this speed setting (wall ms): the slider's meaning while pacing by packets. */
export function crossingMsAt(speedUsPerS: number): number {
  const ms = (CROSSING_MS_AT_DEFAULT * DEFAULT_SPEED) / Math.max(1, speedUsPerS);
  return Math.min(CROSSING_MS_MAX, Math.max(CROSSING_MS_MIN, ms));
}

export interface PaceInput {
  readonly nowUs: number;
  /** Wall time since the last tick (ms). */
  readonly wallDtMs: number;
  /** The packets on the wire now (Engine.packetFlights). */
  readonly flights: readonly PacketFlight[];
  /** When the next event is due (undefined: nothing scheduled). */
  readonly nextEventUs: number | undefined;
  /** The speed setting (virtual µs per wall second): the rate with nothing to follow, and the crossing's length. */
  readonly speedUsPerS: number;
}

export interface PaceStep {
  /** Run the engine up to here. */
  readonly targetUs: number;
  /** Virtual µs per wall second this tick moved at (an idle skip: the speed setting's). */
  readonly rateUsPerS: number;
  /** Virtual time jumped over with nothing on the wire (0: no skip). */
  readonly skippedUs: number;
}

export class PacketPacer {
  private lingerLeftMs = 0;
  private lastRateUsPerS = 0;

  /** Forget the last flight (play starts afresh, or the engine moved under us). */
  reset(): void {
    this.lingerLeftMs = 0;
    this.lastRateUsPerS = 0;
  }

  next(input: PaceInput): PaceStep {
    const { nowUs, wallDtMs, speedUsPerS } = input;
    const crossingUs = shortestCrossingUs(input.flights, nowUs);
    if (crossingUs !== null) {
      const rate = (crossingUs * 1000) / crossingMsAt(speedUsPerS);
      this.lastRateUsPerS = rate;
      this.lingerLeftMs = DWELL_MS;
      return { targetUs: advance(nowUs, rate, wallDtMs), rateUsPerS: rate, skippedUs: 0 };
    }
    if (this.lingerLeftMs > 0) {
      this.lingerLeftMs -= wallDtMs;
      const rate = this.lastRateUsPerS;
      return { targetUs: advance(nowUs, rate, wallDtMs), rateUsPerS: rate, skippedUs: 0 };
    }
    // Nothing moving: the speed setting's pace, and with nothing waiting at a cut either (whose
    // wait, and the ping monitor's countdown, are the story then), straight on to the next event.
    const steady = advance(nowUs, speedUsPerS, wallDtMs);
    const next = input.nextEventUs;
    const waiting = input.flights.some((f) => f.deliverUs === null);
    if (next === undefined || next <= steady || waiting)
      return { targetUs: steady, rateUsPerS: speedUsPerS, skippedUs: 0 };
    return { targetUs: next, rateUsPerS: speedUsPerS, skippedUs: next - nowUs };
  }
}

/** The shortest whole crossing (send to due) among packets still moving, or null if none is. */
function shortestCrossingUs(flights: readonly PacketFlight[], nowUs: number): number | null {
  let shortest: number | null = null;
  for (const f of flights) {
    if (f.deliverUs === null || f.deliverUs <= nowUs) continue; // stalled at a cut, or landing now
    const span = Math.max(1, f.deliverUs - f.sentUs);
    if (shortest === null || span < shortest) shortest = span;
  }
  return shortest;
}

function advance(nowUs: number, rateUsPerS: number, wallDtMs: number): number {
  return nowUs + Math.max(1, Math.round((rateUsPerS * wallDtMs) / 1000));
}
