import { cursorShowing } from '../engine/positions';
import { QUERY_TIMEOUT_MS, Stopped } from '../worker/client';
import { splitStatements } from './sqlStatements';
import type { SliceCreator, StoreDeps, Theme, UiSlice } from './types';

/** The themes, in the order the theme button cycles through them. */
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** Preferences, dialogs, the banner and the SQL consoles. */
export const createUiSlice = (deps: StoreDeps): SliceCreator<UiSlice> => (set, get) => {
  /** What the user reads when the worker stopped under a query: the time limit, or a restart. */
  const stopped = (e: unknown): Error => {
    if (e instanceof Stopped && e.reason === 'timeout') {
      void get().runSimulation();
      const limit = `${get().queryTimeoutMs / 1000} second${get().queryTimeoutMs === 1000 ? '' : 's'}`;
      return new Error(`The query ran longer than ${limit}, so the engine was stopped and restarted; the scenario is being loaded again.`);
    }
    return new Error('The query was stopped because the engine restarted.');
  };
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
        throw stopped(e);
      }
      if (!outcome.ok) throw new Error(outcome.error ?? 'the query failed');
      return { columns: outcome.columns, rows: outcome.rows };
    },
    consoleLane: null,
    setConsoleLane: (consoleLane) => set({ consoleLane }),
    async runStatements(lane, sql, onPhase) {
      const statements = splitStatements(sql);
      if (statements.length === 0) throw new Error('Nothing to run: write a statement first.');
      const { engine } = deps;
      const cursor = get().cursor;
      try {
        if (engine.seek) {
          onPhase?.('rebuilding');
          const ready = await engine.seek(lane, cursor);
          if (!ready.ok) throw new Error(ready.error ?? 'the lane could not be rebuilt');
        }
        onPhase?.('running');
        if (engine.queryEach) {
          const out = await engine.queryEach(lane, cursor, statements);
          if (out.error) throw new Error(out.error);
          return out.results;
        }
        // an engine without scratch runs (test fakes): one statement at a time
        const results = [];
        for (const statement of statements) {
          const r = await engine.query(lane, cursor, statement);
          results.push({ statement, columns: r.columns, rows: r.rows, error: r.ok ? null : (r.error ?? 'the query failed') });
          if (!r.ok) break;
        }
        return results;
      } catch (e) {
        if (e instanceof Error && !(e instanceof Stopped)) throw e;
        throw stopped(e);
      }
    },
  };
};
