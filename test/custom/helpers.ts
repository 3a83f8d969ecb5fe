import { nodeBackend } from '../../src/db/nodeBackend';
import type { CustomSqlInput } from '../../src/engine/custom/language';
import type { LaneMetrics } from '../../src/engine/metrics';
import type { ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import type { TraceEvent } from '../../src/engine/trace';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { scenario } from '../engine/driver';

/** Ten rows [1..10] in one file, or as given. */
export const rows = (from: number, to: number, amount = 10, updated = 1): [number, string, number, number][] =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, 'd1', amount, updated]);

/** A custom lane document. */
export const custom = (sql: CustomSqlInput, id = 'mine') => ({ id, pattern: 'custom' as const, sql });

/** Plays `doc` with the given lanes to the end; the lanes' metrics and traces by id. */
export async function play(doc: ScenarioInput, lanes: unknown[]): Promise<Record<string, { metrics: LaneMetrics; trace: TraceEvent[] }>> {
  const v = validateScenario({ ...doc, lanes });
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
  const sim = await Simulation.create(await nodeBackend(), v.scenario);
  await sim.runToEnd();
  const out: Record<string, { metrics: LaneMetrics; trace: TraceEvent[] }> = {};
  for (const l of sim.lanes) {
    if (!l.metrics) throw new Error(`${l.spec.id} did not finish`);
    out[l.spec.id] = { metrics: l.metrics, trace: [...l.trace] };
  }
  return out;
}

/** The validator's messages for a scenario with these lanes, formatted. */
export function problems(doc: ScenarioInput, lanes: unknown[]): string[] {
  const v = validateScenario({ ...doc, lanes });
  return v.ok ? [] : v.errors.map(formatIssue);
}

export { scenario };
