import type { Banner } from '../../state/types';
import { useApp } from './storeContext';

/** Saves a banner's text as a file (the unreadable saved workspace, exported to be repaired by hand). */
function download(d: NonNullable<Banner['download']>) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([d.text], { type: d.filename.endsWith('.json') ? 'application/json' : 'text/plain' }));
  a.download = d.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A dismissable message: a broken link, an invalid import, a restarted engine, saved work unreadable or unsaved. */
export function BannerMessage() {
  const banner = useApp((s) => s.banner);
  const showBanner = useApp((s) => s.showBanner);
  if (!banner) return null;
  return (
    <div className={`banner banner--kind-${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'} data-testid="banner-error">
      <div className="banner__body">
        <p>{banner.text}</p>
        {banner.details && banner.details.length > 0 && (
          <ul>{banner.details.slice(0, 12).map((d, i) => <li key={i}><code>{d}</code></li>)}</ul>
        )}
        {banner.download && (
          <p>
            <button type="button" data-testid="btn-banner-download" onClick={() => banner.download && download(banner.download)}>
              {banner.download.label}
            </button>
          </p>
        )}
      </div>
      <button type="button" onClick={() => showBanner(null)} aria-label="Dismiss the message">✕</button>
    </div>
  );
}
