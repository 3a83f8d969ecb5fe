import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { explore } from '../../src/engine/explore/explorer';
import { localExecutor } from '../../src/engine/explore/localExecutor';
import { cursorShowing } from '../../src/engine/positions';
import { PreparedScenario } from '../../src/engine/simulation';
import { validateScenario, type Scenario } from '../../src/engine/validate';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom } from '../../src/state/catalog';
import { CANCEL_GRACE_MS } from '../../src/state/explorerSlice';
import { createAppStore } from '../../src/state/store';
import type { ExploreExecutor, ExplorerDeps } from '../../src/state/types';
import { ExplorePool, type PlayWorkerHandle } from '../../src/worker/explorePool';
import { PlayCore } from '../../src/worker/playCore';
import { inProcessEngine, settled, smallDoc } from './helpers';

/** A pool of in-process play cores (the browser's pool with PlayCore in place of Web Workers). */
const coreHandle = (): PlayWorkerHandle => {
  const core = new PlayCore(nodeBackend);
  return { open: (d) => core.open(d), prepare: async (s, seed) => void (await core.prepare(s, seed)), play: (f, l, t) => core.play(f, l, t), terminate: () => {} };
};

/** Opens the in-process pool on a document, wrapping its executor (`wrap`) when a test needs to. */
const openWith =
  (wrap: (pool: ExplorePool) => ExploreExecutor = (p) => p): ExplorerDeps['open'] =>
  async (doc) => {
    const out = await ExplorePool.open(doc, coreHandle, 2);
    return out.ok ? { ok: true, scenario: out.scenario, executor: wrap(out.pool) } : out;
  };

function setup(open: ExplorerDeps['open'] = openWith()) {
  const catalog = catalogFrom({ '01-small.json': { default: smallDoc() } });
  const store = createAppStore({ engine: inProcessEngine(), catalog, explorer: { explore, open } }, memoryStorage());
  store.getState().openScenario('small');
  return store;
}

const scenarioOf = (doc: unknown): Scenario => {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error('invalid');
  return v.scenario;
};

