import { catalogFrom, type CatalogEntry } from './catalog';

/** The scenarios shipped with the app (`scenarios/*.json`, bundled at build time). */
export const BUNDLED_CATALOG: CatalogEntry[] = catalogFrom(
  import.meta.glob('../../scenarios/*.json', { eager: true }) as Record<string, unknown>,
);
