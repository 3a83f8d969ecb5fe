import type { FaultDoc } from '../schema';
import type { PreparedScenario } from '../simulation';
import type { PlayExecutor, PlayOutcome } from './types';

/**
 * Plays schedules in this thread, on a scenario compiled and seeded once (tests, the CLI's small scenarios). sql.js
 * runs synchronously, so `concurrency` above 1 only interleaves plays; real parallelism is the thread or worker pools.
 */
export function localExecutor(prepared: PreparedScenario, concurrency = 1): PlayExecutor {
  return {
    concurrency,
    async play(faults: FaultDoc[], lanes: readonly string[], withTrace: boolean): Promise<Record<string, PlayOutcome>> {
      const sim = prepared.play(faults, { lanes, interactive: false });
      try {
        await sim.runToEnd({ releaseFinished: true });
        const out: Record<string, PlayOutcome> = {};
        for (const lane of sim.lanes) {
          if (!lane.metrics) throw new Error(`lane ${lane.spec.id} did not finish`);
          out[lane.spec.id] = { metrics: lane.metrics, trace: withTrace ? lane.trace : [] };
        }
        return out;
      } finally {
        await sim.close();
      }
    },
  };
}
