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

/**
 * localStorage whenever it can be read, even when it cannot be written (a full storage must not hide the saved work:
 * the store reports failed saves); memory only when the browser refuses localStorage altogether.
 */
export function browserStorage(): StateStorage {
  try {
    const local = window.localStorage;
    local.getItem(WORKSPACE_KEY);
    return local;
  } catch {
    return memoryStorage();
  }
}
