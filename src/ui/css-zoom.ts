/*
 * The CSS zoom in effect on an element (projector mode zooms the page by a
 * quarter). Boxes from getBoundingClientRect and pointer positions are in
 * screen px; a position written back into a zoomed element's style is in its
 * own px: divide by this. 1 where the browser has no `currentCSSZoom`.
 */
export function cssZoomOf(el: Element): number {
  const zoom = (el as Element & { currentCSSZoom?: number }).currentCSSZoom;
  return typeof zoom === 'number' && zoom > 0 ? zoom : 1;
}
