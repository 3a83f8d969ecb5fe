import { parentPort, workerData } from 'node:worker_threads';
import { nodeBackend } from '../db/nodeBackend';
import { localExecutor } from '../engine/explore/localExecutor';
import type { Seed } from '../engine/seed';
import type { FaultDoc } from '../engine/schema';
import { PreparedScenario } from '../engine/simulation';
import type { Scenario } from '../engine/validate';

/** A play request from the explorer's thread pool, and its answer. */
export interface PlayRequest {
  id: number;
  faults: FaultDoc[];
  lanes: string[];
  withTrace: boolean;
}

/** A worker thread of `explore`: prepares the scenario from the seed the main thread built, then plays what it is sent. */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('playWorker must run as a worker thread');
  const { scenario, seed } = workerData as { scenario: Scenario; seed: Seed };
  const executor = localExecutor(await PreparedScenario.create(await nodeBackend(), scenario, seed));
  port.on('message', (req: PlayRequest) => {
    executor.play(req.faults, req.lanes, req.withTrace).then(
      (outcomes) => port.postMessage({ id: req.id, outcomes }),
      (e: unknown) => port.postMessage({ id: req.id, error: (e as Error).stack ?? String(e) }),
    );
  });
  port.postMessage({ ready: true });
}

void main();
