// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseLink } from '../../src/share/links';
import { browserStorage, memoryStorage, WORKSPACE_KEY } from '../../src/share/storage';
import { boot } from '../../src/state/boot';
import { catalogFrom, type ScenarioDocument } from '../../src/state/catalog';
import { UNREADABLE_KEY } from '../../src/state/persistence';
import { createAppStore, readSavedWorkspace, workspaceRestored, type AppStore } from '../../src/state/store';
import type { EngineClient } from '../../src/worker/client';
import type { SimResult } from '../../src/worker/types';
import { otherDoc, smallDoc } from './helpers';

/** Generous: a busy machine loads the lazily imported validator slowly. */
const WAIT = { timeout: 5000 };

/*
 * The saved workspace in jsdom's localStorage: a corrupted save never blanks the page nor silently becomes the default
 * (it is validated, kept aside, offered for export); a full storage never stops the app nor damages the last save; a
 * save from another tab is asked about, never taken or overwritten silently.
 */

/** An engine that answers at once and remembers what it was given (the lanes run what the store holds). */
function fakeEngine(): EngineClient & { loaded: unknown[] } {
  const result: SimResult = { scenarioId: 'x', lanes: [], segments: [], ticks: 10, truthKeys: [], deliveredRows: 0, runRows: [], maxAttempts: 3, elapsedMs: 0 };
  const engine = {
    loaded: [] as unknown[],
    async load(doc: unknown) {
      engine.loaded.push(structuredClone(doc));
      return { ok: true as const, result };
    },
    async query() {
      return { ok: true, columns: [], rows: [], error: null, ms: 0 };
    },
    cancel() {},
  };
  return engine;
}

const catalog = catalogFrom({ '01-small.json': { default: smallDoc() }, '02-other.json': { default: otherDoc() } });

function makeStore(storage = browserStorage()) {
  const engine = fakeEngine();
  const store = createAppStore({ engine, catalog }, storage, { tabs: window });
  return { store, engine, storage };
}

async function settled(store: AppStore) {
  await vi.waitFor(() => expect(store.getState().status).not.toBe('running'), WAIT);
}

/** Boots a store on whatever localStorage holds, as the page does. */
async function booted(storage = browserStorage()) {
  const t = makeStore(storage);
  await boot(t.store, parseLink('http://x/'), catalog);
  await settled(t.store);
  return t;
}

const envelope = (state: unknown, version: unknown = 1) => JSON.stringify({ state, version });
const mySave = (doc: ScenarioDocument = smallDoc({ id: 'mine', title: 'Mine' }), extra: Record<string, unknown> = {}) =>
  envelope({ doc, baseId: 'small', edited: true, laneChoice: null, cursor: 4, theme: 'dark', speed: 2, ...extra });
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const stored = () => window.localStorage.getItem(WORKSPACE_KEY);

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.restoreAllMocks());

