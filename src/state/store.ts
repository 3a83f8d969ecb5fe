import { createStore, type StoreApi } from 'zustand/vanilla';
import { persist, type StateStorage } from 'zustand/middleware';
import { WORKSPACE_KEY } from '../share/storage';
import { createChallengeSlice } from './challengeSlice';
import { createCustomLaneSlice } from './customLanesSlice';
import { createEngineChoiceSlice } from './engineChoice';
import { createExplorerSlice } from './explorerSlice';
import { createLearnerSlice } from './learnerSlice';
import { PERSIST_VERSION, readSaved, saveFailedText, unreadableBanner, workspaceStorage } from './persistence';
import { createPlaybackSlice } from './playbackSlice';
import { createSimulationSlice } from './simulationSlice';
import type { AppState, PersistedState, StoreDeps, WorkspaceDoc } from './types';
import { createUiSlice } from './uiSlice';
import { createWorkspaceSlice, sameDoc, withDefaults } from './workspaceSlice';

export type AppStore = StoreApi<AppState>;
export type { PersistedState } from './types';

/** Where another tab's saves are heard: the page's window (its `storage` events). */
export type TabEvents = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export interface StoreOptions {
  /** Listen for the saves of other tabs (the browser passes `window`); without it the store hears none. */
  tabs?: TabEvents;
}

/**
 * Builds the app's one store. `storage` is localStorage in the browser and a Map in tests. The saved workspace is read
 * at once when there is none, else asynchronously (it is validated): `workspaceRestored` waits for it, and nothing is
 * saved before.
 */
export function createAppStore(deps: StoreDeps, storage: StateStorage, opts: StoreOptions = {}): AppStore {
  let api: AppStore | null = null;
  /** The unreadable save could not be copied aside: it stays where it is, so nothing is saved in this session. */
  let keepOriginal = false;
  const saveBanner = (text: string) => api?.getState().banner?.text === text;
  const persistence = workspaceStorage(storage, {
    canWrite: () => {
      const s = api?.getState();
      return !!s && s.restored && s.persistOn && !keepOriginal && s.pendingReplace?.source !== 'other-tab';
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
        ...createExplorerSlice(deps)(...a),
        ...createLearnerSlice(storage)(...a),
        ...createCustomLaneSlice()(...a),
        ...createChallengeSlice(storage, deps)(...a),
        ...createEngineChoiceSlice(storage, deps.engineSwitch)(...a),
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
  if (opts.tabs) watchOtherTabs(api, opts.tabs, persistence.noteForeign);
  return api;
}

/** Hears another tab's saves: a changed scenario is asked about (the store's otherTabSaved), never taken silently. */
function watchOtherTabs(store: AppStore, tabs: TabEvents, noteForeign: (raw: string) => void): void {
  tabs.addEventListener('storage', (event) => {
    const { key, newValue } = event as StorageEvent;
    if (key !== WORKSPACE_KEY || newValue === null) return;
    noteForeign(newValue);
    // a cursor moving in the other tab writes the same scenario again and again: skip validating those
    try {
      const doc = (JSON.parse(newValue) as { state?: { doc?: unknown } }).state?.doc;
      const mine = store.getState().doc;
      if (mine && doc && typeof doc === 'object' && sameDoc(mine, doc as WorkspaceDoc)) return;
    } catch {
      return;
    }
    void readSaved(newValue).then((read) => {
      if (read.status === 'ok') store.getState().otherTabSaved(read.state);
    });
  });
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
