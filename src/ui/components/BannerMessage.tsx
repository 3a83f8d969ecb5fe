import { useApp } from './storeContext';

/** A dismissable message: a broken link, an invalid import, a restarted engine. */
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
      </div>
      <button type="button" onClick={() => showBanner(null)} aria-label="Dismiss the message">✕</button>
    </div>
  );
}
