/*
 * The course: every lesson in teaching order with its summary, step count and
 * the learner's progress (steps seen, check passed), remembered in the
 * browser. A dialog: Escape or the backdrop closes it. Knows nothing of the
 * run: opening a lesson only tells the lesson state.
 */
import { useEffect, useRef } from 'react';
import { LESSONS } from '../../../lessons';
import { lessonActions } from './lesson-state';
import { progressActions, useProgress } from './lesson-progress';

export function LessonPicker() {
  const ref = useRef<HTMLDivElement>(null);
  const progress = useProgress();
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && lessonActions.closePicker();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const passed = LESSONS.filter((l) => progress[l.id]?.checked).length;
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
          <span className="lesson-picker-progress mono" data-testid="lesson-course-progress">
            {passed}/{LESSONS.length} checks passed
          </span>
          <button type="button" onClick={lessonActions.closePicker} aria-label="Close">
            ✕
          </button>
        </div>
        <p className="lesson-picker-note">
          A course in {LESSONS.length} lessons. Each step opens a real run and plays into the moment
          it describes; questions are graded by the run itself. Leave for the sandbox at any point.
        </p>
        <ol>
          {LESSONS.map((l, i) => {
            const p = progress[l.id];
            const status = p?.checked ? '✓ passed' : p ? `${p.seen}/${l.steps.length} seen` : '';
            return (
              <li key={l.id}>
                <button
                  type="button"
                  data-testid={`lesson-open-${l.id}`}
                  onClick={() => lessonActions.start(l.id, 0)}
                >
                  <span className="lesson-picker-n mono">{i + 1}</span>
                  <span className="lesson-picker-title">{l.title}</span>
                  <span className="lesson-picker-steps mono">
                    {l.steps.length} steps
                    {status ? (
                      <span className={p?.checked ? 'lesson-picker-passed' : ''}> · {status}</span>
                    ) : null}
                  </span>
                  <span className="lesson-picker-summary">{l.summary}</span>
                </button>
              </li>
            );
          })}
        </ol>
        {passed > 0 || Object.keys(progress).length > 0 ? (
          <button type="button" className="lesson-picker-reset" onClick={progressActions.reset}>
            Forget my progress
          </button>
        ) : null}
      </div>
    </div>
  );
}
