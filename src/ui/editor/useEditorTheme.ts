import { useSyncExternalStore } from 'react';

export type EditorTheme = 'light' | 'dark';

/** The page's theme: `data-theme="dark"` or class `dark` on <html> wins, else the system preference. */
function readTheme(): EditorTheme {
  if (typeof document === 'undefined') return 'light';
  const root = document.documentElement;
  const attr = root.dataset.theme;
  if (attr === 'dark' || attr === 'light') return attr;
  if (root.classList.contains('dark')) return 'dark';
  if (root.classList.contains('light')) return 'light';
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  if (typeof document === 'undefined') return () => {};
  // the theme toggle flips an attribute on <html>; the system setting flips the media query
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(onChange) : null;
  observer?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', onChange);
  return () => {
    observer?.disconnect();
    media?.removeEventListener('change', onChange);
  };
}

/** The editor theme to use: the explicit one when given, else the page's. */
export function useEditorTheme(explicit?: EditorTheme): EditorTheme {
  const page = useSyncExternalStore(subscribe, readTheme, () => 'light' as const);
  return explicit ?? page;
}