describe('a corrupted saved workspace', () => {
  const validDoc = smallDoc({ id: 'mine', title: 'Mine' });
  const { files: _files, ...noFiles } = validDoc;
  const corrupted: [string, string, RegExp][] = [
    ['"doc":"x"', envelope({ doc: 'x', edited: true }), /^state\.doc: /],
    ['doc.files missing', envelope({ doc: noFiles, edited: true }), /^state\.doc\.files: /],
    ['doc.faults "x"', envelope({ doc: { ...validDoc, faults: 'x' }, edited: true }), /^state\.doc\.faults: /],
    ['an unknown key in the doc', envelope({ doc: { ...validDoc, extra: 1 }, edited: true }), /^state\.doc/],
    ['state "x"', envelope('x'), /^state: not an object/],
    ['not JSON', '{"state":{"doc":', /^\(document\): not JSON/],
    ['JSON but not an object', '[1,2]', /^\(document\): not a saved workspace/],
    ['an unknown version', mySave(validDoc).replace('"version":1', '"version":7'), /^version: 7: this build reads version 1/],
  ];

  for (const [what, raw, issue] of corrupted)
    it(`(${what}) opens the default, says why, keeps the copy aside and offers to export it`, async () => {
      window.localStorage.setItem(WORKSPACE_KEY, raw);
      const { store, engine } = await booted();
      const s = store.getState();
      expect(s.status).toBe('done');
      expect(s.doc?.id).toBe('small');
      expect(engine.loaded).toHaveLength(1);
      expect(s.banner?.kind).toBe('error');
      expect(s.banner?.text).toMatch(/^Your saved work could not be read, so the default scenario opened\. A copy is kept in this browser/);
      expect(s.banner?.details?.[0]).toMatch(issue);
      expect(s.banner?.download).toMatchObject({ label: 'Export the unreadable copy', text: raw });
      expect(window.localStorage.getItem(UNREADABLE_KEY)).toBe(raw);
      // the copy is aside: the workspace key is saved again (the default, then edits), the copy is never touched
      s.removeFault(0);
      await settled(store);
      expect(readSavedWorkspace(window.localStorage)?.doc?.id).toBe('small');
      expect(window.localStorage.getItem(UNREADABLE_KEY)).toBe(raw);
      // the next visit opens the saved default without a word
      const again = await booted();
      expect(again.store.getState()).toMatchObject({ banner: null, edited: true, doc: { id: 'small', faults: [] } });
    });

  it('extra or nonsensical persisted keys are left out: the work itself is restored (no blank page)', async () => {
    window.localStorage.setItem(WORKSPACE_KEY, mySave(undefined, { status: 'running', result: 'x', faults: 'x', requestReplace: 1, cursor: 'x', theme: 'neon', laneChoice: 'x' }));
    const { store, engine } = await booted();
    const s = store.getState();
    expect(s).toMatchObject({ banner: null, status: 'done', edited: true, baseId: 'small', cursor: 0, theme: 'system', laneChoice: null, doc: { id: 'mine' } });
    expect(typeof s.requestReplace).toBe('function');
    expect(engine.loaded).toEqual([s.doc]);
  });

  it('a valid save is restored after validation, nothing written before', async () => {
    const raw = mySave();
    window.localStorage.setItem(WORKSPACE_KEY, raw);
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const { store } = makeStore();
    expect(store.getState().restored).toBe(false);
    await workspaceRestored(store);
    expect(store.getState()).toMatchObject({ doc: { id: 'mine' }, edited: true, cursor: 4, theme: 'dark', speed: 2 });
    expect(setItem).not.toHaveBeenCalled();
    expect(stored()).toBe(raw);
  });

  it('when the copy cannot be kept aside (storage full), saving is paused and the save is never overwritten', async () => {
    const raw = envelope({ doc: 'x', edited: true });
    window.localStorage.setItem(WORKSPACE_KEY, raw);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw quota();
    });
    const { store } = await booted();
    expect(store.getState().banner?.text).toMatch(/could not be copied aside, so saving is paused/);
    expect(store.getState().banner?.download?.text).toBe(raw);
    vi.restoreAllMocks();
    store.getState().removeFault(0);
    await settled(store);
    expect(stored()).toBe(raw);
    expect(window.localStorage.getItem(UNREADABLE_KEY)).toBeNull();
  });
});

describe('a full storage', () => {
  it('a scenario that does not fit still runs; the banner says so; the last save is kept', async () => {
    const { store, engine } = await booted();
    store.getState().removeFault(0);
    await settled(store);
    const before = stored();
    expect(readSavedWorkspace(window.localStorage)?.doc?.faults).toEqual([]);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw quota();
    });
    // (any save fails here: the size of the document does not matter to the store)
    const big = smallDoc({ id: 'big', title: 'Big' });
    await expect(store.getState().requestReplace({ source: 'import', text: JSON.stringify(big), name: 'big.json' })).resolves.toEqual({ status: 'asking' });
    store.getState().confirmReplace();
    await settled(store);
    expect(store.getState()).toMatchObject({ status: 'done', doc: { id: 'big' } });
    expect(engine.loaded.at(-1)).toEqual(store.getState().doc);
    expect(store.getState().saveError).toMatch(/storage is full/);
    expect(store.getState().banner).toEqual({
      kind: 'error',
      text: 'Your work could not be saved: the browser’s storage is full. Your last save is kept and the page keeps running; free some space or use Export to keep this scenario.',
    });
    expect(stored()).toBe(before);
  });

  it('the Files control during a full storage: the field and the lanes agree, and the app keeps working', async () => {
    const { store, engine } = await booted();
    const before = stored();
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw quota();
    });
    expect(() => store.getState().setFileRows('f1', 500)).not.toThrow();
    await settled(store);
    expect(store.getState().doc?.files.f1?.rows[0]).toMatchObject({ ids: [1, 500] });
    expect((engine.loaded.at(-1) as ScenarioDocument).files.f1?.rows[0]).toMatchObject({ ids: [1, 500] });
    expect(store.getState().banner?.text).toMatch(/^Your work could not be saved/);
    // playing, stepping, more edits: no throw, one banner, the last save intact
    store.getState().setCursor(3);
    store.getState().setFileRows('f1', 600);
    await settled(store);
    expect(store.getState().doc?.files.f1?.rows[0]).toMatchObject({ ids: [1, 600] });
    expect(stored()).toBe(before);
    // space is freed: the next change is saved and the banner says so
    vi.restoreAllMocks();
    store.getState().setCursor(2);
    expect(store.getState()).toMatchObject({ saveError: null, banner: { kind: 'info', text: 'Your work is saved again.' } });
    expect(readSavedWorkspace(window.localStorage)?.doc?.files.f1?.rows[0]).toMatchObject({ ids: [1, 600] });
  });

  it('full at load: the saved work is still read from localStorage (not memory, not the default)', async () => {
    window.localStorage.setItem(WORKSPACE_KEY, mySave());
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw quota();
    });
    const storage = browserStorage();
    expect(storage).toBe(window.localStorage);
    const { store } = await booted(storage);
    expect(store.getState()).toMatchObject({ doc: { id: 'mine' }, edited: true, cursor: 4 });
    store.getState().removeFault(0);
    await settled(store);
    expect(store.getState().banner?.text).toMatch(/storage is full/);
    expect(readSavedWorkspace(window.localStorage)?.doc?.faults).toHaveLength(1);
  });

  it('any other refusal is reported the same way, with its reason', async () => {
    const storage = memoryStorage();
    const { store } = await booted(storage);
    storage.setItem = () => {
      throw new Error('denied');
    };
    store.getState().removeFault(0);
    await settled(store);
    expect(store.getState().banner?.text).toMatch(/^Your work could not be saved: the browser refused \(denied\)\./);
  });
});

