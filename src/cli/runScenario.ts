import type { SqlBackend } from '../db/port';
import { Simulation, type SimulationReport } from '../engine/simulation';
import type { Scenario } from '../engine/validate';

/** Runs a validated scenario to its end, the way the CLI does, and returns the report. */
export async function runScenario(backend: SqlBackend, scenario: Scenario, lanes?: string[] | null): Promise<SimulationReport> {
  const sim = await Simulation.create(backend, scenario, lanes ?? undefined, { snapshots: false });
  try {
    await sim.runToEnd({ releaseFinished: true });
    return sim.report();
  } finally {
    await sim.close();
  }
}
