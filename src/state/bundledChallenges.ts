import type { ChallengeEntry } from './challengeSlice';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The ladder from `challenges/*.json` modules: entries with an id and a title, by level then file name. */
export function challengeEntriesFrom(modules: Record<string, unknown>): ChallengeEntry[] {
  return Object.keys(modules)
    .sort()
    .flatMap((file) => {
      const mod = modules[file];
      const doc = isObject(mod) && 'default' in mod ? mod.default : mod;
      if (!isObject(doc) || typeof doc.id !== 'string' || typeof doc.title !== 'string') return [];
      const hints = Array.isArray(doc.hints) ? doc.hints.filter((h): h is string => typeof h === 'string') : [];
      const level = typeof doc.level === 'number' ? doc.level : 999;
      return [{ id: doc.id, level, title: doc.title, summary: str(doc.summary) ?? '', story: str(doc.story) ?? '', hints, doc }];
    })
    .sort((a, b) => a.level - b.level);
}

/** The challenges shipped with the app (`challenges/*.json`, bundled at build time), in ladder order. */
export const BUNDLED_CHALLENGES = challengeEntriesFrom(import.meta.glob('../../challenges/*.json', { eager: true }) as Record<string, unknown>);
