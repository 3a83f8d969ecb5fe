import { useEffect } from 'react';
import { parseLink } from '../../share/links';
import { openChallengeLink } from '../../state/challengeSlice';
import { useAppStore } from './storeContext';

/** Where the keys are a field's own (the playground's shortcuts skip them too). */
const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.closest('.monaco-editor') !== null);

const PLAYGROUND_KEYS = new Set([' ', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'x', 'X']);

/**
 * Opens a challenge link (`#/c/<id>/<payload>`) at load and when one is pasted into the address bar, then clears the
 * address so a reload shows the ladder as saved; C opens or leaves the challenge ladder, and the playground's keys
 * wait while it is shown.
 */
export function ChallengeLinkOpener() {
  const store = useAppStore();
  useEffect(() => {
    const open = () => {
      const link = parseLink(window.location.href).challenge;
      if (!link) return;
      window.history.replaceState(null, '', window.location.pathname);
      void openChallengeLink(() => store.getState(), link);
    };
    open();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'c' && e.key !== 'C') || typing(e.target)) return;
      const s = store.getState();
      if (s.pendingReplace || s.editorOpen || s.introOpen || s.helpOpen || s.laneEditor || s.embed || document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      if (s.challengesOpen) s.closeChallenges();
      else s.openChallenges();
    };
    // the playground's transport keys would move its hidden cursor while the ladder is shown: they stop here (their
    // default actions, a button's Space, a list's scroll, still happen)
    const hold = (e: KeyboardEvent) => {
      if (store.getState().challengesOpen && PLAYGROUND_KEYS.has(e.key) && !typing(e.target)) e.stopPropagation();
    };
    window.addEventListener('hashchange', open);
    window.addEventListener('keydown', onKey);
    window.addEventListener('keydown', hold, true);
    return () => {
      window.removeEventListener('hashchange', open);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keydown', hold, true);
    };
  }, [store]);
  return null;
}
