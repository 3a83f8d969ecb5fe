import type { ValidationResult } from '../engine/validate';
import { decodePayload, takeExploreView } from '../share/codec';
import type { LinkRequest } from '../share/links';
import type { CatalogEntry, ScenarioDocument } from './catalog';
import { workspaceRestored, type AppStore } from './store';
import type { ReplaceOutcome, ReplaceRequest } from './types';

/** Validates a document. Boot no longer needs one (the store's requestReplace validates); kept for callers passing it. */
export type Validate = (value: unknown) => Promise<ValidationResult>;

type ExploreView = ReturnType<typeof takeExploreView>['explore'];

/** A share link decoded into the store's request (its view: the link's step and lanes), or why it cannot be opened. */
async function readShare(
  link: LinkRequest,
): Promise<{ ok: true; request: ReplaceRequest; explore: ExploreView } | { ok: false; error: string }> {
  if (!link.share) return { ok: false, error: 'This address holds no share link.' };
  const decoded = await decodePayload(link.share);
  if (!decoded.ok) return { ok: false, error: `This share link cannot be opened: ${decoded.error}.` };
  // a v2 link's view also opens the explorer (taken out before the document is validated)
  const { doc, explore } = takeExploreView(decoded.value);
  const view = (doc as ScenarioDocument | null)?.view;
  return { ok: true, request: { source: 'share', doc, view: { step: link.step ?? view?.step, lanes: link.lanes ?? view?.lanes } }, explore };
}

/** A v2 link opens the explorer: at once when the scenario opened, behind the question when one is asked. */
function exploreShared(store: AppStore, explore: ExploreView, embed: boolean, opened: ReplaceOutcome['status']): void {
  if (!explore || embed) return;
  if (opened === 'replaced') void store.getState().runExplore(explore);
  else if (opened === 'asking') store.getState().openExplore(explore);
}

/**
 * A share link pasted into the address bar of an open tab (a `hashchange`): the same request as at boot, so edited
 * work is asked about (the one replace dialog) and an invalid link is refused with a banner, the work kept. Resolves
 * to false when the address holds no share link.
 */
export async function openPastedLink(store: AppStore, link: LinkRequest): Promise<boolean> {
  if (!link.share) return false;
  const s = store.getState();
  const shared = await readShare(link);
  if (!shared.ok) {
    s.showBanner({ kind: 'error', text: shared.error });
    return true;
  }
  const out = await s.requestReplace(shared.request);
  exploreShared(store, shared.explore, s.embed, out.status);
  return true;
}

/** The scenario a first visit opens. */
export const DEFAULT_SCENARIO = 'crash-before-mark';

/**
 * Decides what the page opens: a share link, a preset, the saved workspace or the default scenario. A link that
 * cannot be opened shows a banner and the default scenario with saving suspended, so the saved workspace survives.
 * A link over edited work asks first (the store's requestReplace), with the saved work playing behind the question.
 * The saved workspace is read first (it is validated: an unreadable one is kept aside and the default opens).
 */
export async function boot(store: AppStore, link: LinkRequest, catalog: CatalogEntry[], _validate?: Validate): Promise<void> {
  await workspaceRestored(store);
  const s = store.getState();
  // The default opens in well under a second: a 1,000-row scenario, not the 1M-row headline (which the picker offers).
  const defaultId = (catalog.find((e) => e.id === DEFAULT_SCENARIO) ?? catalog[0])?.id ?? null;
  if (link.embed) store.setState({ embed: true, persistOn: false });
  // a first visit starts with the introduction (skippable; Help opens it again); an embed never shows it
  else if (!s.introSeen) s.openIntro();

  const openDefault = () => {
    store.setState({ persistOn: false });
    if (defaultId) s.openScenario(defaultId);
  };
  const open = async (req: ReplaceRequest): Promise<ReplaceOutcome['status']> => {
    const out = await s.requestReplace(req);
    // refused: the store has shown why
    if (out.status === 'invalid') openDefault();
    if (out.status === 'asking' && !store.getState().result) void s.runSimulation();
    return out.status;
  };

  if (link.share) {
    const shared = await readShare(link);
    if (!shared.ok) {
      s.showBanner({ kind: 'error', text: shared.error });
      return openDefault();
    }
    const opened = await open(shared.request);
    exploreShared(store, shared.explore, link.embed, opened);
    return;
  }

  if (link.scenario) {
    await open({ source: 'share', catalogId: link.scenario, view: { step: link.step ?? 0, lanes: link.lanes } });
    return;
  }

  if (s.doc) {
    void s.runSimulation();
    return;
  }
  if (defaultId) s.openScenario(defaultId);
}
