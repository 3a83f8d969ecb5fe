import { useEffect, useState, type RefObject } from 'react';
import type { Cursor } from '../../engine/positions';
import { useApp, useAppStore } from './storeContext';

/**
 * The cursor a lane column shows. Ten lanes do not fit a screen: a column scrolled out of the lanes view keeps the
 * cursor it had when it left and does not render on a step (so that a step stays within a frame); the observer tells
 * within a frame of scrolling that it is back in view, and it shows the store's cursor again. Outside a lanes view,
 * or where IntersectionObserver does not exist (jsdom), a column always follows the store.
 */
export function useShownCursor(ref: RefObject<HTMLElement | null>): Cursor {
  const store = useAppStore();
  const [frozen, setFrozen] = useState<Cursor | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver !== 'function') return;
    const root = el.closest<HTMLElement>('.lanes-view');
    if (!root) return;
    const io = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (last) setFrozen(last.isIntersecting ? null : store.getState().cursor);
      },
      { root },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, store]);
  return useApp((s) => frozen ?? s.cursor);
}
