import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { asCursor } from '../../src/engine/positions';
import { Stopped } from '../../src/worker/client';
import { EngineCore } from '../../src/worker/engineCore';
import { EnginePoolClient, type LanesWorkerHandle } from '../../src/worker/enginePool';
import { LaneCore } from '../../src/worker/laneCore';
import type { SimResult } from '../../src/worker/types';

const doc = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../scenarios', name), 'utf8'));

/** A gate a lane's run waits at, opened by the test. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/**
 * LaneCore in this process behind the handle the pool drives; the run of the lane `held` waits for `hold` to open
 * (the lane that finishes last, on purpose), and every run is recorded as it starts and ends.
 */
function inProcess(held: string | null, hold: Promise<void>, log: { terminated: number; finished: string[] }) {
  return (): LanesWorkerHandle => {
    const core = new LaneCore(nodeBackend);
    return {
      open: (d) => core.open(d),
      prepare: async (scenario, seed) => void (await core.prepare(scenario, seed)),
      run: async (id, p) => {
        if (id === held) await hold;
        const out = await core.run(id, p);
        log.finished.push(id);
        return out;
      },
      seek: (id, n) => core.seek(id, n),
      query: (id, n, sql) => core.query(id, n, sql),
      queryEach: (id, n, s) => core.queryEach(id, n, s),
      terminate: () => void log.terminated++,
    };
  };
}

const ids = (r: SimResult): string[] => r.lanes.map((l) => l.id);

describe('the engine pool shows lanes as they finish', () => {
  it('gives one partial result per lane, growing in the scenario order, and the same final result as before', async () => {
    const log = { terminated: 0, finished: [] as string[] };
    const pool = new EnginePoolClient(inProcess(null, Promise.resolve(), log), 3);
    const partials: SimResult[] = [];
    const firstTicks: number[][] = [];
    const out = await pool.load(doc('02-crash-before-mark.json'), undefined, (r) => {
      partials.push(r);
      if (partials.length === 1) firstTicks.push(...r.lanes.map((l) => l.trace.map((e) => e.tick)));
    });
    if (!out.ok) throw new Error('load failed');
    const order = ids(out.result);
    expect(partials).toHaveLength(order.length);
    partials.forEach((p, i) => {
      expect(p.lanes).toHaveLength(i + 1);
      // the lanes finished so far, in the scenario's order, each one the lane finished last added
      expect(ids(p)).toEqual(order.filter((id) => ids(p).includes(id)));
      expect(ids(p)).toEqual(order.filter((id) => log.finished.slice(0, i + 1).includes(id)));
      if (i > 0) for (const id of ids(partials[i - 1] as SimResult)) expect(ids(p)).toContain(id);
      expect(p.allLanes).toEqual(order);
      // aligned among themselves: every event has a tick within the partial's timeline, ends last
      for (const l of p.lanes) {
        expect(l.trace.every((e) => e.tick < p.ticks)).toBe(true);
        expect(l.trace.at(-1)?.tick).toBe(p.ticks - 1);
      }
    });
    // a later alignment never rewrites what an earlier partial showed
    expect((partials[0] as SimResult).lanes.map((l) => l.trace.map((e) => e.tick))).toEqual(firstTicks);
    // the final result is the one engine's, without allLanes
    const single = await new EngineCore(nodeBackend).load(doc('02-crash-before-mark.json'));
    if (!single.ok) throw new Error('load failed');
    const strip = ({ elapsedMs: _, ...r }: SimResult) => r;
    expect(strip(out.result)).toEqual(strip(single.result));
    expect(out.result.allLanes).toBeUndefined();
  }, 120_000);

  it('answers a console query on a finished lane while the last lane still runs, then cancel stops them all', async () => {
    const log = { terminated: 0, finished: [] as string[] };
    const hold = gate();
    const pool = new EnginePoolClient(inProcess('naive', hold.opened, log), 2);
    const partials: SimResult[] = [];
    let settled = false;
    const running = pool.load(doc('02-crash-before-mark.json'), undefined, (r) => partials.push(r));
    running.then(
      () => (settled = true),
      () => (settled = true),
    );
    // every lane but the held one finishes
    const single = await new EngineCore(nodeBackend).load(doc('02-crash-before-mark.json'));
    if (!single.ok) throw new Error('load failed');
    const others = single.result.lanes.length - 1;
    for (let i = 0; i < 600 && partials.length < others; i++) await new Promise((r) => setTimeout(r, 20));
    expect(partials).toHaveLength(others);
    const partial = partials.at(-1) as SimResult;
    expect(ids(partial)).not.toContain('naive');
    expect(partial.allLanes).toContain('naive');

    // a finished lane answers at its end and at its start, as it would once every lane is done
    const lane = partial.lanes[0] as SimResult['lanes'][number];
    const atEnd = await pool.query(lane.id, asCursor(partial.ticks), 'SELECT COUNT(*) FROM dest');
    expect(atEnd).toMatchObject({ ok: true, rows: [[lane.metrics?.rows]] });
    expect(await pool.query(lane.id, asCursor(0), 'SELECT COUNT(*) FROM dest')).toMatchObject({ ok: true, rows: [[0]] });
    const stepped = await pool.queryEach(lane.id, asCursor(partial.ticks), ['SELECT COUNT(*) FROM dest']);
    expect(stepped.ok).toBe(true);
    // the lane still running is not queried
    expect(await pool.query('naive', asCursor(1), 'SELECT 1')).toMatchObject({ ok: false });
    expect(settled).toBe(false);
    expect(log.finished).not.toContain('naive');

    pool.cancel();
    await expect(running).rejects.toBeInstanceOf(Stopped);
    expect(log.terminated).toBe(2);
    expect(await pool.query(lane.id, asCursor(0), 'SELECT 1')).toMatchObject({ ok: false, error: 'no simulation loaded' });
    // the held lane, let go after the cancel, reaches no one
    hold.open();
    await new Promise((r) => setTimeout(r, 500));
    expect(partials).toHaveLength(others);
  }, 120_000);
});
