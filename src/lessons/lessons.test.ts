/*
 * Every step of every lesson, headless: build the engine from the step's
 * session, run to its moment, and check that what the text states is true and
 * that the highlighted thing exists.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine';
import { parseScript } from '../core/intervention';
import {
  LESSONS,
  checkFacts,
  findLesson,
  highlightExists,
  stepAtUs,
  stepSession,
  tryItDone,
  type TraceLike,
} from './index';

describe('lessons', () => {
  it('has at least six lessons with unique ids and steps', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const id of [
      'frames',
      'backoff',
      'queueing',
      'half-open',
      'corruption',
      'maybe-delivered',
    ])
      expect(findLesson(id)).toBeDefined();
  });

  for (const lesson of LESSONS) {
    describe(lesson.id, () => {
      lesson.steps.forEach((step, i) => {
        it(`step ${i + 1}: ${step.title}`, () => {
          const engine = createEngine(stepSession(step.session), { viewer: true });
          engine.runUntil({ timeUs: stepAtUs(step) });
          const view = engine.view();
          expect(view.timeUs).toBe(stepAtUs(step));
          const trace = engine.traceSince(0);
          expect(trace.evicted).toBe(0);
          const result = checkFacts(view, step.facts, trace.events as unknown as TraceLike[]);
          expect(result.failures).toEqual([]);
          expect(highlightExists(step.highlight, view)).toBe(true);
          expect(step.text.length).toBeLessThan(480);
        });
      });
    });
  }

  it('notices a try-it only when the learner adds a matching action', () => {
    const step = findLesson('half-open')!.steps[0]!;
    const base = stepSession(step.session).script;
    expect(tryItDone(step, base)).toBe(false);
    const cut = parseScript('950ms_partition_n2_n1');
    if ('error' in cut) throw new Error(cut.error);
    expect(tryItDone(step, [...base, ...cut])).toBe(true);
    const kill = parseScript('950ms_kill_n1');
    if ('error' in kill) throw new Error(kill.error);
    expect(tryItDone(step, [...base, ...kill])).toBe(false);
  });
});
