import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import type { TraceEvent } from '../../src/engine/trace';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { committedRows, momentForEvent } from '../../src/state/selectors';
import { scenarioArb } from '../engine/arbitraries';

async function traces(doc: ScenarioInput, lanes?: string[]) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('; '));
  const sim = await Simulation.create(await nodeBackend(), v.scenario, lanes, { interactive: false });
  await sim.runToEnd();
  const out = new Map(sim.lanes.map((l) => [l.spec.id, l.trace]));
  await sim.close();
  return out;
}

/**
 * "others see N" (the rows committed when the lane's open transaction began) is checked against SQL itself: crash the
 * lane right at that write instead, and the row count after the rollback must be that N.
 */
describe('what other readers see while a transaction is open', () => {
  it('equals what is left after a crash at that very step (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'none'), fc.nat(), async (doc, pick) => {
        const clean = await traces({ ...doc, faults: [] });
        const candidates: { lane: string; e: TraceEvent; trace: TraceEvent[] }[] = [];
        for (const [lane, trace] of clean)
          for (const e of trace)
            if (e.txOpen && e.kind === 'write' && (e.rows ?? 0) > 0 && 'afterRows' in momentForEvent(trace, e)) candidates.push({ lane, e, trace });
        fc.pre(candidates.length > 0);
        const { lane, e, trace } = candidates[pick % candidates.length] as (typeof candidates)[number];
        const crashed = await traces(
          { ...doc, faults: [{ run: e.run, attempt: e.attempt, kind: 'crash', at: momentForEvent(trace, e) }] },
          [lane],
        );
        const end = crashed.get(lane)?.find((x) => x.kind === 'end' && x.run === e.run && x.attempt === e.attempt);
        expect(end?.outcome, `${lane} at step ${e.step}`).toBe('crash');
        expect(end?.destRows, `${lane} at step ${e.step}`).toBe(committedRows(trace, e));
      }),
      { numRuns: 150 },
    );
  });
});
