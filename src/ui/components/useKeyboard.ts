import { useEffect } from 'react';
import type { AppStore } from '../../state/store';

const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.closest('.monaco-editor') !== null);

/** Space, ←/→, Home/End, X (the Explore view) and ? anywhere on the page except while typing. */
export function useKeyboard(store: AppStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = store.getState();
      if (s.pendingReplace || s.editorOpen) return;
      const t = e.target;
      const isRange = t instanceof HTMLInputElement && t.type === 'range';
      if (typing(t) && !(isRange && (e.key === ' ' || e.key === '?'))) return;
      if (e.key === '?') {
        s.setHelpOpen(!s.helpOpen);
      } else if (e.key === 'Escape' && s.helpOpen) {
        s.setHelpOpen(false);
      } else if (s.helpOpen) {
        return;
      } else if ((e.key === 'x' || e.key === 'X') && s.doc && !s.embed) {
        if (s.exploreOpen) s.closeExplore();
        else s.openExplore();
      } else if (s.exploreOpen) {
        // the explorer has no cursor: its grid handles its own keys
        return;
      } else if (e.key === ' ') {
        if (t instanceof HTMLButtonElement || t instanceof HTMLAnchorElement || (t instanceof HTMLElement && t.tagName === 'SUMMARY')) return;
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
