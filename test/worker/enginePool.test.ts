import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { asCursor } from '../../src/engine/positions';
import type { Seed } from '../../src/engine/seed';
import { Stopped } from '../../src/worker/client';
import { EngineCore } from '../../src/worker/engineCore';
import { EnginePoolClient, enginePoolSize, memoryCap, type LanesWorkerHandle } from '../../src/worker/enginePool';
import { LaneCore } from '../../src/worker/laneCore';
import type { WorkerProgress } from '../../src/worker/types';

const doc = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../scenarios', name), 'utf8'));

/** LaneCore in this process behind the handle the pool drives; `seeds` records what each worker was handed. */
function inProcess(log: { spawned: number; terminated: number; ran: string[][] }) {
  return (): LanesWorkerHandle => {
    const core = new LaneCore(nodeBackend);
    const ran: string[] = [];
    log.ran.push(ran);
    log.spawned++;
    return {
      open: (d) => core.open(d),
      prepare: async (scenario, seed: Seed) => void (await core.prepare(scenario, seed)),
      run: (id, p) => (ran.push(id), core.run(id, p)),
      seek: (id, n) => core.seek(id, n),
      query: (id, n, sql) => core.query(id, n, sql),
      queryEach: (id, n, s) => core.queryEach(id, n, s),
      terminate: () => void log.terminated++,
    };
  };
}

describe('the playground engine pool', () => {
  it('gives the result one engine gives, with lanes spread over the workers and per-lane progress', async () => {
    const log = { spawned: 0, terminated: 0, ran: [] as string[][] };
    const pool = new EnginePoolClient(inProcess(log), 3);
    const progress: WorkerProgress[] = [];
    const [pooled, single] = [await pool.load(doc('02-crash-before-mark.json'), (p) => progress.push(p)), await new EngineCore(nodeBackend).load(doc('02-crash-before-mark.json'))];
    if (!pooled.ok || !single.ok) throw new Error('load failed');
    const strip = ({ elapsedMs: _, ...r }: typeof pooled.result) => r;
    expect(strip(pooled.result)).toEqual(strip(single.result));
    expect(log.ran.filter((r) => r.length > 0).length).toBe(3);
    expect(log.ran.flat().sort()).toEqual(pooled.result.lanes.map((l) => l.id).sort());
    const last = progress.at(-1);
    expect(last?.laneFractions && Object.values(last.laneFractions).every((f) => f === 1)).toBe(true);

    // a console query goes to the worker that ran the lane, at the cursor
    const lane = pooled.result.lanes[0]?.id as string;
    for (const cursor of [0, 5, pooled.result.ticks].map(asCursor)) {
      expect(await pool.query(lane, cursor, 'SELECT COUNT(*) FROM dest')).toMatchObject({ ok: true });
      const want = await (async () => {
        const core = new EngineCore(nodeBackend);
        await core.load(doc('02-crash-before-mark.json'));
        return core.query(lane, cursor, 'SELECT COUNT(*) FROM dest');
      })();
      expect((await pool.query(lane, cursor, 'SELECT COUNT(*) FROM dest')).rows).toEqual(want.rows);
    }
  }, 120_000);

  it('reports an invalid document from the first worker', async () => {
    const log = { spawned: 0, terminated: 0, ran: [] as string[][] };
    const pool = new EnginePoolClient(inProcess(log), 2);
    const bad = await pool.load({ format: 'nope' });
    expect(bad.ok).toBe(false);
    expect(log.ran.flat()).toEqual([]);
  });

  it('cancel stops every worker and rejects the load; the engine then holds no scenario', async () => {
    let terminated = 0;
    const hanging = (): LanesWorkerHandle => {
      const never = new Promise<never>(() => {});
      return { open: () => never, prepare: () => never, run: () => never, seek: () => never, query: () => never, queryEach: () => never, terminate: () => void terminated++ };
    };
    const pool = new EnginePoolClient(hanging, 3);
    const running = pool.load(doc('01-seed-800k.json'));
    pool.cancel();
    await expect(running).rejects.toBeInstanceOf(Stopped);
    expect(terminated).toBe(3);
    expect(await pool.query('naive', asCursor(0), 'SELECT 1')).toMatchObject({ ok: false, error: 'no simulation loaded' });
  });

  it('sizes itself by cores and memory', () => {
    expect([1, 2, 3, 4, 8, 16].map((c) => enginePoolSize(c))).toEqual([2, 2, 2, 3, 6, 6]);
    expect(memoryCap(60 * 1048576, 8)).toBe(8);
    expect(memoryCap(60 * 1048576, 1)).toBe(1);
    expect(memoryCap(1048576, 8)).toBeGreaterThan(6);
    expect(memoryCap(600 * 1048576, 2)).toBe(1);
  });
});
