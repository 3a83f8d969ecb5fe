import { openInAppUrl } from '../../share/links';
import { useApp } from './storeContext';

/** The embed player's title line and its way out to the full app. */
export function EmbedBar() {
  const title = useApp((s) => s.doc?.title ?? 'RunTwice');
  return (
    <header className="embed-bar">
      <strong>{title}</strong>
      <a href={openInAppUrl(window.location.href)} target="_blank" rel="noopener" data-testid="link-open-app">
        Open in RunTwice ↗
      </a>
    </header>
  );
}
