import { useState } from 'react';
import { encodeShare } from '../../share/codec';
import { shareUrl } from '../../share/links';
import { visibleLanes } from '../../state/selectors';
import { useApp, useAppStore } from './storeContext';

/** "Copy link": the document with the view (cursor, lanes; the explorer when it is open) compressed into the URL hash. */
export function ShareControls() {
  const store = useAppStore();
  const url = useApp((s) => s.shareUrl);
  const setShareUrl = useApp((s) => s.setShareUrl);
  const [note, setNote] = useState('');
  const copy = async () => {
    const s = store.getState();
    if (!s.doc) return;
    const lanes = s.laneChoice ? visibleLanes(s.result, s.laneChoice).map((l) => l.id) : undefined;
    // from the Explore view the link opens the explorer with its options (a v2 link)
    const explore = s.exploreOpen ? { explore: s.exploreOptions } : {};
    const payload = await encodeShare(s.doc, { step: s.cursor, ...(lanes ? { lanes } : {}), ...explore });
    const link = shareUrl(window.location.href, payload);
    setShareUrl(link);
    try {
      await navigator.clipboard.writeText(link);
      setNote('Link copied');
    } catch {
      setNote('Copy the link below');
    }
  };
  return (
    <div className="share-controls">
      <button type="button" data-testid="btn-copy-link" onClick={() => void copy()} aria-label="Copy a link to this scenario at this step">
        Copy link
      </button>
      {url && (
        <input className="share-controls__url" data-testid="share-url" readOnly value={url} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
      )}
      <span className="muted" role="status">{note}</span>
    </div>
  );
}
