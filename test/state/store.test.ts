import { describe, expect, it, vi } from 'vitest';
import { encodePayload } from '../../src/share/codec';
import { parseLink } from '../../src/share/links';
import { memoryStorage, WORKSPACE_KEY } from '../../src/share/storage';
import { validateScenario } from '../../src/engine/validate';
import { boot } from '../../src/state/boot';
import { readSavedWorkspace } from '../../src/state/store';
import { verdictAt, visibleLanes } from '../../src/state/selectors';
import { otherDoc, settled, smallDoc, testStore } from './helpers';

const validate = async (v: unknown) => validateScenario(v);

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
    expect(verdictAt(naive, ticks, ticks).text).toBe('dup 800');
    const atomic = store.getState().result!.lanes[1]!;
    expect(verdictAt(atomic, ticks, ticks).text).toBe('exactly-once');
    const lock = store.getState().result!.lanes[2]!;
    expect(verdictAt(lock, ticks, ticks).text).toBe('lost 200');
    expect(verdictAt(naive, 0, ticks).kind).toBe('pending');
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
      await vi.waitFor(() => expect(store.getState().cursor).toBeGreaterThanOrEqual(2));
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
    expect(verdictAt(naive, ticks, ticks).text).toBe('exactly-once');
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
    await boot(b.store, parseLink('http://x/#/s/v1.%%%broken'), b.catalog, validate);
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
    await boot(store, parseLink(`http://x/#/s/${payload}`), catalog, validate);
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
    await boot(b.store, parseLink(`http://x/#/s/${payload}`), b.catalog, validate);
    expect(b.store.getState().pendingShare?.doc.title).toBe('Shared');
    expect(b.store.getState().doc?.id).toBe('other');
    b.store.getState().acceptPendingShare();
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
    await boot(b.store, parseLink(`http://x/#/s/${await encodePayload(smallDoc({ title: 'Shared' }))}`), b.catalog, validate);
    b.store.getState().rejectPendingShare();
    await settled(b.store);
    expect(b.store.getState().doc?.id).toBe('other');
    expect(readSavedWorkspace(storage)?.doc?.id).toBe('other');
  });

  it('opens presets with step and lanes', async () => {
    const { store, catalog } = testStore();
    await boot(store, parseLink('http://x/?scenario=other&step=3&lanes=naive'), catalog, validate);
    await settled(store);
    expect(store.getState().doc?.id).toBe('other');
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().laneChoice).toEqual(['naive']);
  });

  it('an unknown preset says so', async () => {
    const { store, catalog } = testStore();
    await boot(store, parseLink('http://x/?scenario=nope'), catalog, validate);
    expect(store.getState().banner?.text).toMatch(/nope/);
    expect(store.getState().doc?.id).toBe('small');
  });
});
