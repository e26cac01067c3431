/* Calm views: inspectors see every view while paused, and at most one per interval (the latest) while playing. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { EngineView } from '../core/view';
import type { UiState, UiStore } from './store';
import { feedCalmly } from './calm-view';

const viewAt = (timeUs: number) => ({ timeUs }) as unknown as EngineView;

function fakeStore(): UiStore {
  return createStore(
    () => ({ view: viewAt(0), playing: false }) as unknown as UiState,
  ) as unknown as UiStore;
}

describe('feedCalmly', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows every view at once while paused', () => {
    const store = fakeStore();
    const shown: number[] = [];
    feedCalmly(
      store,
      150,
      (v) => shown.push(v?.timeUs ?? -1),
      () => Date.now(),
    );
    store.setState({ view: viewAt(1) });
    store.setState({ view: viewAt(2) });
    expect(shown).toEqual([0, 1, 2]);
  });

  it('while playing shows at most one view per interval, always the latest, and nothing after unsubscribing', () => {
    const store = fakeStore();
    const shown: number[] = [];
    const stop = feedCalmly(
      store,
      150,
      (v) => shown.push(v?.timeUs ?? -1),
      () => Date.now(),
    );
    store.setState({ playing: true });
    for (let t = 1; t <= 20; t++) {
      vi.advanceTimersByTime(16);
      store.setState({ view: viewAt(t) });
    }
    vi.advanceTimersByTime(200);
    // 20 frames over 320 ms: the first view, then one refresh per 150 ms, the last one the latest view.
    expect(shown.length).toBeLessThanOrEqual(4);
    expect(shown.at(-1)).toBe(20);
    stop();
    store.setState({ view: viewAt(21) });
    vi.advanceTimersByTime(500);
    expect(shown.at(-1)).toBe(20);
  });
});
