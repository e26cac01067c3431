/*
 * Points at the step's target: marks the element found by data-testid with
 * `data-lesson-highlight` and draws a pulsing outline over it (a fixed
 * overlay that follows the element each frame, so the panels' own rendering
 * is never touched). The pulse stops under prefers-reduced-motion. Everything
 * is removed when the step is left.
 */
import { cssZoomOf } from '../../css-zoom';
import { useEffect, useRef } from 'react';

export function LessonHighlight({ testId }: { testId: string }) {
  const ring = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let marked: Element | null = null;
    let frame = 0;
    let scrolled = false;
    const tick = () => {
      const el = document.querySelector(`[data-testid="${CSS.escape(testId)}"]`);
      if (el !== marked) {
        marked?.removeAttribute('data-lesson-highlight');
        el?.setAttribute('data-lesson-highlight', 'true');
        marked = el;
      }
      const box = ring.current;
      if (box) {
        const r = el ? visibleRect(el) : undefined;
        if (!r || (r.width === 0 && r.height === 0)) box.style.display = 'none';
        else {
          if (!scrolled && el instanceof HTMLElement) {
            el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            scrolled = true;
          }
          const pad = 4;
          const w = Math.max(r.width, 16) + pad * 2;
          const h = Math.max(r.height, 16) + pad * 2;
          const z = cssZoomOf(box); // the ring is placed in its own px, the target's box is in the screen's
          box.style.display = 'block';
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
      cancelAnimationFrame(frame);
      marked?.removeAttribute('data-lesson-highlight');
    };
  }, [testId]);
  return <div ref={ring} className="lesson-ring" data-testid="lesson-ring" aria-hidden="true" />;
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
