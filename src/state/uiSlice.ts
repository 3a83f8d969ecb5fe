import { Stopped } from '../worker/client';
import type { GetState, SetState, StoreDeps, Theme, UiSlice } from './types';

const THEMES: Theme[] = ['system', 'light', 'dark'];

/** Preferences, dialogs, the banner, the pending shared scenario and the SQL consoles. */
export function createUiSlice(set: SetState, get: GetState, deps: StoreDeps): UiSlice {
  return {
    theme: 'system',
    presenter: false,
    embed: false,
    helpOpen: false,
    editorOpen: false,
    banner: null,
    pendingShare: null,
    persistOn: true,
    shareUrl: null,
    selected: null,
    setTheme: (theme) => set({ theme }),
    cycleTheme: () => set((s) => ({ theme: THEMES[(THEMES.indexOf(s.theme) + 1) % THEMES.length] ?? 'system' })),
    setPresenter: (presenter) => set({ presenter }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setEditorOpen: (editorOpen) => set({ editorOpen }),
    showBanner: (banner) => set({ banner }),
    setPendingShare: (pendingShare) => set({ pendingShare, persistOn: pendingShare ? false : !get().embed }),
    acceptPendingShare() {
      const p = get().pendingShare;
      if (!p) return;
      set({ pendingShare: null, persistOn: !get().embed });
      get().replaceDoc(p.doc, { edited: true, baseId: null, step: p.step ?? 0, lanes: p.lanes ?? null });
    },
    rejectPendingShare() {
      set({ pendingShare: null, persistOn: !get().embed });
    },
    setPersist: (persistOn) => set({ persistOn }),
    setShareUrl: (shareUrl) => set({ shareUrl }),
    selectStep(lane, step) {
      const e = get().result?.lanes.find((l) => l.id === lane)?.trace[step];
      get().pause();
      set(e ? { selected: { lane, step }, cursor: e.tick + 1 } : { selected: null });
    },
    async runQuery(lane, sql) {
      let outcome;
      try {
        outcome = await deps.engine.query(lane, get().cursor, sql);
      } catch (e) {
        if (e instanceof Stopped && e.reason === 'timeout') {
          void get().runSimulation();
          throw new Error('The query ran longer than 5 seconds, so the engine was stopped and restarted; the scenario is being loaded again.');
        }
        throw new Error('The query was stopped because the engine restarted.');
      }
      if (!outcome.ok) throw new Error(outcome.error ?? 'the query failed');
      return { columns: outcome.columns, rows: outcome.rows };
    },
  };
}
