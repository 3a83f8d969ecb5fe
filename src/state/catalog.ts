import type { ScenarioInput } from '../engine/schema';

/** A scenario document as stored, shared and edited (the engine validates it before running). */
export type ScenarioDocument = ScenarioInput;

/** One entry of the scenario picker. */
export interface CatalogEntry {
  id: string;
  title: string;
  summary: string;
  doc: ScenarioDocument;
}

/** Builds the picker's list from `scenarios/*.json` modules, ordered by file name. */
export function catalogFrom(modules: Record<string, unknown>): CatalogEntry[] {
  return Object.keys(modules)
    .sort()
    .map((file) => {
      const mod = modules[file] as { default?: unknown } | undefined;
      const doc = (mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod) as ScenarioDocument;
      return { id: doc.id, title: doc.title, summary: doc.summary, doc };
    })
    .filter((e) => typeof e.id === 'string');
}
