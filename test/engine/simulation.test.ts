import { asStepCount, asTick } from '../../src/engine/positions';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { compileModel } from '../../src/engine/model';
import { buildSeed } from '../../src/engine/seed';
import { Simulation } from '../../src/engine/simulation';
import { eventAtTick } from '../../src/engine/timeline';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { scenario } from './driver';

async function create(doc: ReturnType<typeof scenario>, lanes?: string[]) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
  return Simulation.create(await nodeBackend(), v.scenario, lanes);
}

const redelivered = scenario({
  files: { f1: { path: 'p.csv', rows: [[1, 'd1', 10, 1], [2, 'd1', 20, 1]] }, f1b: { path: 'p.csv', rows: [[1, 'd1', 11, 2], [3, 'd1', 30, 1]] } },
  runs: [['f1'], ['f1b']],
  faults: [{ run: 2, attempt: 1, kind: 'crash', at: { afterRows: 1 } }],
});

const destCount = async (sim: Simulation, lane: string) => Number((await sim.lane(lane).query('SELECT COUNT(*) FROM dest')).rows[0]?.[0]);

describe('the step API', () => {
  it('knows the truth size after each run, also where keys arrive in several versions', async () => {
    const sim = await create(redelivered);
    expect(sim.truthKeys).toEqual([2, 3]);
    await sim.close();
  });

  it('steps lanes one event at a time, then seeks back and forth to the same states', async () => {
    const sim = await create(redelivered, ['naive', 'merge']);
    const first = await sim.stepAll();
    expect(first.map((e) => e?.kind)).toEqual(['start', 'start']);
    while (await sim.stepLane('naive'));
    const trace = sim.lane('naive').trace;
    expect(trace.at(-1)?.kind).toBe('end');
    expect(sim.lane('naive').metrics?.rows).toBe(5);
    // Every position, visited backwards, holds exactly the row count its event reported.
    for (let n = trace.length; n >= 1; n--) {
      await sim.seek('naive', asStepCount(n));
      expect(await destCount(sim, 'naive'), `after step ${n}`).toBe((trace[n - 1] as { destRows: number }).destRows);
    }
    await sim.seek('naive', asStepCount(0));
    expect(await destCount(sim, 'naive')).toBe(0);
    await sim.seek('naive', asStepCount(trace.length));
    expect(await destCount(sim, 'naive')).toBe(5);
    expect(sim.lane('naive').trace).toHaveLength(trace.length);
    await sim.close();
  });

  it('a statement of the user that writes does not leak into the next seek', async () => {
    const sim = await create(redelivered, ['naive']);
    await sim.runToEnd();
    await sim.lane('naive').query('DELETE FROM dest');
    await sim.seek('naive', asStepCount(sim.lane('naive').trace.length));
    expect(await destCount(sim, 'naive')).toBe(5);
    await sim.close();
  });

  it('aligns the crash on one tick in every lane that meets it', async () => {
    const sim = await create(redelivered, ['naive', 'tracking-atomic', 'merge']);
    const { ticks } = await sim.runToEnd();
    const crashTicks = sim.lanes.map((l) => l.trace.find((e) => e.kind === 'crash')?.tick);
    expect(new Set(crashTicks).size).toBe(1);
    for (const l of sim.lanes) expect(eventAtTick(l.trace, asTick(ticks - 1))?.kind).toBe('end');
    await sim.close();
  });
});

describe('a seed image built elsewhere (the CLI builds one for all its threads)', () => {
  it('gives the same traces and metrics as a seed the simulation builds itself, hashes included', async () => {
    const v = validateScenario(redelivered);
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
    const backend = await nodeBackend();
    const seed = await buildSeed(backend, compileModel(v.scenario));
    expect(Object.keys(seed.contentHashes).sort()).toEqual(['f1', 'f1b']);
    const own = await Simulation.create(backend, v.scenario);
    const given = await Simulation.create(backend, v.scenario, undefined, { seed });
    await own.runToEnd();
    await given.runToEnd();
    for (const lane of own.lanes) {
      expect(given.lane(lane.spec.id).trace).toEqual(lane.trace);
      expect(given.lane(lane.spec.id).metrics).toEqual(lane.metrics);
    }
    expect(given.model.files.get('f1b')?.contentHash).toBe(own.model.files.get('f1b')?.contentHash);
    await own.close();
    await given.close();
  });
});
