import { asCursor } from '../../src/engine/positions';
import { describe, expect, it, vi } from 'vitest';
import { encodePayload } from '../../src/share/codec';
import { parseLink } from '../../src/share/links';
import { memoryStorage, WORKSPACE_KEY } from '../../src/share/storage';
import { boot } from '../../src/state/boot';
import { readSavedWorkspace, workspaceRestored } from '../../src/state/store';
import { verdictAt, visibleLanes } from '../../src/state/selectors';
import { DEFAULT_MAX_ATTEMPTS } from '../../src/state/workspaceSlice';
import { QUERY_TIMEOUT_MS, Stopped } from '../../src/worker/client';
import { otherDoc, settled, smallDoc, testStore } from './helpers';

/** Generous: a busy machine loads the lazily imported validator slowly. */
const WAIT = { timeout: 5000 };

describe('store: simulation and playback', () => {
  it('opens a scenario, runs it, and steps over the precomputed trace', async () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    expect(store.getState().status).toBe('running');
    await settled(store);
    const s = store.getState();
    expect(s.status).toBe('done');
    expect(s.result?.lanes.map((l) => l.id)).toEqual(['naive', 'tracking-atomic', 'ingestor-lock']);
    const ticks = s.result?.ticks ?? 0;
    expect(ticks).toBeGreaterThan(10);
    s.stepBy(1);
    expect(store.getState().cursor).toBe(1);
    s.stepBy(-5);
    expect(store.getState().cursor).toBe(0);
    s.toEnd();
    expect(store.getState().cursor).toBe(ticks);
    s.stepBy(3);
    expect(store.getState().cursor).toBe(ticks);
    const naive = store.getState().result!.lanes[0]!;
    expect(verdictAt(naive, asCursor(ticks), ticks).text).toBe('dup 800');
    const atomic = store.getState().result!.lanes[1]!;
    expect(verdictAt(atomic, asCursor(ticks), ticks).text).toBe('exactly-once');
    const lock = store.getState().result!.lanes[2]!;
    expect(verdictAt(lock, asCursor(ticks), ticks).text).toBe('lost 200');
    expect(verdictAt(naive, asCursor(0), ticks).kind).toBe('pending');
  });

  it('plays: the cursor advances on the clock, pauses, and stops by itself at the end', async () => {
    const ticksFns: (() => void)[] = [];
    const timers = { setInterval: (fn: () => void) => ticksFns.push(fn) - 1, clearInterval: (id: unknown) => void (ticksFns[id as number] = () => {}) };
    const { store } = testStore(undefined, undefined, timers);
    store.getState().openScenario('small');
    await settled(store);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(true);
    const tick = () => ticksFns.at(-1)?.();
    tick();
    tick();
    expect(store.getState().cursor).toBe(2);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(false);
    tick();
    expect(store.getState().cursor).toBe(2);
    store.getState().play();
    const end = store.getState().result!.ticks;
    for (let i = 0; i < end + 5; i++) tick();
    expect(store.getState().cursor).toBe(end);
    expect(store.getState().playing).toBe(false);
  });

  it('plays with the real clock, called the way a browser requires (setInterval unbound from any object)', async () => {
    // a browser's setInterval throws "Illegal invocation" when called as a method of something else
    const real = globalThis.setInterval;
    const strict = function (this: unknown, fn: () => void, ms: number) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      return real(fn, ms);
    };
    vi.stubGlobal('setInterval', strict);
    try {
      const { store } = testStore();
      store.getState().openScenario('small');
      await settled(store);
      store.getState().setSpeed(8);
      expect(() => store.getState().togglePlay()).not.toThrow();
      await vi.waitFor(() => expect(store.getState().cursor).toBeGreaterThanOrEqual(2), WAIT);
      store.getState().pause();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('jumps from event to event', async () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    await settled(store);
    store.getState().nextEvent();
    const c = store.getState().cursor;
    const naive = store.getState().result!.lanes[0]!;
    expect(naive.trace.find((e) => e.tick === c - 1)?.kind).toBe('crash');
    store.getState().nextEvent();
    expect(store.getState().cursor).toBeGreaterThan(c);
  });

  it('re-runs on a fault change and keeps the cursor (clamped)', async () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    await settled(store);
    store.getState().setCursor(5);
    store.getState().removeFault(0);
    expect(store.getState().edited).toBe(true);
    await settled(store);
    expect(store.getState().cursor).toBe(5);
    const ticks = store.getState().result!.ticks;
    store.getState().toEnd();
    const naive = store.getState().result!.lanes[0]!;
    expect(verdictAt(naive, asCursor(ticks), ticks).text).toBe('exactly-once');
    store.getState().addFault({ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 300 } });
    await settled(store);
    expect(store.getState().cursor).toBeLessThanOrEqual(store.getState().result!.ticks);
    expect(store.getState().result!.lanes[0]!.metrics?.duplicates).toBe(300);
  });

  it('resizes a file from the quick control and re-runs: below the crash point the crash never comes', async () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    await settled(store);
    store.getState().setFileRows('f1', 500);
    expect(store.getState().status).toBe('running');
    await settled(store);
    expect(store.getState().doc?.files.f1?.rows[0]).toMatchObject({ ids: [1, 500] });
    expect(store.getState().result!.lanes[0]!.metrics).toMatchObject({ rows: 500, duplicates: 0, verdict: 'exactly-once' });
    store.getState().setFileRows('f1', 2000);
    await settled(store);
    expect(store.getState().result!.lanes[0]!.metrics).toMatchObject({ rows: 2800, duplicates: 800 });
    const loads = store.getState().result;
    store.getState().setFileRows('f1', 2000); // unchanged: no re-run
    expect(store.getState().status).toBe('done');
    expect(store.getState().result).toBe(loads);
  });

  it('shows validation errors with JSON paths', async () => {
    const { store } = testStore();
    store.getState().replaceDoc(smallDoc({ runs: [{ input: ['nope'] }] }), { edited: true });
    await settled(store);
    expect(store.getState().status).toBe('invalid');
    expect(store.getState().errors.join('\n')).toMatch(/runs\[0\]\.input\[0\]/);
  });

  it('chooses lanes and never hides them all', async () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    await settled(store);
    store.getState().toggleLane('naive');
    expect(visibleLanes(store.getState().result, store.getState().laneChoice).map((l) => l.id)).toEqual(['tracking-atomic', 'ingestor-lock']);
    store.getState().toggleLane('tracking-atomic');
    store.getState().toggleLane('ingestor-lock');
    expect(store.getState().laneChoice).toEqual(['ingestor-lock']);
    store.getState().toggleLane('naive');
    expect(store.getState().laneChoice).toEqual(['naive', 'ingestor-lock']);
  });

  it('queries a lane at the cursor in the engine', async () => {
    const { store } = testStore();
    store.getState().openScenario('small');
    await settled(store);
    store.getState().toEnd();
    const res = await store.getState().runQuery('naive', 'SELECT COUNT(*) FROM dest');
    expect(res.rows[0]?.[0]).toBe(1800);
    store.getState().setCursor(0);
    const before = await store.getState().runQuery('naive', 'SELECT COUNT(*) FROM dest');
    expect(before.rows[0]?.[0]).toBe(0);
    await expect(store.getState().runQuery('naive', 'SELECT nope FROM dest')).rejects.toThrow(/nope/);
  });
});

