/*
 * Points at the step's target: marks the element found by data-testid with
 * `data-lesson-highlight` and draws a pulsing outline over it (a fixed
 * overlay that follows the element each frame, so the panels' own rendering
 * is never touched) with a tag saying what to look at. The element is
 * scrolled into view (its panel, then the page) while the step settles in —
 * the strip above may still grow with a question — and then left to the
 * learner's own scrolling. The pulse stops under prefers-reduced-motion.
 * Everything is removed when the step is left.
 */
import { cssZoomOf } from '../../css-zoom';
import { useEffect, useRef } from 'react';

export function LessonHighlight({
  testId,
  label,
  focusWithin,
}: {
  testId: string;
  label: string;
  /** A part of the target the step is about (the packet's bytes), brought into view inside it once. */
  focusWithin?: string;
}) {
  const ring = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let marked: Element | null = null;
    let focused = false;
    let frame = 0;
    let settleUntilMs = performance.now() + SETTLE_MS;
    // The learner's own scrolling or clicking wins: from then on the page is theirs.
    const release = () => (settleUntilMs = 0);
    const inputs = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
    for (const kind of inputs) window.addEventListener(kind, release, { passive: true });
    const tick = () => {
      const el = document.querySelector(`[data-testid="${CSS.escape(testId)}"]`);
      if (el !== marked) {
        marked?.removeAttribute('data-lesson-highlight');
        el?.setAttribute('data-lesson-highlight', 'true');
        marked = el;
      }
      const part = focusWithin && !focused ? el?.querySelector(focusWithin) : null;
      if (part) {
        part.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        focused = true;
      }
      const box = ring.current;
      if (box) {
        const r = el ? visibleRect(el) : undefined;
        if (!r || (r.width === 0 && r.height === 0)) box.style.display = 'none';
        else {
          const strip = stripRect(); // once a frame: three questions below ask where it is
          if (
            el &&
            performance.now() < settleUntilMs &&
            (hiddenUnder(strip, r) || cutByPanel(el, r))
          ) {
            leaveRoomForStrip(strip);
            el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
          }
          const pad = 4;
          const w = Math.max(r.width, 16) + pad * 2;
          const h = Math.max(r.height, 16) + pad * 2;
          const z = cssZoomOf(box); // the ring is placed in its own px, the target's box is in the screen's
          box.style.display = 'block';
          box.dataset.labelAt = labelPlace(strip, r); // above, unless that covers the toolbar or leaves the window
          box.style.left = `${(r.left + r.width / 2 - w / 2) / z}px`;
          box.style.top = `${(r.top + r.height / 2 - h / 2) / z}px`;
          box.style.width = `${w / z}px`;
          box.style.height = `${h / z}px`;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      for (const kind of inputs) window.removeEventListener(kind, release);
      cancelAnimationFrame(frame);
      marked?.removeAttribute('data-lesson-highlight');
    };
  }, [testId, focusWithin]);
  return (
    <div ref={ring} className="lesson-ring" data-testid="lesson-ring" aria-hidden="true">
      <span className="lesson-ring-label" data-testid="lesson-ring-label">
        {label}
      </span>
    </div>
  );
}

/** Where the ring's tag goes: above the ring, below it for a target in the toolbar (whose buttons it would cover), inside at the window's top. */
function labelPlace(strip: DOMRect | undefined, r: DOMRect): 'above' | 'below' | 'inside' {
  if (strip !== undefined && r.bottom <= strip.top) return 'below';
  return r.top < 24 ? 'inside' : 'above';
}

/** How long after a step opens its target is kept in view (wall ms). */
const SETTLE_MS = 1500;

/** The lesson strip's box, if it is shown. */
export function stripRect(): DOMRect | undefined {
  return document.querySelector('[data-testid="lesson-panel"]')?.getBoundingClientRect();
}

/** Off the window, or under the lesson strip (sticky at the top of a scrolling page). */
function hiddenUnder(strip: DOMRect | undefined, r: DOMRect): boolean {
  const underStrip = strip !== undefined && r.top < strip.bottom && r.bottom > strip.top;
  return (
    underStrip ||
    r.top < 0 ||
    r.bottom > window.innerHeight ||
    r.left < 0 ||
    r.right > window.innerWidth
  );
}

/** Its panel shows only a sliver of it (a peer card below a long call list): the panel should scroll. */
function cutByPanel(el: Element, shown: DOMRect): boolean {
  const full = el.getBoundingClientRect();
  const panel = el.parentElement?.closest('.panel')?.getBoundingClientRect();
  if (!panel) return false;
  return shown.height + 1 < Math.min(full.height, panel.height * 0.6);
}

/** Scrolling into view stops short of the strip as it is now (it may have just grown with a question). */
export function leaveRoomForStrip(strip: DOMRect | undefined): void {
  document.documentElement.style.scrollPaddingTop = strip ? `${strip.height + 12}px` : '';
}

/** The element's box, clipped to its panel (a tall peer card scrolls inside it). */
function visibleRect(el: Element): DOMRect {
  const r = el.getBoundingClientRect();
  const panel = el.parentElement?.closest('.panel');
  if (!panel) return r;
  const p = panel.getBoundingClientRect();
  const left = Math.max(r.left, p.left);
  const top = Math.max(r.top, p.top);
  const right = Math.min(r.right, p.right);
  const bottom = Math.min(r.bottom, p.bottom);
  return new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
}
