import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { gatedStorage, WORKSPACE_KEY } from '../share/storage';
import { createPlaybackSlice } from './playbackSlice';
import { createSimulationSlice } from './simulationSlice';
import type { AppState, StoreDeps } from './types';
import { createUiSlice } from './uiSlice';
import { createWorkspaceSlice, withDefaults } from './workspaceSlice';

export type AppStore = StoreApi<AppState>;

/** What survives a reload: the workspace, the lane choice, the cursor and the preferences. */
export type PersistedState = Pick<AppState, 'doc' | 'baseId' | 'edited' | 'laneChoice' | 'cursor' | 'theme' | 'speed'>;

/** Builds the app's one store. `storage` is localStorage in the browser and a Map in tests. */
export function createAppStore(deps: StoreDeps, storage: StateStorage): AppStore {
  let api: AppStore | null = null;
  const gate = gatedStorage(storage, () => api?.getState().persistOn ?? false);
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
        version: 1,
        storage: createJSONStorage(() => gate),
        partialize: (s): PersistedState => ({
          doc: s.doc,
          baseId: s.baseId,
          edited: s.edited,
          laneChoice: s.laneChoice,
          cursor: s.cursor,
          theme: s.theme,
          speed: s.speed,
        }),
        // a workspace saved before the store applied defaults gets them on the way in
        merge: (saved, current) => {
          const p = (saved ?? {}) as Partial<PersistedState>;
          return { ...current, ...p, doc: p.doc ? withDefaults(p.doc) : current.doc };
        },
      },
    ),
  );
  return api;
}

/** Reads the saved workspace without a store (boot decides between it and a link). */
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