describe('store: workspace persistence and links', () => {
  it('saves the workspace and restores it in a new store', async () => {
    const storage = memoryStorage();
    const a = testStore(storage);
    a.store.getState().openScenario('small');
    await settled(a.store);
    a.store.getState().removeFault(0);
    a.store.getState().setTheme('dark');
    await settled(a.store);
    a.store.getState().setCursor(7);
    const saved = readSavedWorkspace(storage);
    expect(saved?.edited).toBe(true);
    expect(saved?.doc?.faults).toEqual([]);
    const b = testStore(storage);
    // the saved workspace is validated (the validator loads lazily) before it is restored
    await workspaceRestored(b.store);
    expect(b.store.getState().doc?.faults).toEqual([]);
    expect(b.store.getState().theme).toBe('dark');
    expect(b.store.getState().cursor).toBe(7);
  });

  it('a broken link opens the default scenario with a message and keeps the saved workspace', async () => {
    const storage = memoryStorage();
    const a = testStore(storage);
    a.store.getState().replaceDoc(otherDoc(), { edited: true });
    await settled(a.store);
    const before = storage.data.get(WORKSPACE_KEY);
    const b = testStore(storage);
    await boot(b.store, parseLink('http://x/#/s/v1.%%%broken'), b.catalog);
    await settled(b.store);
    expect(b.store.getState().banner?.text).toMatch(/base64/);
    expect(b.store.getState().doc?.id).toBe('small');
    b.store.getState().stepBy(1);
    b.store.getState().removeFault(0);
    await settled(b.store);
    expect(storage.data.get(WORKSPACE_KEY)).toBe(before);
  });

  it('an invalid shared scenario lists its errors', async () => {
    const { store, catalog } = testStore();
    const payload = await encodePayload({ ...smallDoc(), runs: [] });
    await boot(store, parseLink(`http://x/#/s/${payload}`), catalog);
    expect(store.getState().banner?.text).toMatch(/invalid scenario/);
    expect(store.getState().banner?.details?.[0]).toMatch(/^runs/);
  });

  it('asks before a shared link replaces edited work, and restores the view', async () => {
    const storage = memoryStorage();
    const a = testStore(storage);
    a.store.getState().replaceDoc(otherDoc(), { edited: true });
    await settled(a.store);
    const payload = await encodePayload({ ...smallDoc({ title: 'Shared' }), view: { step: 4, lanes: ['naive'] } });
    const b = testStore(storage);
    await boot(b.store, parseLink(`http://x/#/s/${payload}`), b.catalog);
    expect(b.store.getState().pendingReplace).toMatchObject({ source: 'share', doc: { title: 'Shared' } });
    expect(b.store.getState().doc?.id).toBe('other');
    // the saved work plays behind the question, and nothing is saved until the answer
    await settled(b.store);
    expect(b.store.getState().result).not.toBeNull();
    expect(b.store.getState().persistOn).toBe(false);
    b.store.getState().confirmReplace();
    expect(b.store.getState().pendingReplace).toBeNull();
    await settled(b.store);
    expect(b.store.getState().doc?.title).toBe('Shared');
    expect(b.store.getState().cursor).toBe(4);
    expect(b.store.getState().laneChoice).toEqual(['naive']);
    expect(readSavedWorkspace(storage)?.doc?.title).toBe('Shared');
  });

  it('"Keep my work" keeps the workspace', async () => {
    const storage = memoryStorage();
    const a = testStore(storage);
    a.store.getState().replaceDoc(otherDoc(), { edited: true });
    await settled(a.store);
    const b = testStore(storage);
    await boot(b.store, parseLink(`http://x/#/s/${await encodePayload(smallDoc({ title: 'Shared' }))}`), b.catalog);
    expect(b.store.getState().pendingReplace?.source).toBe('share');
    b.store.getState().cancelReplace();
    expect(b.store.getState().pendingReplace).toBeNull();
    expect(b.store.getState().persistOn).toBe(true);
    await settled(b.store);
    expect(b.store.getState().doc?.id).toBe('other');
    expect(readSavedWorkspace(storage)?.doc?.id).toBe('other');
  });

  it('opens presets with step and lanes', async () => {
    const { store, catalog } = testStore();
    await boot(store, parseLink('http://x/?scenario=other&step=3&lanes=naive'), catalog);
    await settled(store);
    expect(store.getState().doc?.id).toBe('other');
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().laneChoice).toEqual(['naive']);
  });

  it('an unknown preset says so', async () => {
    const { store, catalog } = testStore();
    await boot(store, parseLink('http://x/?scenario=nope'), catalog);
    expect(store.getState().banner?.text).toMatch(/nope/);
    expect(store.getState().doc?.id).toBe('small');
  });
});

