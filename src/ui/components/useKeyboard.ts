import { useEffect } from 'react';
import type { AppStore } from '../../state/store';

/** Inputs that take no text: a key pressed on them is a shortcut (a range keeps its arrows, Home and End). */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * Where the keys are the field's own: a text field, a select, an editor (Monaco, contenteditable) and the step list
 * (↑/↓ move between its steps). Checkboxes (the lane chips), radios and buttons are not: shortcuts work there.
 */
const ownsKeys = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable ||
    t.tagName === 'TEXTAREA' ||
    t.tagName === 'SELECT' ||
    (t instanceof HTMLInputElement && !NOT_TEXT.has(t.type)) ||
    t.closest('.monaco-editor') !== null ||
    t.closest('.step-list') !== null ||
    t.closest('.practice__question') !== null);

/** Keys a control acts on itself: Space presses a button or ticks a checkbox, a range moves with its arrows. */
function nativeKey(t: EventTarget | null, key: string): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t instanceof HTMLInputElement && t.type === 'range') return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
  if (key !== ' ') return false;
  return t instanceof HTMLButtonElement || t instanceof HTMLAnchorElement || t.tagName === 'SUMMARY' || (t instanceof HTMLInputElement && NOT_TEXT.has(t.type));
}

/** Space, ←/→, Home/End, X (the Explore view), Esc (leaves presenter mode) and ? anywhere on the page except where the keys are a field's own. */
export function useKeyboard(store: AppStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = store.getState();
      if (s.pendingReplace || s.editorOpen || s.introOpen || s.practiceFrameworkOpen) return;
      const t = e.target;
      if (ownsKeys(t) || nativeKey(t, e.key)) return;
      if (e.key === '?') {
        s.setHelpOpen(!s.helpOpen);
      } else if (e.key === 'Escape' && s.helpOpen) {
        s.setHelpOpen(false);
      } else if (s.helpOpen) {
        return;
      } else if (e.key === 'Escape' && s.presenter) {
        s.setPresenter(false);
      } else if ((e.key === 'x' || e.key === 'X') && s.doc && !s.embed) {
        if (s.exploreOpen) s.closeExplore();
        else s.openExplore();
      } else if (s.exploreOpen) {
        // the explorer has no cursor: its grid handles its own keys
        return;
      } else if (e.key === ' ') {
        s.togglePlay();
      } else if (e.key === 'ArrowRight') s.stepBy(1);
      else if (e.key === 'ArrowLeft') s.stepBy(-1);
      else if (e.key === 'Home') s.reset();
      else if (e.key === 'End') s.toEnd();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
