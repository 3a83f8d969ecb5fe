import type { StateStorage } from 'zustand/middleware';

/** localStorage key of the saved workspace. */
export const WORKSPACE_KEY = 'runtwice.workspace.v1';

/** A Map-backed storage for tests and for browsers that refuse localStorage. */
export function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** localStorage when it works (private modes may throw), else memory. */
export function browserStorage(): StateStorage {
  try {
    const probe = '__runtwice_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

/**
 * Wraps a storage so that writes can be suspended: a broken or pending share link must never overwrite the saved
 * workspace, and the embed player never saves.
 */
export function gatedStorage(inner: StateStorage, isOpen: () => boolean): StateStorage {
  return {
    getItem: (k) => inner.getItem(k),
    setItem: (k, v) => (isOpen() ? inner.setItem(k, v) : undefined),
    removeItem: (k) => (isOpen() ? inner.removeItem(k) : undefined),
  };
}