describe('store: one action per way a document arrives (validate, then ask before replacing edited work)', () => {
  /** A store on `small`, with its work edited (the fault removed) unless `edited` is false. */
  async function onSmall(edited = true) {
    const t = testStore();
    t.store.getState().openScenario('small');
    await settled(t.store);
    if (edited) t.store.getState().removeFault(0);
    await settled(t.store);
    return t;
  }
  const theirs = () => JSON.stringify(smallDoc({ id: 'theirs', title: 'Theirs' }));

  it('import: replaces unedited work at once; over edited work it asks, and "Keep my work" keeps it', async () => {
    const fresh = await onSmall(false);
    await expect(fresh.store.getState().requestReplace({ source: 'import', text: theirs(), name: 'theirs.json' })).resolves.toEqual({ status: 'replaced' });
    expect(fresh.store.getState()).toMatchObject({ pendingReplace: null, edited: true, baseId: null, doc: { title: 'Theirs' } });

    const { store } = await onSmall();
    const mine = store.getState().doc;
    await expect(store.getState().requestReplace({ source: 'import', text: theirs(), name: 'theirs.json' })).resolves.toEqual({ status: 'asking' });
    expect(store.getState().pendingReplace).toMatchObject({ source: 'import', name: 'theirs.json', doc: { title: 'Theirs' } });
    expect(store.getState().doc).toBe(mine);
    store.getState().cancelReplace();
    expect(store.getState().pendingReplace).toBeNull();
    expect(store.getState().doc).toBe(mine);
    await store.getState().requestReplace({ source: 'import', text: theirs(), name: 'theirs.json' });
    store.getState().confirmReplace();
    expect(store.getState()).toMatchObject({ pendingReplace: null, edited: true, baseId: null, doc: { title: 'Theirs' } });
  });

  it('picker: asks over edited work; the answer opens the catalogue entry as itself (not edited)', async () => {
    const fresh = await onSmall(false);
    await expect(fresh.store.getState().requestReplace({ source: 'picker', catalogId: 'other' })).resolves.toEqual({ status: 'replaced' });
    expect(fresh.store.getState()).toMatchObject({ edited: false, baseId: 'other', doc: { id: 'other' } });

    const { store } = await onSmall();
    await expect(store.getState().requestReplace({ source: 'picker', catalogId: 'other' })).resolves.toEqual({ status: 'asking' });
    expect(store.getState().pendingReplace).toMatchObject({ source: 'picker', catalogId: 'other', name: 'No fault' });
    expect(store.getState().doc?.id).toBe('small');
    store.getState().confirmReplace();
    expect(store.getState()).toMatchObject({ pendingReplace: null, edited: false, baseId: 'other', doc: { id: 'other' } });
  });

  it('share: asks over edited work unless the link holds that very work; restores the view', async () => {
    const fresh = await onSmall(false);
    const shared = { ...smallDoc({ title: 'Shared' }), view: { step: 2 } };
    await expect(fresh.store.getState().requestReplace({ source: 'share', doc: shared, view: { step: 2 } })).resolves.toEqual({ status: 'replaced' });
    expect(fresh.store.getState()).toMatchObject({ edited: true, cursor: 2, doc: { title: 'Shared' } });
    expect(fresh.store.getState().doc).not.toHaveProperty('view');

    const { store } = await onSmall();
    await expect(store.getState().requestReplace({ source: 'share', doc: shared })).resolves.toEqual({ status: 'asking' });
    expect(store.getState().persistOn).toBe(false);
    store.getState().confirmReplace();
    expect(store.getState()).toMatchObject({ persistOn: true, doc: { title: 'Shared' } });
    // the same work behind a link (defaults spelled out or not, keys in another order) is not a replacement
    const same = JSON.parse(JSON.stringify(store.getState().doc)) as Record<string, unknown>;
    delete same.retry;
    await expect(store.getState().requestReplace({ source: 'share', doc: same, view: { step: 1 } })).resolves.toEqual({ status: 'replaced' });
  });

  it('editor: applies edits of this scenario without asking and closes; another scenario over edited work asks', async () => {
    const { store } = await onSmall();
    store.getState().setEditorOpen(true);
    store.getState().setCursor(3);
    const tweak = JSON.stringify({ ...store.getState().doc, title: 'Tweaked' });
    await expect(store.getState().requestReplace({ source: 'editor', text: tweak })).resolves.toEqual({ status: 'replaced' });
    // the editor edits in place: the base, the cursor and the lanes stay
    expect(store.getState()).toMatchObject({ editorOpen: false, edited: true, baseId: 'small', cursor: 3, doc: { title: 'Tweaked' } });

    store.getState().setEditorOpen(true);
    await expect(store.getState().requestReplace({ source: 'editor', text: theirs() })).resolves.toEqual({ status: 'asking' });
    expect(store.getState()).toMatchObject({ editorOpen: true, pendingReplace: { source: 'editor' }, doc: { title: 'Tweaked' } });
    store.getState().cancelReplace();
    expect(store.getState()).toMatchObject({ editorOpen: true, doc: { title: 'Tweaked' } });
    await store.getState().requestReplace({ source: 'editor', text: theirs() });
    store.getState().confirmReplace();
    expect(store.getState()).toMatchObject({ editorOpen: false, doc: { title: 'Theirs' } });

    const fresh = await onSmall(false);
    fresh.store.getState().setEditorOpen(true);
    await expect(fresh.store.getState().requestReplace({ source: 'editor', text: theirs() })).resolves.toEqual({ status: 'replaced' });
    expect(fresh.store.getState()).toMatchObject({ editorOpen: false, edited: true, doc: { title: 'Theirs' } });
  });

  it('refuses an invalid document from any source with its errors and keeps the work (edited or not)', async () => {
    for (const edited of [true, false]) {
      const { store } = await onSmall(edited);
      const mine = store.getState().doc;
      const bad = smallDoc({ runs: [{ input: ['nope'] }] });

      const imported = await store.getState().requestReplace({ source: 'import', text: JSON.stringify(bad), name: 'bad.json' });
      expect(imported.status).toBe('invalid');
      expect(store.getState().banner?.text).toBe('“bad.json” is not a valid scenario; your current work is kept.');
      expect(store.getState().banner?.details?.[0]).toMatch(/^runs\[0\]\.input\[0\]: /);

      store.getState().showBanner(null);
      const syntax = await store.getState().requestReplace({ source: 'import', text: '{"format": ', name: 'cut.json' });
      expect(syntax.status).toBe('invalid');
      expect(store.getState().banner?.details?.[0]).toMatch(/^\(document\): invalid JSON/);

      const shared = await store.getState().requestReplace({ source: 'share', doc: { ...bad, runs: [] } });
      expect(shared.status).toBe('invalid');
      expect(store.getState().banner?.text).toMatch(/This share link holds an invalid scenario \(1 problem\)/);

      const picked = await store.getState().requestReplace({ source: 'picker', catalogId: 'nope' });
      expect(picked.status).toBe('invalid');
      expect(store.getState().banner?.text).toMatch(/no scenario "nope"/);

      // the editor lists the errors itself: no banner
      store.getState().showBanner(null);
      const fromEditor = await store.getState().requestReplace({ source: 'editor', text: JSON.stringify(bad) });
      expect(fromEditor).toMatchObject({ status: 'invalid', issues: [{ path: ['runs', 0, 'input', 0] }] });
      expect(store.getState().banner).toBeNull();

      expect(store.getState().doc).toBe(mine);
      expect(store.getState().pendingReplace).toBeNull();
      expect(store.getState().edited).toBe(edited);
    }
  });

  it('a valid import after a refused one clears the refusal', async () => {
    const { store } = await onSmall(false);
    await store.getState().requestReplace({ source: 'import', text: '{}', name: 'empty.json' });
    expect(store.getState().banner?.kind).toBe('error');
    await store.getState().requestReplace({ source: 'import', text: theirs(), name: 'theirs.json' });
    expect(store.getState().banner).toBeNull();
  });
});

