import { cursorShowing } from '../engine/positions';
import { QUERY_TIMEOUT_MS, Stopped } from '../worker/client';
import type { SliceCreator, StoreDeps, Theme, UiSlice } from './types';

/** The themes, in the order the theme button cycles through them. */
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** Preferences, dialogs, the banner and the SQL consoles. */
export const createUiSlice = (deps: StoreDeps): SliceCreator<UiSlice> => (set, get) => {
  return {
    theme: 'system',
    presenter: false,
    presenterChrome: false,
    embed: false,
    helpOpen: false,
    editorOpen: false,
    banner: null,
    persistOn: true,
    saveError: null,
    shareUrl: null,
    queryTimeoutMs: QUERY_TIMEOUT_MS,
    selected: null,
    setTheme: (theme) => set({ theme }),
    cycleTheme: () => set((s) => ({ theme: THEMES[(THEMES.indexOf(s.theme) + 1) % THEMES.length] ?? 'system' })),
    setPresenter: (presenter) => set({ presenter, presenterChrome: false }),
    setPresenterChrome: (presenterChrome) => set({ presenterChrome }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setEditorOpen: (editorOpen) => set({ editorOpen }),
    showBanner: (banner) => set({ banner }),
    setPersist: (persistOn) => set({ persistOn }),
    setShareUrl: (shareUrl) => set({ shareUrl }),
    selectStep(lane, step) {
      const e = get().result?.lanes.find((l) => l.id === lane)?.trace[step];
      get().pause();
      set(e ? { selected: { lane, step }, cursor: cursorShowing(e.tick) } : { selected: null });
    },
    async runQuery(lane, sql) {
      let outcome;
      try {
        outcome = await deps.engine.query(lane, get().cursor, sql);
      } catch (e) {
        if (e instanceof Stopped && e.reason === 'timeout') {
          void get().runSimulation();
          const limit = `${get().queryTimeoutMs / 1000} second${get().queryTimeoutMs === 1000 ? '' : 's'}`;
          throw new Error(`The query ran longer than ${limit}, so the engine was stopped and restarted; the scenario is being loaded again.`);
        }
        throw new Error('The query was stopped because the engine restarted.');
      }
      if (!outcome.ok) throw new Error(outcome.error ?? 'the query failed');
      return { columns: outcome.columns, rows: outcome.rows };
    },
  };
};
