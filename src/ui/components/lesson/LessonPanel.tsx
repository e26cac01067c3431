/*
 * The guided-lesson layer over the sandbox: a strip above the workspace with
 * the lesson's title, step n/N, the step's text, back/next, the step list,
 * the "try it" status and a way out into the free sandbox at the current
 * state; the lesson picker; and the highlight of the step's target. Entering
 * a step loads its session at its moment (paused). Nothing here is shown, or
 * changes the layout, while no lesson is open.
 */
import { useEffect, useRef } from 'react';
import { useServices, useUi } from '../../app-context';
import {
  LESSONS,
  findLesson,
  highlightNode,
  highlightPacket,
  highlightTestId,
  stepAtUs,
  stepSession,
  tryItDone,
  type Lesson,
  type Step,
} from '../../../lessons';
import { lessonActions, lessonFromQuery, useLesson, writeLessonParams } from './lesson-state';
import { LessonHighlight } from './LessonHighlight';
import './lesson.css';

export function LessonLayer() {
  const lessonId = useLesson((s) => s.lessonId);
  const stepIndex = useLesson((s) => s.step);
  const pickerOpen = useLesson((s) => s.pickerOpen);
  const lesson = lessonId ? findLesson(lessonId) : undefined;
  const step = lesson?.steps[stepIndex];
  useDeepLink();
  useEnterStep(lesson, stepIndex);

  return (
    <>
      {lesson && step ? <LessonStrip lesson={lesson} stepIndex={stepIndex} step={step} /> : null}
      {lesson && step ? (
        <LessonHighlight
          key={`${lesson.id}-${stepIndex}`}
          testId={highlightTestId(step.highlight)}
        />
      ) : null}
      {pickerOpen ? <LessonPicker /> : null}
    </>
  );
}

/** `?lesson=…&step=…` on load opens that step once the playground has booted (after its own load of the link). */
function useDeepLink(): void {
  useEffect(() => {
    const linked = lessonFromQuery(window.location.search);
    if (!linked) return;
    const timer = window.setTimeout(() => lessonActions.start(linked.lessonId, linked.step), 0);
    return () => window.clearTimeout(timer);
  }, []);
}

/** Loads the step's session at its moment, shows the right node and packet, and keeps the link in step. */
function useEnterStep(lesson: Lesson | undefined, stepIndex: number): void {
  const { store, engine } = useServices();
  useEffect(() => {
    const step = lesson?.steps[stepIndex];
    if (!lesson || !step) return;
    const { actions } = store.getState();
    actions.load(stepSession(step.session), stepAtUs(step));
    writeLessonParams({ lessonId: lesson.id, step: stepIndex });
    let left = false;
    // The highlighted packet exists once the engine has reached the step's moment.
    void engine.settled().then(() => {
      if (left) return;
      const node = highlightNode(step.highlight);
      if (node) actions.selectNode(node);
      const view = store.getState().view;
      const packet = view ? highlightPacket(step.highlight, view) : null;
      if (packet) actions.selectPacket(packet);
    });
    return () => {
      left = true;
    };
  }, [lesson, stepIndex, store, engine]);
}

function LessonStrip({
  lesson,
  stepIndex,
  step,
}: {
  lesson: Lesson;
  stepIndex: number;
  step: Step;
}) {
  const session = useUi((s) => s.session);
  const done = session ? tryItDone(step, session.script) : false;
  const last = lesson.steps.length - 1;
  const exit = () => {
    lessonActions.exit();
    writeLessonParams(null);
  };
  return (
    <section
      className="lesson-strip"
      data-testid="lesson-panel"
      aria-label={`Lesson: ${lesson.title}`}
    >
      <div className="lesson-main">
        <div className="lesson-head">
          <span className="lesson-kicker">Lesson</span>
          <h2 className="lesson-title">{lesson.title}</h2>
          <span className="lesson-count mono" data-testid="lesson-step-count">
            step {stepIndex + 1}/{lesson.steps.length}
          </span>
        </div>
        <h3 className="lesson-step-title" data-testid="lesson-step-title">
          {step.title}
        </h3>
        <p className="lesson-text" data-testid="lesson-text">
          {step.text}
        </p>
        {step.tryIt ? (
          <p
            className={`lesson-try ${done ? 'lesson-try-done' : ''}`}
            data-testid="lesson-try-it"
            data-done={done ? 'true' : 'false'}
            role="status"
          >
            <span className="lesson-try-mark" aria-hidden="true">
              {done ? '✓' : '☞'}
            </span>
            <span>
              <strong>Try it:</strong> {step.tryIt.prompt}
              {done ? ' — done!' : ''}
            </span>
          </p>
        ) : null}
        <div className="lesson-nav">
          <button
            type="button"
            data-testid="lesson-back"
            disabled={stepIndex === 0}
            onClick={() => lessonActions.goTo(stepIndex - 1)}
          >
            ← Back
          </button>
          <button
            type="button"
            data-testid="lesson-next"
            className="primary"
            disabled={stepIndex === last}
            onClick={() => lessonActions.goTo(stepIndex + 1)}
          >
            Next →
          </button>
          <span className="lesson-spacer" />
          <button
            type="button"
            data-testid="lesson-exit"
            onClick={exit}
            title="Leave the lesson and keep playing from exactly here"
          >
            Continue in the sandbox
          </button>
        </div>
      </div>
      <ol className="lesson-steps" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <li key={s.title}>
            <button
              type="button"
              data-testid={`lesson-step-${i + 1}`}
              aria-current={i === stepIndex ? 'step' : undefined}
              onClick={() => lessonActions.goTo(i)}
            >
              <span className="lesson-step-n mono">{i + 1}</span> {s.title}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function LessonPicker() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && lessonActions.closePicker();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="lesson-backdrop" onClick={lessonActions.closePicker}>
      <div
        ref={ref}
        className="lesson-picker"
        role="dialog"
        aria-modal="true"
        aria-label="Lessons"
        data-testid="lesson-picker"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="lesson-picker-head">
          <h2>Lessons</h2>
          <button type="button" onClick={lessonActions.closePicker} aria-label="Close">
            ✕
          </button>
        </div>
        <p className="lesson-picker-note">
          Short guided tours of the transport. Each step opens a real run at the right moment; you
          can leave for the sandbox at any point.
        </p>
        <ul>
          {LESSONS.map((l) => (
            <li key={l.id}>
              <button
                type="button"
                data-testid={`lesson-open-${l.id}`}
                onClick={() => lessonActions.start(l.id, 0)}
              >
                <span className="lesson-picker-title">{l.title}</span>
                <span className="lesson-picker-summary">{l.summary}</span>
                <span className="lesson-picker-steps mono">{l.steps.length} steps</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
