import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseLink } from './share/links';
import { browserStorage } from './share/storage';
import { boot, openPastedLink } from './state/boot';
import { BUNDLED_CATALOG } from './state/bundledCatalog';
import { createAppStore } from './state/store';
import { App } from './ui/App';
import { StoreContext } from './ui/components/storeContext';
import { createEnginePool } from './worker/enginePool';
import { SwitchingEngineClient } from './worker/engineSwitch';
import './ui/styles.css';

// `tabs`: another tab's saves are heard, and asked about before they replace this tab's work
// SQLite (sql.js) by default; PostgreSQL (PGlite, several MB) is downloaded only when the engine switch chooses it
const engine = new SwitchingEngineClient(createEnginePool(), () => import('./worker/pgPool').then((m) => m.createPgPool()));
const store = createAppStore({ engine, engineSwitch: engine, catalog: BUNDLED_CATALOG }, browserStorage(), { tabs: window });
const link = parseLink(window.location.href);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App catalog={BUNDLED_CATALOG} />
    </StoreContext.Provider>
  </StrictMode>,
);

void boot(store, link, BUNDLED_CATALOG, async (value) => (await import('./engine/validate')).validateScenario(value)).then(() => {
  // the link has been read: a reload should show the workspace, not ask again (the embed keeps its address)
  if (!link.embed && (link.share || link.scenario)) window.history.replaceState(null, '', window.location.pathname);
  // a share link pasted into this open tab opens as at boot (asking over edited work), without a reload
  window.addEventListener('hashchange', () => {
    const pasted = parseLink(window.location.href);
    void openPastedLink(store, pasted).then((opened) => {
      if (opened && !pasted.embed) window.history.replaceState(null, '', window.location.pathname);
    });
  });
});