describe('store: the document with its defaults, read from one place', () => {
  it('holds every fault with its attempt and retry with its maxAttempts', async () => {
    const { store } = testStore();
    const doc = smallDoc({ faults: [{ run: 1, kind: 'crash', at: { afterRows: 10 } }] });
    delete doc.retry;
    store.getState().replaceDoc(doc, { edited: true });
    expect(store.getState().doc?.faults).toEqual([{ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 10 } }]);
    expect(store.getState().doc?.retry).toEqual({ maxAttempts: DEFAULT_MAX_ATTEMPTS });
    // the engine agrees on the default
    await settled(store);
    expect(store.getState().result?.maxAttempts).toBe(DEFAULT_MAX_ATTEMPTS);
    store.getState().setMaxAttempts(50);
    expect(store.getState().doc?.retry.maxAttempts).toBe(20);
    await settled(store);
  });

  it('applies the defaults to a workspace saved without them', async () => {
    const storage = memoryStorage();
    const doc = smallDoc({ faults: [{ run: 1, kind: 'error', at: { afterRows: 5 } }] });
    storage.setItem(WORKSPACE_KEY, JSON.stringify({ state: { doc, edited: true, baseId: null }, version: 1 }));
    const { store } = testStore(storage);
    await workspaceRestored(store);
    expect(store.getState().doc?.faults[0]?.attempt).toBe(1);
    expect(store.getState().doc?.retry.maxAttempts).toBe(DEFAULT_MAX_ATTEMPTS);
  });

  it('words the query timeout from the one constant', async () => {
    const engine = {
      load: async () => ({ ok: false as const, errors: [] }),
      query: async () => Promise.reject(new Stopped('timeout')),
      cancel: () => {},
    };
    const { store } = testStore(undefined, engine);
    expect(store.getState().queryTimeoutMs).toBe(QUERY_TIMEOUT_MS);
    await expect(store.getState().runQuery('naive', 'SELECT 1')).rejects.toThrow(`longer than ${QUERY_TIMEOUT_MS / 1000} seconds`);
  });
});
