import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Cursor } from '../../engine/positions';
import { useApp, useAppStore } from './storeContext';

/** How far beyond the lanes view's edges a column still counts as near: about one column, so that a column
 *  scrolling in has its chart and steps drawn before it shows (and no blank body flashes past). */
export const NEAR_MARGIN = '0px 340px';

/**
 * The cursor a lane column shows, and whether the column is away from the lanes view. Ten lanes do not fit a screen:
 * - a column scrolled out of the lanes view keeps the cursor it had when it left and does not render on a step (so that
 *   a step stays within a frame); the observer tells within a frame of scrolling that it is back, and it shows the
 *   store's cursor again;
 * - a column more than about one column beyond the view's edges is `away`: its chart, program and steps are not drawn
 *   (content-visibility) — Chrome repainted every column of the lanes view on every step, seen or not. Its title,
 *   verdict, why sentence and counts stay drawn and readable, and its buttons stay in the tab order; focusing one
 *   scrolls the column in, which brings the rest back.
 * Outside a lanes view, or where IntersectionObserver does not exist (jsdom), a column always follows the store.
 */
export function useShownCursor(ref: RefObject<HTMLElement | null>): { cursor: Cursor; away: boolean } {
  const store = useAppStore();
  const [frozen, setFrozen] = useState<Cursor | null>(null);
  const [away, setAway] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver !== 'function') return;
    const root = el.closest<HTMLElement>('.lanes-view');
    if (!root) return;
    // one observer per question (in the view; near it): each reports only when its own edge is crossed
    const observers = [
      watchInside(el, root, '0px', (inside) => setFrozen(inside ? null : store.getState().cursor)),
      watchInside(el, root, NEAR_MARGIN, (inside) => setAway(!inside)),
    ];
    return () => observers.forEach((io) => io.disconnect());
  }, [ref, store]);
  return { cursor: useApp((s) => frozen ?? s.cursor), away };
}

/** Tells `onChange` whether `el` shows inside the scroller `root` (grown by `rootMargin`), each time that changes. */
function watchInside(el: Element, root: Element, rootMargin: string, onChange: (inside: boolean) => void): IntersectionObserver {
  const io = new IntersectionObserver((entries) => {
    const e = entries[entries.length - 1];
    if (e) onChange(e.isIntersecting);
  }, { root, rootMargin });
  io.observe(el);
  return io;
}

/** How close to its column's view a step list follows the cursor again: a wheel's notch or two before it shows. */
const SEEN_MARGIN = '120px 0px';

/**
 * `value` while the element shows inside its closest `root` (or within SEEN_MARGIN of it) (a scroller: the lane column); the value it had when it
 * left, while it is scrolled out of it. A column's step list sits below the column's fold at most window heights:
 * changing it on every step, unseen, was about a fifth of a step with ten lanes (bench/browser.mjs). It stays whole
 * in the page and the accessibility tree, showing the step it showed last, and catches up as it nears the view
 * (scrolled, or focused: focus scrolls it in). Without IntersectionObserver (jsdom) the value is always followed.
 */
export function useHeldOutOfSight<T>(ref: RefObject<Element | null>, root: string, value: T): T {
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
  });
  const [held, setHeld] = useState<{ value: T } | null>(null);
  useEffect(() => {
    const el = ref.current;
    const box = el?.parentElement?.closest(root);
    if (!el || !box || typeof IntersectionObserver !== 'function') return;
    const io = watchInside(el, box, SEEN_MARGIN, (inside) => setHeld(inside ? null : { value: latest.current }));
    return () => io.disconnect();
  }, [ref, root]);
  return held ? held.value : value;
}
