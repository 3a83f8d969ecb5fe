import { createStore, type StoreApi } from 'zustand/vanilla';
import { persist, type StateStorage } from 'zustand/middleware';
import { WORKSPACE_KEY } from '../share/storage';
import { PERSIST_VERSION, saveFailedText, unreadableBanner, workspaceStorage } from './persistence';
import { createPlaybackSlice } from './playbackSlice';
import { createSimulationSlice } from './simulationSlice';
import type { AppState, PersistedState, StoreDeps } from './types';
import { createUiSlice } from './uiSlice';
import { createWorkspaceSlice, withDefaults } from './workspaceSlice';

export type AppStore = StoreApi<AppState>;
export type { PersistedState } from './types';

/**
 * Builds the app's one store. `storage` is localStorage in the browser and a Map in tests. The saved workspace is read
 * at once when there is none, else asynchronously (it is validated): `workspaceRestored` waits for it, and nothing is
 * saved before.
 */
export function createAppStore(deps: StoreDeps, storage: StateStorage): AppStore {
  let api: AppStore | null = null;
  /** The unreadable save could not be copied aside: it stays where it is, so nothing is saved in this session. */
  let keepOriginal = false;
  const saveBanner = (text: string) => api?.getState().banner?.text === text;
  const persistence = workspaceStorage(storage, {
    canWrite: () => {
      const s = api?.getState();
      return !!s && s.restored && s.persistOn && !keepOriginal;
    },
    saved: () => {
      const s = api?.getState();
      if (!s?.saveError) return;
      api?.setState({ saveError: null, banner: saveBanner(s.saveError) ? { kind: 'info', text: 'Your work is saved again.' } : s.banner });
    },
    saveFailed: (e) => {
      // set once: the banner's own update tries to save again and fails the same way
      if (!api || api.getState().saveError) return;
      const text = saveFailedText(e);
      api.setState({ saveError: text, banner: { kind: 'error', text } });
    },
    unreadable: (raw, issues, keptAside) => {
      keepOriginal = !keptAside;
      api?.setState({ banner: unreadableBanner(raw, issues, keptAside) });
    },
  });
  api = createStore<AppState>()(
    persist(
      (...a) => ({
        ...createWorkspaceSlice(deps)(...a),
        ...createSimulationSlice(deps)(...a),
        ...createPlaybackSlice(deps)(...a),
        ...createUiSlice(deps)(...a),
      }),
      {
        name: WORKSPACE_KEY,
        version: PERSIST_VERSION,
        storage: persistence,
        partialize: (s): PersistedState => ({
          doc: s.doc,
          baseId: s.baseId,
          edited: s.edited,
          laneChoice: s.laneChoice,
          cursor: s.cursor,
          theme: s.theme,
          speed: s.speed,
        }),
        // called once the saved workspace has been read (validated, only known keys), or with nothing to restore
        merge: (saved, current) => {
          const p = (saved ?? {}) as Partial<PersistedState>;
          return { ...current, ...p, doc: p.doc ? withDefaults(p.doc) : current.doc, restored: true };
        },
      },
    ),
  );
  return api;
}

/** Resolves once the store has read the saved workspace (at once when nothing is saved). */
export function workspaceRestored(store: AppStore): Promise<void> {
  if (store.getState().restored) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = store.subscribe((s) => {
      if (!s.restored) return;
      stop();
      resolve();
    });
  });
}

/** Reads the saved workspace without a store and without validating it (tests look at what was saved). */
export function readSavedWorkspace(storage: StateStorage): Partial<PersistedState> | null {
  try {
    const raw = storage.getItem(WORKSPACE_KEY);
    if (typeof raw !== 'string') return null;
    const parsed = JSON.parse(raw) as { state?: Partial<PersistedState> };
    return parsed.state ?? null;
  } catch {
    return null;
  }
}
