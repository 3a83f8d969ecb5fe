import { useApp } from './storeContext';

/** Presenter mode's slim header: the scenario's title, the full header on demand, and the way out (Esc). */
export function PresenterBar() {
  const title = useApp((s) => s.doc?.title ?? '');
  const setPresenter = useApp((s) => s.setPresenter);
  const setPresenterChrome = useApp((s) => s.setPresenterChrome);
  return (
    <header className="presenter-bar" data-testid="presenter-bar">
      <h1 className="presenter-bar__title">
        <span className="visually-hidden">RunTwice: </span>
        {title}
      </h1>
      <button type="button" data-testid="btn-presenter-chrome" aria-expanded={false} onClick={() => setPresenterChrome(true)}>
        Show header and lane chips
      </button>
      <button type="button" data-testid="btn-presenter-leave" onClick={() => setPresenter(false)}>
        Leave presenter (Esc)
      </button>
    </header>
  );
}
