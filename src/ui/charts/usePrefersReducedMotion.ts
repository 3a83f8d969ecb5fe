import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

// one list for the page: a chart reads it on every render, and each matchMedia call builds a new one
let list: MediaQueryList | null | undefined;
const media = (): MediaQueryList | null =>
  (list ??= typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null);

function subscribe(onChange: () => void): () => void {
  const m = media();
  m?.addEventListener('change', onChange);
  return () => m?.removeEventListener('change', onChange);
}

/** True when the user asked for less motion; charts then change without transitions. */
export function usePrefersReducedMotion(): boolean {
  // server/jsdom without matchMedia: assume reduced motion, the safe choice
  return useSyncExternalStore(subscribe, () => media()?.matches ?? true, () => true);
}
