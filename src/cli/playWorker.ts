import { parentPort, workerData } from 'node:worker_threads';
import { localExecutor } from '../engine/explore/localExecutor';
import type { Seed } from '../engine/seed';
import type { FaultDoc } from '../engine/schema';
import { PreparedScenario } from '../engine/simulation';
import type { Scenario } from '../engine/validate';
import { threadBackend, type EngineRef } from './engine';

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
  const { scenario, seed, engine } = workerData as { scenario: Scenario; seed: Seed; engine: EngineRef | null };
  const executor = localExecutor(await PreparedScenario.create(await threadBackend(engine), scenario, seed));
  port.on('message', (req: PlayRequest) => {
    executor.play(req.faults, req.lanes, req.withTrace).then(
      (outcomes) => port.postMessage({ id: req.id, outcomes }),
      (e: unknown) => port.postMessage({ id: req.id, error: (e as Error).stack ?? String(e) }),
    );
  });
  port.postMessage({ ready: true });
}

void main();
