/*
 * Predict, then reveal: a question's choices; once one is picked, "Play to
 * see" runs the step on to the reveal moment (or jumps there, if it is far or
 * motion is reduced) and the engine grades the pick — the right choice is the
 * one whose facts hold in the page's own run (lessons/grade.ts), never a
 * stored answer. Also answers a check's question at the run's current moment.
 */
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../app-context';
import { gradeQuestion, type Question } from '../../../lessons';
import { pageTrace, prefersReducedMotion, whenStandingAt } from './page-trace';

/** A reveal further than this ahead (virtual µs) jumps instead of playing: 20 s of stream followed packet by packet would take minutes. */
const PLAY_TO_REVEAL_US_MAX = 3_000_000;

type Verdict = { readonly right: number | null; readonly picked: number };

export function QuestionCard({
  question,
  revealAtUs,
  testId,
  onGraded,
}: {
  question: Question;
  /** Where the answer shows; null: grade the run as it stands now. */
  revealAtUs: number | null;
  testId: string;
  onGraded?: (correct: boolean) => void;
}) {
  const { store, engine } = useServices();
  const [picked, setPicked] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [waiting, setWaiting] = useState(false);
  const cancel = useRef<() => void>(() => {});
  useEffect(() => () => cancel.current(), []);

  const grade = (choice: number) => {
    setWaiting(true);
    void pageTrace(engine).then((trace) => {
      const view = store.getState().view;
      const right = view ? gradeQuestion(question, view, trace) : null;
      setWaiting(false);
      setVerdict({ right, picked: choice });
      onGraded?.(right === choice);
    });
  };

  const reveal = () => {
    if (picked === null) return;
    if (revealAtUs === null) return grade(picked);
    const { actions, view } = store.getState();
    const nowUs = view?.timeUs ?? 0;
    if (nowUs !== revealAtUs) {
      const far = revealAtUs < nowUs || revealAtUs - nowUs > PLAY_TO_REVEAL_US_MAX;
      if (far || prefersReducedMotion()) actions.seek(revealAtUs, true);
      else actions.play(revealAtUs);
    }
    setWaiting(true);
    cancel.current();
    cancel.current = whenStandingAt(store, revealAtUs, () => grade(picked));
  };

  const state = (i: number): string => {
    if (!verdict) return i === picked ? 'picked' : '';
    if (i === verdict.right) return 'right';
    return i === verdict.picked ? 'wrong' : '';
  };
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
            disabled={picked === null || waiting}
            onClick={reveal}
          >
            {waiting ? 'Playing…' : revealAtUs === null ? 'Check' : '▶ Play to see'}
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
          ? 'The run did not settle this one — you changed it. '
          : correct
            ? 'Right. '
            : `Not this time — the run says: ${question.choices[right]?.label ?? ''}. `}
      </strong>
      {right === null ? null : question.explain}
    </p>
  );
}
