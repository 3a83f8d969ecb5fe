import { parentPort, workerData } from 'node:worker_threads';
import type { Seed } from '../engine/seed';
import { Simulation } from '../engine/simulation';
import type { Scenario } from '../engine/validate';
import { closeBackend, threadBackend, type EngineRef } from './engine';

/**
 * A worker thread of the CLI: waits for the seed image the main thread builds, then runs the lanes the main thread
 * hands it, one at a time.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('laneWorker must run as a worker thread');
  const { scenario, engine } = workerData as { scenario: Scenario; engine: EngineRef | null };
  const backend = await threadBackend(engine);
  const seed = await new Promise<Seed>((resolve) => port.once('message', (msg: { seed: Seed }) => resolve(msg.seed)));
  const sim = await Simulation.create(backend, scenario, undefined, { interactive: false, seed });
  port.on('message', (msg: { lane: string | null }) => {
    if (msg.lane === null) {
      void sim
        .close()
        .then(() => closeBackend(backend))
        .then(() => port.close());
      return;
    }
    const lane = sim.lane(msg.lane);
    const t0 = performance.now();
    void lane
      .runToEnd()
      .then(() => lane.release())
      .then(() => port.postMessage({ lane: msg.lane, metrics: lane.metrics, ms: performance.now() - t0, at: performance.timeOrigin + t0 }));
  });
  port.postMessage({ ready: true });
}

void main();
