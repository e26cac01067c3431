/*
 * The end-of-lesson check: three tasks graded by the engine as the learner
 * works — a packet to select, a question about the run, or something to make
 * happen with interventions (done once its facts hold in the page's run).
 * A task once done stays done for this visit; all three mark the lesson
 * passed in the course's progress. Knows nothing of how a step is entered:
 * it grades only once the step's run has arrived.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices, useUi } from '../../app-context';
import { achieved, selectionMatches, type Task } from '../../../lessons';
import { QuestionCard } from './QuestionCard';
import { pageTrace } from './page-trace';
import { progressActions } from './lesson-progress';
import { useLesson } from './lesson-state';

/** `atUs`: the step's moment, where a check's question is graded. */
export function CheckList({
  lessonId,
  tasks,
  atUs,
}: {
  lessonId: string;
  tasks: readonly Task[];
  atUs: number;
}) {
  const [done, setDone] = useState<readonly boolean[]>(() => tasks.map(() => false));
  const mark = useCallback(
    (i: number) => setDone((d) => (d[i] ? d : d.map((x, j) => x || j === i))),
    [],
  );
  const all = done.every(Boolean);
  useEffect(() => {
    if (all) progressActions.passed(lessonId);
  }, [all, lessonId]);
  return (
    <section className="lesson-check" data-testid="lesson-check" aria-label="Check">
      <ol>
        {tasks.map((task, i) => (
          <li
            key={i}
            className={done[i] ? 'is-done' : ''}
            data-testid={`lesson-task-${i + 1}`}
            data-done={done[i] ? 'true' : 'false'}
          >
            <span className="lesson-task-mark" aria-hidden="true">
              {done[i] ? '✓' : '○'}
            </span>
            <TaskBody task={task} index={i} done={done[i] === true} onDone={mark} atUs={atUs} />
          </li>
        ))}
      </ol>
      {all ? (
        <p className="lesson-check-passed" data-testid="lesson-check-passed" role="status">
          ✓ Check passed — well done.
        </p>
      ) : null}
    </section>
  );
}

function TaskBody({
  task,
  index,
  done,
  onDone,
  atUs,
}: {
  task: Task;
  index: number;
  done: boolean;
  onDone: (index: number) => void;
  atUs: number;
}) {
  const finish = useCallback(() => onDone(index), [onDone, index]);
  switch (task.kind) {
    case 'answer':
      return (
        <QuestionCard
          question={task.question}
          revealAtUs={atUs}
          retry
          testId={`lesson-task-${index + 1}-q`}
          onGraded={(correct) => correct && finish()}
        />
      );
    case 'select':
      return <SelectTask task={task} done={done} onDone={finish} />;
    case 'achieve':
      return <AchieveTask task={task} done={done} onDone={finish} />;
  }
}

function SelectTask({
  task,
  done,
  onDone,
}: {
  task: Extract<Task, { kind: 'select' }>;
  done: boolean;
  onDone: () => void;
}) {
  const view = useUi((s) => s.view);
  const selected = useUi((s) => s.selectedPacket);
  // Until the step's own run stands at its moment, the view is still the previous step's.
  const arrived = useLesson((l) => l.arrived);
  const match = arrived && view !== null && selectionMatches(task, view, selected);
  useEffect(() => {
    if (match && !done) onDone();
  }, [match, done, onDone]);
  return <span>{task.prompt}</span>;
}

/** How often a playing run is graded (wall ms): fetching the older trace on every frame would stall a long run. */
const ACHIEVE_GRADE_EVERY_MS = 400;

/** Graded as the run moves: the facts against the page's view and its trace. */
function AchieveTask({
  task,
  done,
  onDone,
}: {
  task: Extract<Task, { kind: 'achieve' }>;
  done: boolean;
  onDone: () => void;
}) {
  const { engine, store } = useServices();
  // What changes the grade: the moment, the run (an intervention) and the trace — not each new view object.
  const timeUs = useUi((s) => s.view?.timeUs ?? null);
  const session = useUi((s) => s.session);
  const traceVersion = useUi((s) => s.traceVersion);
  const arrived = useLesson((l) => l.arrived);
  const lastMs = useRef(-Infinity);
  useEffect(() => {
    // Until the step's own run stands at its moment, the view is still the previous step's.
    if (done || timeUs === null || !arrived) return;
    // A grade still under way when the run moves on still counts: what it saw did happen.
    const grade = () => {
      lastMs.current = performance.now();
      const now = store.getState().view;
      if (!now) return;
      void pageTrace(engine).then((trace) => {
        if (achieved(task, now, trace)) onDone();
      });
    };
    const waitMs = lastMs.current + ACHIEVE_GRADE_EVERY_MS - performance.now();
    const timer = window.setTimeout(grade, Math.max(0, waitMs));
    return () => window.clearTimeout(timer);
  }, [timeUs, session, traceVersion, done, arrived, task, engine, store, onDone]);
  return <span>{task.prompt}</span>;
}
