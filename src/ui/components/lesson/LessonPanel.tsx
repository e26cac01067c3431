/*
 * The guided-lesson layer over the sandbox: a strip above the workspace with
 * the lesson's title, step n/N, the step's text, its "try it", question or
 * check, back/next and the next lesson, the step list and a way out into the
 * free sandbox at the current state; the lesson picker; and the highlight of
 * the step's target. Entering a step plays into its moment (use-enter-step).
 * Nothing here is shown, or changes the layout, while no lesson is open.
 */
import { useEffect } from 'react';
import { useUi } from '../../app-context';
import {
  LESSONS,
  findLesson,
  highlightLabel,
  highlightTestId,
  revealAtUs,
  stepAtUs,
  stepSession,
  tryItDone,
  type Lesson,
  type Step,
} from '../../../lessons';
import { compareToQuery } from '../../../core/compare/compare-query';
import { lessonActions, lessonFromQuery, useLesson, writeLessonParams } from './lesson-state';
import { LessonHighlight, leaveRoomForStrip, stripRect } from './LessonHighlight';
import { LessonPicker } from './LessonPicker';
import { QuestionCard } from './QuestionCard';
import { CheckList } from './CheckList';
import { useEnterStep } from './use-enter-step';
import './lesson.css';

export function LessonLayer() {
  const lessonId = useLesson((s) => s.lessonId);
  const stepIndex = useLesson((s) => s.step);
  const entry = useLesson((s) => s.entry);
  const pickerOpen = useLesson((s) => s.pickerOpen);
  const lesson = lessonId ? findLesson(lessonId) : undefined;
  const step = lesson?.steps[stepIndex];
  useDeepLink();
  useEnterStep(lesson, stepIndex, entry);
  useLessonClass(lesson !== undefined);

  return (
    <>
      {lesson && step ? (
        <LessonStrip
          lesson={lesson}
          stepIndex={stepIndex}
          step={step}
          entryKey={`${lesson.id}-${stepIndex}-${entry}`}
        />
      ) : null}
      {lesson && step ? (
        <LessonHighlight
          key={`${lesson.id}-${stepIndex}-${entry}`}
          testId={highlightTestId(step.highlight)}
          label={highlightLabel(step.highlight)}
          focusWithin={focusOf(step)}
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

/**
 * While a lesson is open the page dims the panels the step does not point at
 * (lesson.css), and scrolling a target into view leaves room for the strip,
 * which stays stuck to the top of a scrolling page.
 */
function useLessonClass(open: boolean): void {
  useEffect(() => {
    document.body.classList.toggle('lesson-open', open);
    if (!open) return;
    const fit = () => leaveRoomForStrip(stripRect());
    const observer = new ResizeObserver(fit);
    const strip = document.querySelector('[data-testid="lesson-panel"]');
    if (strip) observer.observe(strip);
    fit();
    return () => {
      observer.disconnect();
      leaveRoomForStrip(undefined);
      document.body.classList.remove('lesson-open');
    };
  }, [open]);
}

/** `entryKey` changes with each entry into a step: its question and check start afresh. */
function LessonStrip({
  lesson,
  stepIndex,
  step,
  entryKey,
}: {
  lesson: Lesson;
  stepIndex: number;
  step: Step;
  entryKey: string;
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
          <span className="lesson-kicker">
            Lesson {LESSONS.indexOf(lesson) + 1}/{LESSONS.length}
          </span>
          <h2 className="lesson-title">{lesson.title}</h2>
          <span className="lesson-count mono" data-testid="lesson-step-count">
            step {stepIndex + 1}/{lesson.steps.length}
          </span>
          <Arrival />
        </div>
        <div className="lesson-body">
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
          {step.question ? (
            <QuestionCard
              key={entryKey}
              question={step.question}
              revealAtUs={revealAtUs(step, step.question)}
              testId="lesson-question"
            />
          ) : null}
          {step.check ? (
            <CheckList
              key={entryKey}
              lessonId={lesson.id}
              tasks={step.check}
              atUs={stepAtUs(step)}
            />
          ) : null}
        </div>
        <div className="lesson-nav">
          <button
            type="button"
            data-testid="lesson-back"
            disabled={stepIndex === 0}
            onClick={() => lessonActions.goTo(stepIndex - 1)}
          >
            ← Back
          </button>
          {stepIndex < last ? (
            <button
              type="button"
              data-testid="lesson-next"
              className="primary"
              onClick={() => lessonActions.goTo(stepIndex + 1)}
            >
              Next →
            </button>
          ) : (
            <NextLesson lesson={lesson} />
          )}
          {step.compareWith ? <CompareLink step={step} other={step.compareWith} /> : null}
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

/** While the lead-in plays: a way to skip it; once there, a way to watch it again. */
function Arrival() {
  const arrived = useLesson((s) => s.arrived);
  const seek = useUi((s) => s.actions.seek);
  const lessonId = useLesson((s) => s.lessonId);
  const stepIndex = useLesson((s) => s.step);
  const step = lessonId ? findLesson(lessonId)?.steps[stepIndex] : undefined;
  if (!step) return null;
  return arrived ? (
    <button
      type="button"
      className="lesson-mini"
      data-testid="lesson-replay"
      onClick={lessonActions.replay}
    >
      ↺ Replay
    </button>
  ) : (
    <span className="lesson-arriving" data-testid="lesson-arriving">
      playing into this moment…{' '}
      <button type="button" className="lesson-mini" onClick={() => seek(step.atMs * 1000, true)}>
        Skip
      </button>
    </span>
  );
}

function NextLesson({ lesson }: { lesson: Lesson }) {
  const next = LESSONS[LESSONS.indexOf(lesson) + 1];
  if (!next)
    return (
      <button
        type="button"
        data-testid="lesson-next"
        className="primary"
        onClick={lessonActions.openPicker}
      >
        All lessons
      </button>
    );
  return (
    <button
      type="button"
      data-testid="lesson-next-lesson"
      className="primary"
      onClick={() => lessonActions.start(next.id, 0)}
    >
      Next lesson: {next.title} →
    </button>
  );
}

/** Opens the compare view on the step's run against another (the browser's Back returns to the step). */
function CompareLink({ step, other }: { step: Step; other: NonNullable<Step['compareWith']> }) {
  const query = compareToQuery(stepSession(step.session), stepSession(other), step.atMs * 1000);
  return (
    <a className="lesson-compare" data-testid="lesson-compare" href={`?${query}`}>
      Open side by side ↗
    </a>
  );
}

/** The part of the target the step is about: a packet's bytes (the flipped one), a peer's queue. */
function focusOf(step: Step): string | undefined {
  const h = step.highlight;
  if (h.kind === 'peer') return h.part === 'queue' ? '.insp-queue' : undefined;
  if (h.kind !== 'packet') return undefined;
  return h.status === 'corrupted' ? '.insp-hex-byte.is-flipped' : '.insp-hex';
}