describe('two tabs', () => {
  /** Another tab writes its workspace: localStorage changes and this window hears a `storage` event. */
  function otherTabWrites(raw: string) {
    const before = window.localStorage.getItem(WORKSPACE_KEY);
    window.localStorage.setItem(WORKSPACE_KEY, raw);
    window.dispatchEvent(new StorageEvent('storage', { key: WORKSPACE_KEY, oldValue: before, newValue: raw, storageArea: window.localStorage }));
  }
  const theirs = () => mySave(smallDoc({ id: 'theirs', title: 'Theirs', faults: [] }), { cursor: 2, baseId: null, laneChoice: ['naive'] });

  async function editedTab() {
    const t = await booted();
    t.store.getState().removeFault(0);
    await settled(t.store);
    return t;
  }

  it('another tab saving another scenario asks; "Keep mine" saves mine again (nothing saved while asking)', async () => {
    const { store } = await editedTab();
    const mine = store.getState().doc;
    otherTabWrites(theirs());
    await vi.waitFor(() => expect(store.getState().pendingReplace?.source).toBe('other-tab'), WAIT);
    expect(store.getState().pendingReplace).toMatchObject({ name: 'Theirs', doc: { id: 'theirs' }, saved: { edited: true, baseId: null } });
    expect(store.getState().doc).toBe(mine);
    // this tab keeps playing behind the question, but does not overwrite the other tab's save
    store.getState().setCursor(5);
    expect(stored()).toBe(theirs());
    store.getState().cancelReplace();
    expect(store.getState().doc).toBe(mine);
    expect(readSavedWorkspace(window.localStorage)).toMatchObject({ doc: { id: 'small', faults: [] }, cursor: 5 });
  });

  it('"Load that version" replaces this tab\'s scenario with the other tab\'s workspace only after the answer', async () => {
    const { store, engine } = await editedTab();
    otherTabWrites(theirs());
    await vi.waitFor(() => expect(store.getState().pendingReplace?.source).toBe('other-tab'), WAIT);
    store.getState().confirmReplace();
    await settled(store);
    expect(store.getState()).toMatchObject({ pendingReplace: null, edited: true, baseId: null, cursor: 2, laneChoice: ['naive'], doc: { id: 'theirs' } });
    expect(engine.loaded.at(-1)).toMatchObject({ id: 'theirs' });
    expect(readSavedWorkspace(window.localStorage)?.doc?.id).toBe('theirs');
  });

  it('the same scenario saved by another tab (its cursor, its theme) asks nothing; an unreadable one is ignored', async () => {
    const { store } = await editedTab();
    const same = envelope({ ...readSavedWorkspace(window.localStorage), cursor: 9, theme: 'light' });
    otherTabWrites(same);
    otherTabWrites(envelope({ doc: 'x' }));
    otherTabWrites('not json');
    await new Promise((r) => setTimeout(r, 50));
    expect(store.getState().pendingReplace).toBeNull();
    expect(store.getState().doc?.id).toBe('small');
  });

  it('a question already open comes first; the other tab\'s save is asked about after it', async () => {
    const { store } = await editedTab();
    await store.getState().requestReplace({ source: 'picker', catalogId: 'other' });
    expect(store.getState().pendingReplace?.source).toBe('picker');
    otherTabWrites(theirs());
    await new Promise((r) => setTimeout(r, 50));
    expect(store.getState().pendingReplace?.source).toBe('picker');
    store.getState().cancelReplace();
    expect(store.getState().pendingReplace).toMatchObject({ source: 'other-tab', doc: { id: 'theirs' } });
  });

  it('the newest save of the other tab is the one asked about', async () => {
    const { store } = await editedTab();
    otherTabWrites(theirs());
    await vi.waitFor(() => expect(store.getState().pendingReplace?.source).toBe('other-tab'), WAIT);
    otherTabWrites(mySave(smallDoc({ id: 'theirs', title: 'Theirs, later', faults: [] })));
    await vi.waitFor(() => expect(store.getState().pendingReplace?.name).toBe('Theirs, later'), WAIT);
  });
});
