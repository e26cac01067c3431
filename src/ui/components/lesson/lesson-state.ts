/*
 * Which lesson is open and at which step, plus whether the picker is shown.
 * A tiny store of its own: the lesson layer sits on top of the sandbox and the
 * sandbox's store knows nothing about it. Also reads and writes the `lesson`
 * and `step` link parameters (step is 1-based in links, 0-based here).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { findLesson } from '../../../lessons';

export interface LessonState {
  lessonId: string | null;
  step: number;
  pickerOpen: boolean;
  /** Bumped by "Replay": the step enters again (its lead-in plays once more). */
  entry: number;
  /** The step's run stands at its moment (the lead-in is over): its text is true on screen. */
  arrived: boolean;
}

export const lessonStore = createStore<LessonState>()(() => ({
  lessonId: null,
  step: 0,
  pickerOpen: false,
  entry: 0,
  arrived: false,
}));

export function useLesson<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonStore, selector);
}

export const lessonActions = {
  openPicker: () => lessonStore.setState({ pickerOpen: true }),
  closePicker: () => lessonStore.setState({ pickerOpen: false }),
  start: (lessonId: string, step = 0) =>
    lessonStore.setState({ lessonId, step, pickerOpen: false, arrived: false }),
  goTo: (step: number) => lessonStore.setState({ step, arrived: false }),
  replay: () => lessonStore.setState((s) => ({ entry: s.entry + 1, arrived: false })),
  arrive: () => lessonStore.setState({ arrived: true }),
  exit: () => lessonStore.setState({ lessonId: null, step: 0, arrived: false }),
};

/** `?lesson=backoff&step=3` → the lesson and 0-based step, if both are valid. */
export function lessonFromQuery(search: string): { lessonId: string; step: number } | null {
  const q = new URLSearchParams(search);
  const lesson = findLesson(q.get('lesson') ?? '');
  if (!lesson) return null;
  const n = Number(q.get('step') ?? '1');
  const step = Number.isInteger(n) && n >= 1 && n <= lesson.steps.length ? n - 1 : 0;
  return { lessonId: lesson.id, step };
}

/** Rewrites the address bar's lesson parameters, keeping everything else exactly as written. */
export function writeLessonParams(lesson: { lessonId: string; step: number } | null): void {
  const parts = window.location.search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '' && !/^(lesson|step)(=|$)/.test(p));
  if (lesson)
    parts.push(`lesson=${encodeURIComponent(lesson.lessonId)}`, `step=${lesson.step + 1}`);
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${parts.length > 0 ? `?${parts.join('&')}` : ''}`,
  );
}
