/*
 * What comparing two runs costs (`tidepool diff`, the compare view's strip):
 * compareRuns on herd with and without jitter, against running the same two
 * sessions plainly, in the same process, alternating. The ratio is what a
 * comparison costs over the two runs it has to make anyway (fingerprints of
 * every event, the metrics, and re-running run A up to where the runs part).
 */
import { compareRuns } from '../src/core/compare/compare-runs';
import { createEngine } from '../src/core/engine';
import { sessionFromQuery } from '../src/core/session-query';
import type { Session } from '../src/core/session';

function session(query: string): Session {
  const parsed = sessionFromQuery(query);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.state.session;
}

function plainMs(a: Session, b: Session, untilUs: number): number {
  const start = performance.now();
  for (const s of [a, b]) createEngine(s).runUntil({ timeUs: untilUs });
  return performance.now() - start;
}

export function benchCompare(rounds = 3): {
  compareMs: number;
  plainMs: number;
  ratio: number;
  events: number;
} {
  const a = session('scenario=herd&seed=1&p.clients=20');
  const b = session('scenario=herd&seed=1&p.clients=20&t.jitter=0');
  const untilUs = 30_000_000;
  compareRuns(a, b, untilUs); // warm up
  plainMs(a, b, untilUs);
  let compare = 0;
  let plain = 0;
  let events = 0;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    events = compareRuns(a, b, untilUs).a.events;
    compare += performance.now() - start;
    plain += plainMs(a, b, untilUs);
  }
  return { compareMs: compare / rounds, plainMs: plain / rounds, ratio: compare / plain, events };
}
