import type { SqlBackend } from '../db/port';
import type { ChallengeDoc } from '../engine/challenge/format';
import { gradeLane, type ExploreFn } from '../engine/challenge/grade';
import { explore } from '../engine/explore/explorer';
import { localExecutor } from '../engine/explore/localExecutor';
import { PreparedScenario } from '../engine/simulation';

/** Grades in this thread: each scenario is prepared once and explored in-process (challenge scenarios are small). */
export async function gradeHere(backend: SqlBackend, challenge: ChallengeDoc, lane: unknown, onScenario?: (name: string, i: number, n: number) => void) {
  const exploreFn: ExploreFn = async (scenario, opts, cancelled) => {
    const prepared = await PreparedScenario.create(backend, scenario);
    try {
      const { complete: _complete, ...report } = await explore(scenario, localExecutor(prepared), opts, cancelled ? { cancelled } : {});
      return report;
    } finally {
      await prepared.close();
    }
  };
  return gradeLane(challenge, lane, exploreFn, onScenario ? { onScenario } : {});
}
