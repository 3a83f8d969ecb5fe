import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from '../../state/store';
import type { AppState } from '../../state/types';

/** The app's store, provided once by main.tsx (tests provide their own). */
export const StoreContext = createContext<AppStore | null>(null);

/** The store itself, for actions and one-off reads. */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreContext is missing');
  return store;
}

/** Subscribes to one slice of the state. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
