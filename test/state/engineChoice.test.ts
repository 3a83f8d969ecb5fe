import { describe, expect, it } from 'vitest';
import { asCursor } from '../../src/engine/positions';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom } from '../../src/state/catalog';
import { ENGINE_KEY, readEngineChoice, shownResultEngine } from '../../src/state/engineChoice';
import { createAppStore } from '../../src/state/store';
import { Stopped, type EngineClient } from '../../src/worker/client';
import { SwitchingEngineClient } from '../../src/worker/engineSwitch';
import { inProcessEngine, otherDoc, settled, smallDoc } from './helpers';

/** An engine that records every call with all its arguments (and runs the real one in process). */
function recording() {
  const inner = inProcessEngine() as Required<EngineClient>;
  const calls: { method: string; args: unknown[] }[] = [];
  let cancels = 0;
  const client: EngineClient = {
    load: (...args) => (calls.push({ method: 'load', args }), inner.load(...(args as [unknown]))),
    query: (...args) => (calls.push({ method: 'query', args }), inner.query(...args)),
    seek: (...args) => (calls.push({ method: 'seek', args }), inner.seek(...args)),
    queryEach: (...args) => (calls.push({ method: 'queryEach', args }), inner.queryEach(...args)),
    cancel: () => void cancels++,
  };
  return { client, calls, cancels: () => cancels };
}

function setup(storage = memoryStorage(), loadPostgres?: () => Promise<EngineClient>) {
  const sqlite = recording();
  const postgres = recording();
  let imports = 0;
  const engine = new SwitchingEngineClient(
    sqlite.client,
    loadPostgres ??
      (async () => {
        imports++;
        return postgres.client;
      }),
  );
  const catalog = catalogFrom({ '01-small.json': { default: smallDoc() }, '02-other.json': { default: otherDoc() } });
  const store = createAppStore({ engine, engineSwitch: engine, catalog }, storage);
  return { store, storage, engine, sqlite, postgres, imports: () => imports };
}

describe('the engine switch', () => {
  it('runs on SQLite by default and loads PostgreSQL only when chosen; switching runs again there and is remembered', async () => {
    const { store, storage, engine, sqlite, postgres, imports } = setup();
    store.getState().openScenario('small');
    await settled(store);
    expect(store.getState().engineChoice).toBe('sqlite');
    expect(shownResultEngine(store.getState())).toBe('sqlite');
    expect(imports()).toBe(0);
    expect(sqlite.calls.filter((c) => c.method === 'load')).toHaveLength(1);

    store.getState().setEngineChoice('postgres');
    expect(engine.kind).toBe('postgres');
    // (the other engine's work is cancelled: its workers and memory go)
    expect(sqlite.cancels()).toBe(1);
    await settled(store);
    expect(imports()).toBe(1);
    expect(postgres.calls.filter((c) => c.method === 'load')).toHaveLength(1);
    expect(store.getState().status).toBe('done');
    expect(shownResultEngine(store.getState())).toBe('postgres');
    expect(storage.getItem(ENGINE_KEY)).toBe('postgres');

    // the console goes to the chosen engine, every argument forwarded
    await engine.query('naive', asCursor(3), 'SELECT 2');
    await engine.seek('naive', asCursor(2));
    await engine.queryEach('naive', asCursor(2), ['SELECT 3']);
    expect(postgres.calls.slice(-3).map((c) => [c.method, c.args])).toEqual([
      ['query', ['naive', 3, 'SELECT 2']],
      ['seek', ['naive', 2]],
      ['queryEach', ['naive', 2, ['SELECT 3']]],
    ]);
    expect(sqlite.calls.some((c) => c.method === 'query')).toBe(false);

    // a second store in the same browser starts on PostgreSQL
    const again = setup(storage);
    expect(again.store.getState().engineChoice).toBe('postgres');
    expect(again.engine.kind).toBe('postgres');
  });

  it('forwards every argument of load, including callbacks it does not know', async () => {
    const { engine, postgres } = setup();
    engine.use('postgres');
    const onProgress = () => {};
    const onPartial = () => {};
    const load = engine.load as (...args: unknown[]) => ReturnType<EngineClient['load']>;
    await load(smallDoc(), onProgress, onPartial, 'a later argument');
    expect(postgres.calls[0]?.args).toEqual([smallDoc(), onProgress, onPartial, 'a later argument']);
  });

  it('reads only a known engine from storage', () => {
    const storage = memoryStorage();
    expect(readEngineChoice(storage)).toBe('sqlite');
    for (const bad of ['mysql', '', '"postgres"', 'POSTGRES']) {
      storage.setItem(ENGINE_KEY, bad);
      expect(readEngineChoice(storage)).toBe('sqlite');
    }
    storage.setItem(ENGINE_KEY, 'postgres');
    expect(readEngineChoice(storage)).toBe('postgres');
    const { store } = setup(storage);
    store.getState().setEngineChoice('mysql' as never);
    expect(store.getState().engineChoice).toBe('postgres');
  });

  it('says plainly when PGlite cannot be loaded, and tries again on the next run', async () => {
    let attempts = 0;
    const { store, engine } = setup(memoryStorage(), async () => {
      attempts++;
      throw new Error('Failed to fetch dynamically imported module');
    });
    store.getState().openScenario('small');
    await settled(store);
    store.getState().setEngineChoice('postgres');
    await settled(store);
    expect(store.getState().status).toBe('failed');
    expect(store.getState().errors).toEqual(['PostgreSQL (PGlite) could not be loaded: Failed to fetch dynamically imported module']);
    await expect(engine.load(smallDoc())).rejects.toThrow(/could not be loaded/);
    expect(attempts).toBe(2);
  });

  it('a cancel while PGlite is still downloading abandons that load', async () => {
    const postgres = recording();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { engine } = setup(memoryStorage(), async () => {
      await gate;
      return postgres.client;
    });
    engine.use('postgres');
    const pending = engine.load(smallDoc());
    engine.cancel();
    release();
    await expect(pending).rejects.toBeInstanceOf(Stopped);
    expect(postgres.calls).toEqual([]);
  });
});
