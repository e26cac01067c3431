/*
 * The course's progress, remembered in the browser (localStorage): for each
 * lesson, the furthest step seen and whether its check was passed. Read and
 * written as plain JSON; anything unreadable counts as no progress (a
 * corrupted or hand-edited entry never breaks the page). Storage may be
 * refused: then progress lasts for this visit only. Knows lesson ids only,
 * not their content.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

const KEY = 'tidepool.lessons.progress.v1';

export interface LessonProgress {
  /** Steps seen, counted from 1 (the furthest one reached). */
  readonly seen: number;
  readonly checked: boolean;
}

type Progress = Readonly<Record<string, LessonProgress>>;

function load(): Progress {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, LessonProgress> = {};
    for (const [id, v] of Object.entries(parsed as Record<string, unknown>)) {
      const p = v as { seen?: unknown; checked?: unknown };
      if (typeof p?.seen === 'number' && Number.isInteger(p.seen) && p.seen >= 0)
        out[id] = { seen: p.seen, checked: p.checked === true };
    }
    return out;
  } catch {
    return {};
  }
}

const progressStore = createStore<Progress>()(() => load());

function save(next: Progress): void {
  progressStore.setState(next, true);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage refused: progress lasts for this visit only.
  }
}

export function useProgress(): Progress {
  return useStore(progressStore);
}

export const progressActions = {
  /** Step `index` (0-based) of the lesson was shown. */
  saw(lessonId: string, index: number): void {
    const now = progressStore.getState()[lessonId] ?? { seen: 0, checked: false };
    if (index + 1 > now.seen)
      save({ ...progressStore.getState(), [lessonId]: { ...now, seen: index + 1 } });
  },
  passed(lessonId: string): void {
    const now = progressStore.getState()[lessonId] ?? { seen: 0, checked: false };
    if (!now.checked) save({ ...progressStore.getState(), [lessonId]: { ...now, checked: true } });
  },
  reset(): void {
    save({});
  },
};
