import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { localExecutor } from '../../src/engine/explore/localExecutor';
import type { PlayOutcome } from '../../src/engine/explore/types';
import type { FaultDoc } from '../../src/engine/schema';
import type { Seed } from '../../src/engine/seed';
import { PreparedScenario } from '../../src/engine/simulation';
import { validateScenario, type Scenario } from '../../src/engine/validate';
import { Stopped } from '../../src/worker/client';
import { ExplorePool, poolSize, type PlayWorkerHandle } from '../../src/worker/explorePool';
import { PlayCore } from '../../src/worker/playCore';
import { smallDoc } from './helpers';

const doc = smallDoc({ faults: [] });
const scenario = ((): Scenario => {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error('invalid');
  return v.scenario;
})();
const lanes = scenario.lanes.map((l) => l.id);
const crash: FaultDoc[] = [{ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 800 } }];

interface Spy {
  handles: { opened: number; seeds: Seed[]; plays: number; terminated: boolean }[];
}

/** Play cores behind the pool's handle, recording what each was handed. */
function spawner(spy: Spy, opts: { hold?: () => Promise<void>; failPrepare?: boolean } = {}): () => PlayWorkerHandle {
  return () => {
    const core = new PlayCore(nodeBackend);
    const rec = { opened: 0, seeds: [] as Seed[], plays: 0, terminated: false };
    spy.handles.push(rec);
    return {
      async open(doc) {
        rec.opened++;
        return core.open(doc);
      },
      async prepare(s, seed) {
        rec.seeds.push(seed);
        if (opts.failPrepare) throw new Error('cannot prepare');
        await core.prepare(s, seed);
      },
      async play(f, l, t) {
        rec.plays++;
        await opts.hold?.();
        return core.play(f, l, t);
      },
      terminate: () => {
        rec.terminated = true;
      },
    };
  };
}

/** Opens a pool on the small scenario (it must be valid). */
async function open(spy: Spy, size: number, opts?: Parameters<typeof spawner>[1]): Promise<ExplorePool> {
  const out = await ExplorePool.open(doc, spawner(spy, opts), size);
  if (!out.ok) throw new Error('invalid');
  expect(out.scenario).toEqual(scenario);
  return out.pool;
}

const metricsOf = (o: Record<string, PlayOutcome>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.metrics]));

describe('explore pool', () => {
  it('uses the cores but one, at least 2 and at most 4 workers', () => {
    expect([poolSize(1), poolSize(2), poolSize(3), poolSize(4), poolSize(8), poolSize(64), poolSize(0)]).toEqual([2, 2, 2, 3, 4, 4, 2]);
  });

  it('validates and builds the seed once, in the first worker, and hands each other worker its own copy', async () => {
    const spy: Spy = { handles: [] };
    const pool = await open(spy, 3);
    expect(pool.size).toBe(3);
    expect(pool.concurrency).toBe(6);
    expect(spy.handles.map((h) => [h.opened, h.seeds.length])).toEqual([[1, 0], [0, 1], [0, 1]]);
    const a = spy.handles[1]?.seeds[0];
    const b = spy.handles[2]?.seeds[0];
    if (a?.template.kind !== 'image' || b?.template.kind !== 'image') throw new Error('no image seeds');
    // copies, not one buffer shared (a transferred buffer is detached from the sender)
    expect(a.template.bytes).not.toBe(b.template.bytes);
    expect(a.template.bytes.buffer).not.toBe(b.template.bytes.buffer);
    expect([...a.template.bytes]).toEqual([...b.template.bytes]);
    expect(a.truthKeys).toEqual(b.truthKeys);
    pool.terminate();
  });

  it('an invalid document comes back with its issues, and no worker is left running', async () => {
    const spy: Spy = { handles: [] };
    const out = await ExplorePool.open({ ...doc, runs: [{ input: ['nope'] }] }, spawner(spy), 2);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0]?.path).toEqual(['runs', 0, 'input', 0]);
    expect(spy.handles.every((h) => h.terminated)).toBe(true);
  });

  it('plays like the in-process executor, spreading plays over the least busy workers', async () => {
    const spy: Spy = { handles: [] };
    const pool = await open(spy, 3);
    const local = localExecutor(await PreparedScenario.create(await nodeBackend(), scenario));
    const plays = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.play(i % 2 ? crash : [], lanes, i === 0)));
    expect(spy.handles.map((h) => h.plays)).toEqual([2, 2, 2]);
    expect(metricsOf(plays[0] as Record<string, PlayOutcome>)).toEqual(metricsOf(await local.play([], lanes, false)));
    expect(metricsOf(plays[1] as Record<string, PlayOutcome>)).toEqual(metricsOf(await local.play(crash, lanes, false)));
    // the trace only when asked for
    expect(plays[0]?.naive?.trace.length).toBeGreaterThan(3);
    expect(plays[2]?.naive?.trace).toEqual([]);
    // narrowed lanes
    expect(Object.keys(await pool.play(crash, ['naive'], false))).toEqual(['naive']);
    pool.terminate();
  });

  it('terminate stops every worker and rejects the plays under way (and any later one) as cancelled', async () => {
    const spy: Spy = { handles: [] };
    const pool = await open(spy, 2, { hold: () => new Promise(() => {}) });
    const under = pool.play(crash, lanes, false);
    pool.terminate();
    await expect(under).rejects.toBeInstanceOf(Stopped);
    await expect(pool.play(crash, lanes, false)).rejects.toMatchObject({ reason: 'cancelled' });
    expect(spy.handles.every((h) => h.terminated)).toBe(true);
  });

  it('a worker that cannot prepare stops the pool', async () => {
    const spy: Spy = { handles: [] };
    await expect(ExplorePool.open(doc, spawner(spy, { failPrepare: true }), 2)).rejects.toThrow('cannot prepare');
    expect(spy.handles.every((h) => h.terminated)).toBe(true);
  });
});
