import { useEffect } from 'react';
import type { Theme } from '../../state/types';

/** Puts the theme on <html data-theme> ("system" follows prefers-color-scheme through CSS). */
export function useThemeClass(theme: Theme, presenter: boolean): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
    root.toggleAttribute('data-presenter', presenter);
  }, [theme, presenter]);
}
