import type { PatternId } from '../../../src/engine/schema';
import { expect } from 'vitest';
import { nodeBackend } from '../../../src/db/nodeBackend';
import type { ScenarioInput } from '../../../src/engine/schema';
import { Simulation } from '../../../src/engine/simulation';
import { formatIssue, validateScenario, type Scenario } from '../../../src/engine/validate';
import { runModel } from './run';

/** Plays a scenario in the engine (SQL) and in the executable model (arrays): every lane's metrics must be the same. */
export async function compare(doc: ScenarioInput): Promise<void> {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(`the generator made an invalid scenario: ${v.errors.map(formatIssue).join('; ')}`);
  const scenario: Scenario = v.scenario;
  const sim = await Simulation.create(await nodeBackend(), scenario, undefined, { interactive: false });
  try {
    await sim.runToEnd();
    for (const lane of sim.lanes) {
      const m = lane.metrics;
      if (!m) throw new Error(`${lane.spec.id} did not finish`);
      const engine = { rows: m.rows, duplicates: m.duplicates, lost: m.lost, stale: m.stale, error: m.error, errorClass: m.errorClass, verdict: m.verdict, problems: m.problems, attempts: m.attempts.map(({ run, attempt, outcome, rows }) => ({ run, attempt, outcome, rows })) };
      expect(engine, lane.spec.id).toEqual(runModel(scenario, lane.spec.pattern as PatternId));
    }
  } finally {
    await sim.close();
  }
}
