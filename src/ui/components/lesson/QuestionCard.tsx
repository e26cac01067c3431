/*
 * Predict, then reveal: a question's choices; once one is picked, "Play to
 * see" runs the step on to the reveal moment (or jumps there, if it is far or
 * motion is reduced) and the engine grades the pick — the right choice is the
 * one whose facts hold in the page's own run at that moment
 * (lessons/grade.ts), never a stored answer. A check's question is graded at
 * its step's moment the same way, and may be tried again. Knows nothing of
 * steps or lessons beyond the question it is given.
 */
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../app-context';
import { gradeQuestion, type Question } from '../../../lessons';
import { pageTrace, prefersReducedMotion, whenStandingAt } from './page-trace';
import { useLesson } from './lesson-state';

/** A reveal further than this ahead (virtual µs) jumps instead of playing: 20 s of stream followed packet by packet would take minutes. */
const PLAY_TO_REVEAL_US_MAX = 3_000_000;

type Verdict = { readonly right: number | null; readonly picked: number };

export function QuestionCard({
  question,
  revealAtUs,
  testId,
  retry = false,
  onGraded,
}: {
  question: Question;
  /** Where the answer shows (virtual µs): the run plays (or jumps) there, then the pick is graded. */
  revealAtUs: number;
  testId: string;
  /** A wrong answer may be tried again (a check's question; a prediction is shown once). */
  retry?: boolean;
  onGraded?: (correct: boolean) => void;
}) {
  const { store, engine } = useServices();
  const [picked, setPicked] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [waiting, setWaiting] = useState(false);
  // Until the step's own run stands at its moment, the view is the previous step's and a play would race the lead-in.
  const arrived = useLesson((l) => l.arrived);
  const cancel = useRef<() => void>(() => {});
  useEffect(() => () => cancel.current(), []);

  const grade = (choice: number) => {
    const view = store.getState().view; // the moment graded is this one, whatever plays while the trace comes
    void pageTrace(engine).then((trace) => {
      const right = view ? gradeQuestion(question, view, trace) : null;
      setWaiting(false);
      setVerdict({ right, picked: choice });
      onGraded?.(right === choice);
    });
  };

  const reveal = () => {
    if (picked === null) return;
    const { actions, view } = store.getState();
    const nowUs = view?.timeUs ?? 0;
    if (nowUs !== revealAtUs) {
      const far = revealAtUs < nowUs || revealAtUs - nowUs > PLAY_TO_REVEAL_US_MAX;
      if (far || prefersReducedMotion()) actions.seek(revealAtUs, true);
      else actions.play(revealAtUs);
    }
    setWaiting(true);
    cancel.current();
    let stopElsewhere = () => {};
    let arrivedThere = false;
    const stopWaiting = whenStandingAt(store, revealAtUs, () => {
      arrivedThere = true;
      stopElsewhere();
      grade(picked);
    });
    if (arrivedThere) return; // already standing there: graded at once
    // The learner paused, stepped or sought somewhere else on the way: the question waits for another try.
    stopElsewhere = store.subscribe(() => {
      const s = store.getState();
      if (s.playing || s.pending || s.seekProgress !== null || s.view?.timeUs === revealAtUs)
        return;
      stopWaiting();
      stopElsewhere();
      setWaiting(false);
    });
    cancel.current = () => {
      stopWaiting();
      stopElsewhere();
    };
  };

  const again = () => {
    setVerdict(null);
    setPicked(null);
  };

  const state = (i: number): string => {
    if (!verdict) return i === picked ? 'picked' : '';
    if (i === verdict.right) return 'right';
    return i === verdict.picked ? 'wrong' : '';
  };
  const correct = verdict !== null && verdict.right === verdict.picked;
  return (
    <div className="lesson-question" data-testid={testId} role="group" aria-label={question.prompt}>
      <p className="lesson-question-prompt">
        <span className="lesson-question-mark" aria-hidden="true">
          ?
        </span>{' '}
        {question.prompt}
      </p>
      <div className="lesson-choices">
        {question.choices.map((c, i) => (
          <button
            key={c.label}
            type="button"
            className={`lesson-choice ${state(i)}`}
            data-testid={`${testId}-choice-${i + 1}`}
            aria-pressed={picked === i}
            disabled={verdict !== null || waiting}
            onClick={() => setPicked(i)}
          >
            {state(i) === 'right' ? '✓ ' : state(i) === 'wrong' ? '✗ ' : ''}
            {c.label}
          </button>
        ))}
        {verdict === null ? (
          <button
            type="button"
            className="primary"
            data-testid={`${testId}-reveal`}
            disabled={picked === null || waiting || !arrived}
            onClick={reveal}
          >
            {waiting ? 'Playing…' : retry ? 'Check' : '▶ Play to see'}
          </button>
        ) : null}
        {verdict !== null && retry && !correct ? (
          <button type="button" data-testid={`${testId}-again`} onClick={again}>
            Try again
          </button>
        ) : null}
      </div>
      {verdict ? <VerdictLine verdict={verdict} question={question} testId={testId} /> : null}
    </div>
  );
}

function VerdictLine({
  verdict,
  question,
  testId,
}: {
  verdict: Verdict;
  question: Question;
  testId: string;
}) {
  const right = verdict.right;
  const correct = right === verdict.picked;
  return (
    <p
      className={`lesson-verdict ${correct ? 'is-right' : 'is-wrong'}`}
      data-testid={`${testId}-verdict`}
      data-correct={correct ? 'true' : 'false'}
      data-right={right === null ? '' : String(right + 1)}
      role="status"
    >
      <strong>
        {right === null
          ? 'Your changes took this run somewhere none of the choices describes. '
          : correct
            ? 'Right. '
            : `Not this time — the run says: ${question.choices[right]?.label ?? ''}. `}
      </strong>
      {right === null ? 'Replay the step to see the run the question is about.' : question.explain}
    </p>
  );
}
