import { formatIssue } from '../engine/issues';
import type { ValidationResult } from '../engine/validate';
import { decodePayload } from '../share/codec';
import type { LinkRequest } from '../share/links';
import type { CatalogEntry, ScenarioDocument } from './catalog';
import type { AppStore } from './store';

/** Validates a document; injected so the engine's validator (zod) loads lazily in the browser. */
export type Validate = (value: unknown) => Promise<ValidationResult>;

const sameDoc = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function withoutView(doc: ScenarioDocument): ScenarioDocument {
  const { view: _view, ...rest } = doc;
  return rest;
}

/** The scenario a first visit opens. */
export const DEFAULT_SCENARIO = 'crash-before-mark';

/**
 * Decides what the page opens: a share link, a preset, the saved workspace or the default scenario. A link that
 * cannot be opened shows a banner and the default scenario with saving suspended, so the saved workspace survives.
 */
export async function boot(store: AppStore, link: LinkRequest, catalog: CatalogEntry[], validate: Validate): Promise<void> {
  const s = store.getState();
  // The default opens in well under a second: a 1,000-row scenario, not the 1M-row headline (which the picker offers).
  const defaultId = (catalog.find((e) => e.id === DEFAULT_SCENARIO) ?? catalog[0])?.id ?? null;
  if (link.embed) store.setState({ embed: true, persistOn: false });

  const openDefaultAfterError = (text: string, details?: string[]) => {
    store.setState({ persistOn: false });
    s.showBanner({ kind: 'error', text, details });
    if (defaultId) s.openScenario(defaultId);
  };
  const offer = (doc: ScenarioDocument, step?: number, lanes?: string[]) => {
    const saved = store.getState();
    if (!link.embed && saved.doc && saved.edited && !sameDoc(withoutView(saved.doc), withoutView(doc))) {
      s.setPendingShare({ doc, step, lanes });
      void s.runSimulation();
      return;
    }
    s.replaceDoc(doc, { edited: true, baseId: null, step: step ?? 0, lanes: lanes ?? null });
  };

  if (link.share) {
    const decoded = await decodePayload(link.share);
    if (!decoded.ok) return openDefaultAfterError(`This share link cannot be opened: ${decoded.error}.`);
    const v = await validate(decoded.value);
    if (!v.ok)
      return openDefaultAfterError(`This share link holds an invalid scenario (${v.errors.length} problem${v.errors.length === 1 ? '' : 's'}).`, v.errors.map(formatIssue));
    const doc = decoded.value as ScenarioDocument;
    return offer(doc, link.step ?? doc.view?.step, link.lanes ?? doc.view?.lanes);
  }

  if (link.scenario) {
    const entry = catalog.find((e) => e.id === link.scenario);
    if (!entry) return openDefaultAfterError(`There is no scenario "${link.scenario}" in this build.`);
    const saved = store.getState();
    if (!link.embed && saved.doc && saved.edited) return offer(structuredClone(entry.doc), link.step ?? 0, link.lanes ?? undefined);
    s.openScenario(entry.id, { step: link.step ?? 0, lanes: link.lanes ?? undefined });
    return;
  }

  if (s.doc) {
    void s.runSimulation();
    return;
  }
  if (defaultId) s.openScenario(defaultId);
}
