/*
 * Entering a lesson step: load the step's session a little before its moment
 * and play into it at the page's pace, so the learner watches what leads to
 * the moment the text describes (reduced motion: jump straight there). Once
 * the run stands at the moment, the inspectors show the step's node and
 * packet and the step counts as seen. Keeps the link in step. Knows nothing
 * of the strip's questions or checks; they wait for `arrived`.
 */
import { useEffect } from 'react';
import { useServices } from '../../app-context';
import {
  highlightNode,
  highlightPacket,
  stepAtUs,
  stepFromUs,
  stepSession,
  type Lesson,
} from '../../../lessons';
import { lessonActions, writeLessonParams } from './lesson-state';
import { progressActions } from './lesson-progress';
import { prefersReducedMotion, whenStandingAt } from './page-trace';

/** A lead-in still playing after this long (wall ms: a dense run followed packet by packet) jumps to the moment. */
const LEAD_IN_WALL_MS_MAX = 8000;

export function useEnterStep(lesson: Lesson | undefined, stepIndex: number, entry: number): void {
  const { store, engine } = useServices();
  useEffect(() => {
    const step = lesson?.steps[stepIndex];
    if (!lesson || !step) return;
    const { actions } = store.getState();
    const atUs = stepAtUs(step);
    const fromUs = prefersReducedMotion() ? atUs : stepFromUs(step);
    actions.load(stepSession(step.session), fromUs, true);
    writeLessonParams({ lessonId: lesson.id, step: stepIndex });
    let left = false;
    let cancelWait = () => {};
    let cap = 0;
    // The learner pressing anything (Pause, Play, a seek) takes over from the lead-in: no jump later.
    const release = () => window.clearTimeout(cap);
    const inputs = ['pointerdown', 'keydown'] as const;
    for (const kind of inputs) window.addEventListener(kind, release, { passive: true });
    const arrive = () => {
      window.clearTimeout(cap);
      const node = highlightNode(step.highlight);
      if (node) actions.selectNode(node);
      const view = store.getState().view;
      const packet = view ? highlightPacket(step.highlight, view) : null;
      if (packet) actions.selectPacket(packet);
      lessonActions.arrive();
      progressActions.saw(lesson.id, stepIndex);
    };
    void engine.settled().then(() => {
      if (left) return;
      if (fromUs < atUs) {
        actions.play(atUs);
        cap = window.setTimeout(() => {
          const { playing, view } = store.getState();
          if (!left && playing && (view?.timeUs ?? 0) < atUs) actions.seek(atUs, true);
        }, LEAD_IN_WALL_MS_MAX);
      }
      cancelWait = whenStandingAt(store, atUs, arrive);
    });
    return () => {
      left = true;
      window.clearTimeout(cap);
      for (const kind of inputs) window.removeEventListener(kind, release);
      cancelWait();
    };
  }, [lesson, stepIndex, entry, store, engine]);
}