const until = async (ok: () => boolean, ms = 20_000) => {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('explorer slice', () => {
  it('explores the workspace document on the pool: the report is the engine’s, the document’s own faults untouched', async () => {
    const store = setup();
    await settled(store);
    const faults = store.getState().doc?.faults;
    store.getState().openExplore();
    expect(store.getState().exploreOpen).toBe(true);
    expect(store.getState().exploreStatus).toBe('idle');
    const run = store.getState().runExplore({ depth: 1 });
    expect(store.getState().exploreStatus).toBe('running');
    await run;
    const s = store.getState();
    expect(s.exploreStatus).toBe('done');
    expect(s.exploreMeta?.workers).toBe(2);
    const scenario = scenarioOf(smallDoc());
    const direct = await explore(scenario, localExecutor(await PreparedScenario.create(await nodeBackend(), scenario)), { depth: 1, kinds: ['crash', 'error'] });
    expect(s.exploreReport).toEqual(direct);
    expect(s.exploreReport?.complete).toBe(true);
    expect(s.doc?.faults).toEqual(faults);
    expect(s.edited).toBe(false);
  });

  it('Cancel keeps what was computed: the plays under way finish, the report is marked incomplete', async () => {
    let terminated = 0;
    const store = setup(
      openWith((pool) => ({
        concurrency: 2,
        size: 2,
        play: async (f, l, t) => {
          await new Promise((r) => setTimeout(r, 15));
          return pool.play(f, l, t);
        },
        terminate: () => {
          terminated++;
          pool.terminate();
        },
      })),
    );
    await settled(store);
    const run = store.getState().runExplore({ depth: 1 });
    await until(() => (store.getState().exploreProgress?.done ?? 0) >= 3);
    store.getState().cancelExplore();
    expect(store.getState().exploreStatus).toBe('cancelling');
    await run;
    const s = store.getState();
    expect(s.exploreStatus).toBe('cancelled');
    expect(s.exploreReport?.complete).toBe(false);
    const played = s.exploreReport?.schedules.length ?? 0;
    expect(played).toBeGreaterThan(1);
    expect(played).toBeLessThan(12);
    for (const lane of Object.values(s.exploreReport?.lanes ?? {})) {
      expect(lane.results).toHaveLength(played);
      expect(lane.certificate).toBeNull();
    }
    expect(terminated).toBe(1);
  });

  it('Cancel stops plays that do not end within the grace period (nothing to keep then)', async () => {
    let terminated = 0;
    const store = setup(async (doc) => ({
      ok: true,
      scenario: scenarioOf(doc),
      executor: { concurrency: 1, play: () => new Promise(() => {}), terminate: () => terminated++ },
    }));
    const run = store.getState().runExplore();
    await until(() => store.getState().exploreProgress !== null);
    store.getState().cancelExplore();
    await new Promise((r) => setTimeout(r, CANCEL_GRACE_MS + 100));
    expect(terminated).toBe(1);
    // the explorer still waits on the play the worker never answered: the view says cancelled all the same
    void run;
    expect(store.getState().exploreStatus).toBe('cancelled');
    expect(store.getState().exploreReport).toBeNull();
  });

  it('refuses an invalid document with its errors, and reports a failure', async () => {
    const store = setup(async (doc) => {
      if (doc.runs[0]?.input[0] === 'f1') throw new Error('no workers here');
      return openWith()(doc);
    });
    await settled(store);
    const doc = store.getState().doc;
    if (!doc) throw new Error('no doc');
    store.setState({ doc: { ...doc, runs: [{ input: ['nope'] }] } });
    await store.getState().runExplore();
    expect(store.getState().exploreStatus).toBe('invalid');
    expect(store.getState().exploreErrors.join('\n')).toMatch(/runs\[0\]\.input\[0\]/);
    store.setState({ doc });
    await store.getState().runExplore();
    expect(store.getState().exploreStatus).toBe('failed');
    expect(store.getState().exploreErrors).toEqual(['no workers here']);
  });

  it('a newer run replaces an older one (whose workers are stopped)', async () => {
    const stopped: number[] = [];
    let n = 0;
    const store = setup(async (doc) => {
      const mine = ++n;
      return openWith((pool) => Object.assign(Object.create(pool) as ExplorePool, { terminate: () => (stopped.push(mine), pool.terminate()) }))(doc);
    });
    await settled(store);
    // in-process plays never yield to timers: the second run starts from the first one's progress
    let second: Promise<void> | null = null;
    const stop = store.subscribe((x) => {
      if (second || (x.exploreProgress?.done ?? 0) < 1) return;
      stop();
      second = x.runExplore({ depth: 1, kinds: ['crash'] });
    });
    await store.getState().runExplore({ depth: 1 });
    await second;
    expect(stopped).toContain(1);
    expect(store.getState().exploreStatus).toBe('done');
    expect(store.getState().exploreReport?.kinds).toEqual(['crash']);
  });

  it('opens a cell: the schedule’s faults replace the document’s, and the cursor lands on that lane’s fault, its step selected', async () => {
    const store = setup();
    await settled(store);
    await store.getState().runExplore({ depth: 1 });
    const report = store.getState().exploreReport;
    const naive = report?.lanes.naive;
    const id = naive?.counterexample;
    if (!report || !naive || !id) throw new Error('naive never breaks');
    const schedule = report.schedules.find((x) => x.id === id);
    await store.getState().openExploreCell(id, 'naive');
    const s = store.getState();
    expect(s.exploreOpen).toBe(false);
    expect(s.edited).toBe(true);
    expect(s.doc?.faults).toEqual(schedule?.faults);
    expect(s.status).toBe('done');
    const lane = s.result?.lanes.find((l) => l.id === 'naive');
    const fault = lane?.trace.find((e) => e.kind === 'crash' || e.kind === 'error');
    if (!fault) throw new Error('no fault event');
    expect(s.selected).toEqual({ lane: 'naive', step: fault.step });
    expect(s.cursor).toBe(cursorShowing(fault.tick));
    // the playground ends as the cell says
    expect(lane?.metrics?.verdict).toBe(naive.results.find((r) => r.schedule === id)?.verdict);
    expect(lane?.metrics?.duplicates).toBe(naive.results.find((r) => r.schedule === id)?.duplicates);
    // the report is still the map of this document (only its faults changed), and the cell is remembered
    expect(s.exploreCell).toEqual({ schedule: id, lane: 'naive' });
    store.getState().openExplore();
    expect(store.getState().exploreReport).toBe(report);
  });

  it('opening the play without faults clears the document’s faults', async () => {
    const store = setup();
    await settled(store);
    await store.getState().runExplore({ depth: 1, kinds: ['crash'] });
    await store.getState().openExploreCell('s0', 'tracking-atomic');
    expect(store.getState().doc?.faults).toEqual([]);
    // no fault fired: the cursor is at the end
    expect(store.getState().cursor).toBe(store.getState().result?.ticks);
  });
});
