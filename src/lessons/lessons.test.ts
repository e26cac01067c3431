/*
 * Every step of every lesson, headless: build the engine from the step's
 * session, run to its moment, and check that what the text states is true and
 * that the highlighted thing exists. Every question has exactly one right
 * choice in its run, and another one when its session is changed (the engine
 * grades, not the lesson data); every check is three tasks that can be done
 * and are not done already.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../core/engine';
import { parseScript } from '../core/intervention';
import {
  LESSONS,
  checkFacts,
  findLesson,
  gradeQuestion,
  highlightExists,
  revealAtUs,
  stepAtUs,
  stepFromUs,
  stepSession,
  tryItDone,
  withScript,
  type TraceLike,
} from './index';
import type { LessonSession, Question, Step } from './lesson';
import { achieved } from './grade';
import { packetMatches } from './targets';

function runTo(session: LessonSession, atUs: number): Engine {
  const engine = createEngine(stepSession(session), { viewer: true });
  engine.runUntil({ timeUs: atUs });
  return engine;
}

function traceOf(engine: Engine): TraceLike[] {
  const trace = engine.traceSince(0);
  expect(trace.evicted).toBe(0);
  return trace.events as unknown as TraceLike[];
}

function grade(step: Step, question: Question, session = step.session): number | null {
  const engine = runTo(session, revealAtUs(step, question));
  return gradeQuestion(question, engine.view(), traceOf(engine));
}

describe('lessons', () => {
  it('has at least eleven lessons with unique ids, each with a question and a check of three tasks', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(11);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      expect(
        lesson.steps.some((s) => s.question),
        `${lesson.id} asks a question`,
      ).toBe(true);
      const last = lesson.steps[lesson.steps.length - 1];
      expect(last?.check?.length, `${lesson.id} ends with a check`).toBe(3);
    }
  });

  for (const lesson of LESSONS) {
    describe(lesson.id, () => {
      lesson.steps.forEach((step, i) => {
        it(`step ${i + 1}: ${step.title}`, () => {
          const engine = runTo(step.session, stepAtUs(step));
          const view = engine.view();
          expect(view.timeUs).toBe(stepAtUs(step));
          const result = checkFacts(view, step.facts, traceOf(engine));
          expect(result.failures).toEqual([]);
          expect(highlightExists(step.highlight, view)).toBe(true);
          expect(step.text.length).toBeLessThan(480);
          expect(stepFromUs(step)).toBeLessThanOrEqual(stepAtUs(step));
        });

        const questions = [
          ...(step.question ? [step.question] : []),
          ...(step.check ?? []).flatMap((t) => (t.kind === 'answer' ? [t.question] : [])),
        ];
        for (const q of questions)
          it(`step ${i + 1} asks "${q.prompt.slice(0, 50)}…": one choice holds`, () => {
            expect(q.choices.length).toBeGreaterThanOrEqual(2);
            expect(q.choices.length).toBeLessThanOrEqual(4);
            expect(revealAtUs(step, q)).toBeGreaterThanOrEqual(stepAtUs(step));
            expect(grade(step, q)).not.toBeNull();
          });

        if (step.question?.whatIf) {
          const q = step.question;
          it(`step ${i + 1}: another run grades another answer`, () => {
            const here = grade(step, q);
            const there = grade(step, q, { ...step.session, ...q.whatIf });
            expect(there).not.toBeNull();
            expect(there).not.toBe(here);
          });
        }

        for (const task of step.check ?? []) {
          if (task.kind === 'select')
            it(`step ${i + 1}: "${task.prompt.slice(0, 40)}…" has a packet to select`, () => {
              const view = runTo(step.session, stepAtUs(step)).view();
              const match = view.packets.filter((p) => packetMatches(p, task));
              expect(match.length).toBeGreaterThan(0);
              expect(match.length).toBeLessThan(view.packets.length);
            });
          if (task.kind === 'achieve')
            it(`step ${i + 1}: "${task.prompt.slice(0, 40)}…" is not done yet, and its solution does it`, () => {
              const before = runTo(step.session, task.byMs * 1000);
              expect(achieved(task, before.view(), traceOf(before))).toBe(false);
              const after = runTo(withScript(step.session, task.solution), task.byMs * 1000);
              const result = checkFacts(after.view(), task.facts, traceOf(after));
              expect(result.failures).toEqual([]);
            });
        }
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
    // A branch (reseed, a bigint seed) in the learner's session is fine to compare.
    const reseed = parseScript('900ms_reseed_5');
    if ('error' in reseed) throw new Error(reseed.error);
    expect(tryItDone(step, [...base, ...reseed])).toBe(false);
    expect(tryItDone(step, [...base, ...reseed, ...cut])).toBe(true);
  });

  it('the frames try-it, done as the prompt says, is a checksum failure of the next reply', () => {
    const step = findLesson('frames')!.steps.find((s) => s.tryIt)!;
    expect(step.tryIt!.prompt).toContain('corrupt n1 n2 byte 40');
    const engine = runTo(
      withScript(step.session, `${step.atMs}ms_corrupt_n1_n2_byte_40`),
      stepAtUs(step) + 100_000,
    );
    const trace = traceOf(engine);
    expect(trace.filter((e) => e.kind === 'checksum_failed' && e.node === 'n2')).toHaveLength(1);
    expect(trace.filter((e) => e.kind === 'wire_error')).toHaveLength(0);
    expect(engine.view().packets.some((p) => p.kind === 'reply' && p.status === 'corrupted')).toBe(
      true,
    );
  });
});
