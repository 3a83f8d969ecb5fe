import { Worker } from 'node:worker_threads';
import type { SqlBackend } from '../db/port';
import { checkExpect } from '../engine/expect';
import { compileModel } from '../engine/model';
import { buildSeed, type Seed } from '../engine/seed';
import type { LaneMetrics } from '../engine/metrics';
import { Simulation, type SimulationReport } from '../engine/simulation';
import { deliveredRowCount, type Scenario } from '../engine/validate';
import { engineRef, isPostgres } from './engine';

/** Above this many delivered rows the CLI runs lanes on two threads (the machine has two cores). */
export const PARALLEL_ROWS = 200_000;

/** Lanes under way at once on a PostgreSQL server (small scenarios; large ones use the threads as on sql.js). */
export const PG_CONCURRENT_LANES = 4;

/** Per lane (and `(seed)`, the image every lane starts from): when it started (ms since this process started) and how long it ran. */
export type Timings = Record<string, { start: number; ms: number }>;

/**
 * Relative run time of a pattern's lane, measured on the headline (anti-join's one statement materialises the batch;
 * the lock lane skips its retry). Handing out the longest lanes first keeps both threads busy until the end.
 */
const COST: Record<string, number> = { 'anti-join': 3, 'ingestor-lock': 1 };
const costOf = (scenario: Scenario, id: string): number => COST[scenario.lanes.find((l) => l.id === id)?.pattern ?? ''] ?? 2;

/** Runs lanes on `threads` worker threads, each pulling the next lane from a shared queue. */
async function runParallel(
  backend: SqlBackend,
  scenario: Scenario,
  laneIds: string[],
  threads: number,
  timings?: Timings,
): Promise<Record<string, LaneMetrics>> {
  const queue = [...laneIds].sort((a, b) => costOf(scenario, b) - costOf(scenario, a));
  const results: Record<string, LaneMetrics> = {};
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './laneWorkerBoot.mjs' : './laneWorker.js', import.meta.url);
  // each thread reaches the same engine: sql.js of its own, or the same server (the seed template crosses as a name)
  const workers = Array.from({ length: Math.min(threads, laneIds.length) }, (_, i) => new Worker(url, { workerData: { scenario, engine: engineRef(backend, `w${i + 1}`) } }));
  const done = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (msg: { lane?: string; metrics?: LaneMetrics; ms?: number; at?: number }) => {
          if (msg.lane && msg.metrics) results[msg.lane] = msg.metrics;
          if (msg.lane && timings && msg.ms !== undefined && msg.at !== undefined)
            timings[msg.lane] = { ms: msg.ms, start: msg.at - performance.timeOrigin };
          w.postMessage({ lane: queue.shift() ?? null });
        });
        w.on('error', reject);
        w.on('exit', () => resolve());
      }),
  );
  // The seed is built once, here, while the threads start; each gets its own copy of the image.
  let seed: Seed;
  const seedStart = performance.now();
  try {
    seed = await buildSeed(backend, compileModel(scenario));
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  if (timings) timings['(seed)'] = { start: seedStart, ms: performance.now() - seedStart };
  for (const w of workers) w.postMessage({ seed });
  try {
    await Promise.all(done);
  } finally {
    await backend.dropTemplate(seed.template);
  }
  return results;
}

/** Runs a validated scenario to its end, the way the CLI does, and returns the report. */
export async function runScenario(
  backend: SqlBackend,
  scenario: Scenario,
  lanes?: string[] | null,
  /** Filled with each lane's run time (the benchmark reads it). */
  timings?: Timings,
): Promise<SimulationReport> {
  const laneIds = scenario.lanes.map((l) => l.id).filter((id) => !lanes || lanes.includes(id));
  if (laneIds.length > 1 && deliveredRowCount(scenario) > PARALLEL_ROWS) {
    const metrics = await runParallel(backend, scenario, laneIds, 2, timings);
    const ordered: Record<string, LaneMetrics> = {};
    for (const id of laneIds) if (metrics[id]) ordered[id] = metrics[id];
    return { scenario: scenario.id, lanes: ordered, expect: checkExpect(scenario.expect, ordered) };
  }
  const sim = await Simulation.create(backend, scenario, laneIds, { interactive: false });
  try {
    if (isPostgres(backend)) {
      // On a server the work is the server's: lanes (independent databases) run side by side from this one thread.
      const queue = [...sim.lanes];
      const next = async (): Promise<void> => {
        for (let lane = queue.shift(); lane; lane = queue.shift()) {
          await lane.runToEnd();
          await lane.release();
        }
      };
      await Promise.all(Array.from({ length: PG_CONCURRENT_LANES }, next));
    } else await sim.runToEnd({ releaseFinished: true });
    return sim.report();
  } finally {
    await sim.close();
    await sim.prepared.close();
  }
}
