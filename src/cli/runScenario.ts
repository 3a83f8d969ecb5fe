import { Worker } from 'node:worker_threads';
import type { SqlBackend } from '../db/port';
import { checkExpect } from '../engine/expect';
import type { LaneMetrics } from '../engine/metrics';
import { Simulation, type SimulationReport } from '../engine/simulation';
import { deliveredRowCount, type Scenario } from '../engine/validate';

/** Above this many delivered rows the CLI runs lanes on two threads (the machine has two cores). */
export const PARALLEL_ROWS = 200_000;

/** Runs lanes on `threads` worker threads, each pulling the next lane from a shared queue. */
async function runParallel(scenario: Scenario, laneIds: string[], threads: number, timings?: Record<string, number>): Promise<Record<string, LaneMetrics>> {
  const queue = [...laneIds];
  const results: Record<string, LaneMetrics> = {};
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './laneWorkerBoot.mjs' : './laneWorker.js', import.meta.url);
  await Promise.all(
    Array.from({ length: Math.min(threads, laneIds.length) }, () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(url, { workerData: scenario });
        const next = (): void => w.postMessage({ lane: queue.shift() ?? null });
        w.on('message', (msg: { ready?: boolean; lane?: string; metrics?: LaneMetrics; ms?: number }) => {
          if (msg.lane && msg.metrics) results[msg.lane] = msg.metrics;
          if (msg.lane && timings && msg.ms !== undefined) timings[msg.lane] = msg.ms;
          next();
        });
        w.on('error', reject);
        w.on('exit', () => resolve());
      }),
    ),
  );
  return results;
}

/** Runs a validated scenario to its end, the way the CLI does, and returns the report. */
export async function runScenario(
  backend: SqlBackend,
  scenario: Scenario,
  lanes?: string[] | null,
  /** Filled with each lane's run time in ms (the benchmark reads it). */
  timings?: Record<string, number>,
): Promise<SimulationReport> {
  const laneIds = scenario.lanes.map((l) => l.id).filter((id) => !lanes || lanes.includes(id));
  if (laneIds.length > 1 && deliveredRowCount(scenario) > PARALLEL_ROWS) {
    const metrics = await runParallel(scenario, laneIds, 2, timings);
    const ordered: Record<string, LaneMetrics> = {};
    for (const id of laneIds) if (metrics[id]) ordered[id] = metrics[id];
    return { scenario: scenario.id, lanes: ordered, expect: checkExpect(scenario.expect, ordered) };
  }
  const sim = await Simulation.create(backend, scenario, laneIds, { interactive: false });
  try {
    await sim.runToEnd({ releaseFinished: true });
    return sim.report();
  } finally {
    await sim.close();
  }
}
