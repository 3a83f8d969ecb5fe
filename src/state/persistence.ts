import type { PersistStorage, StateStorage, StorageValue } from 'zustand/middleware';
import { formatIssue, type ValidationIssue } from '../engine/issues';
import type { ScenarioDocument } from './catalog';
import { SPEEDS } from './playbackSlice';
import type { Banner, PersistedState, Theme } from './types';
import { THEMES } from './uiSlice';
import { withDefaults } from './workspaceSlice';

/** The version persist writes next to the saved state; a save of any other version is not read (it is kept aside). */
export const PERSIST_VERSION = 1;

/** Where an unreadable saved workspace is kept (the next save overwrites the workspace key, never this one). */
export const UNREADABLE_KEY = 'runtwice.workspace.unreadable';

/** A saved workspace read back: its state (only the known keys, each sane), or why it cannot be used. */
export type SavedRead = { status: 'ok'; state: Partial<PersistedState> } | { status: 'unreadable'; issues: ValidationIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const unreadable = (path: ValidationIssue['path'], message: string): SavedRead => ({ status: 'unreadable', issues: [{ path, message }] });

/**
 * Reads the text of a saved workspace as any document is read: the scenario must pass the engine's validator (loaded
 * lazily, as the store loads it for imports), paths name the saved JSON (`state.doc.runs[0]…`). Preferences that make
 * no sense fall back to their defaults and unknown keys are left out: only the scenario is work that can be lost.
 */
export async function readSaved(raw: string): Promise<SavedRead> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    return unreadable([], `not JSON (${(e as Error).message})`);
  }
  if (!isObject(parsed)) return unreadable([], 'not a saved workspace (an object with "state" and "version")');
  if (parsed.version !== PERSIST_VERSION)
    return unreadable(['version'], `${JSON.stringify(parsed.version) ?? 'missing'}: this build reads version ${PERSIST_VERSION} (saved by another version of RunTwice?)`);
  const saved = parsed.state;
  if (!isObject(saved)) return unreadable(['state'], 'not an object');

  const state: Partial<PersistedState> = {};
  if (saved.doc !== undefined && saved.doc !== null) {
    const { validateScenario } = await import('../engine/validate');
    const v = validateScenario(saved.doc);
    if (!v.ok) return { status: 'unreadable', issues: v.errors.map((i) => ({ ...i, path: ['state', 'doc', ...i.path] })) };
    state.doc = withDefaults(saved.doc as ScenarioDocument);
    // unknown: treat the work as edited, so that nothing replaces it without asking
    state.edited = typeof saved.edited === 'boolean' ? saved.edited : true;
    state.baseId = typeof saved.baseId === 'string' ? saved.baseId : null;
    const lanes = saved.laneChoice;
    state.laneChoice = Array.isArray(lanes) && lanes.length > 0 && lanes.every((l) => typeof l === 'string') ? (lanes as string[]) : null;
    const cursor = saved.cursor;
    state.cursor = (typeof cursor === 'number' && Number.isInteger(cursor) && cursor >= 0 ? cursor : 0) as PersistedState['cursor'];
  }
  if (THEMES.includes(saved.theme as Theme)) state.theme = saved.theme as Theme;
  if ((SPEEDS as readonly unknown[]).includes(saved.speed)) state.speed = saved.speed as number;
  return { status: 'ok', state };
}

/** The banner for a saved workspace that could not be read, with its problems and a way to export it. */
export function unreadableBanner(raw: string, issues: ValidationIssue[], keptAside: boolean): Banner {
  let json = true;
  try {
    JSON.parse(raw);
  } catch {
    json = false;
  }
  const where = keptAside
    ? `A copy is kept in this browser (under “${UNREADABLE_KEY}”): export it to repair it by hand, then import it.`
    : 'It could not be copied aside, so saving is paused to keep it: export it before you change anything here.';
  return {
    kind: 'error',
    text: `Your saved work could not be read, so the default scenario opened. ${where}`,
    details: issues.map(formatIssue),
    download: { label: 'Export the unreadable copy', filename: `runtwice-unreadable-workspace.${json ? 'json' : 'txt'}`, text: raw },
  };
}

/** What the banner says when a save fails; the previous save stays as it was. */
export function saveFailedText(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  const full = e?.name === 'QuotaExceededError' || e?.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e?.code === 22;
  const why = full ? 'the browser’s storage is full' : `the browser refused (${String(e?.message ?? e)})`;
  return `Your work could not be saved: ${why}. Your last save is kept and the page keeps running; free some space or use Export to keep this scenario.`;
}

/** What the store tells the storage, and what the storage reports back. */
export interface WorkspaceStorageHooks {
  /** Saving is allowed now (the workspace has been read, saving is not suspended, no other-tab question is open). */
  canWrite(): boolean;
  saved(): void;
  saveFailed(error: unknown): void;
  /** The saved workspace could not be read; `keptAside`: a copy is under UNREADABLE_KEY. */
  unreadable(raw: string, issues: ValidationIssue[], keptAside: boolean): void;
}

export interface WorkspaceStorage extends PersistStorage<PersistedState> {
  /** Another tab wrote `raw`: storage now holds it (so re-saving this tab's state is no longer a no-op). */
  noteForeign(raw: string): void;
}

/**
 * The persist middleware's storage. Reading validates (asynchronously when something is saved); an unreadable save is
 * copied aside before anything may overwrite it. Writing never throws: a full or refused storage is reported and the
 * previous save stays (localStorage replaces a value whole or not at all). An unchanged state is not written again.
 */
export function workspaceStorage(inner: StateStorage, hooks: WorkspaceStorageHooks): WorkspaceStorage {
  let lastWritten: string | null = null;
  return {
    getItem(name) {
      let raw: unknown = null;
      try {
        raw = inner.getItem(name);
      } catch {
        raw = null;
      }
      if (typeof raw !== 'string') return null;
      lastWritten = raw;
      return readSaved(raw).then((read): StorageValue<PersistedState> | null => {
        if (read.status === 'ok') return { state: read.state as PersistedState, version: PERSIST_VERSION };
        let keptAside = false;
        try {
          if (inner.getItem(UNREADABLE_KEY) !== raw) inner.setItem(UNREADABLE_KEY, raw);
          keptAside = inner.getItem(UNREADABLE_KEY) === raw;
        } catch {
          keptAside = false;
        }
        hooks.unreadable(raw, read.issues, keptAside);
        return null;
      }).catch((e: unknown) => {
        // the validator did not load: the save may be fine, so it stays where it is and nothing overwrites it
        hooks.unreadable(raw, [{ path: [], message: `could not be checked (${(e as Error)?.message ?? String(e)})` }], false);
        return null;
      });
    },
    setItem(name, value) {
      if (!hooks.canWrite()) return;
      let text: string;
      try {
        text = JSON.stringify(value);
        if (text === lastWritten) return;
        inner.setItem(name, text);
      } catch (e) {
        hooks.saveFailed(e);
        return;
      }
      lastWritten = text;
      hooks.saved();
    },
    // the workspace is never removed: a save replaces it whole
    removeItem: () => undefined,
    noteForeign(raw) {
      lastWritten = raw;
    },
  };
}
