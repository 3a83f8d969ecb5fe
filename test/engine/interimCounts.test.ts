import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { scenarioArb } from './arbitraries';
import { recountAfter } from './oracle';

/**
 * The badges between steps read interim counts; the runner counts only after steps that may change `dest` and
 * reuses the last count otherwise. Every step's counts must still equal a recount of `dest` at that very step.
 */
describe('interim counts', () => {
  it('equal a brute-force recount of dest at every step, against the truth of the runs so far (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'any'), async (doc) => {
        const v = validateScenario(doc);
        if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
        const sim = await Simulation.create(await nodeBackend(), v.scenario, undefined, { interactive: true });
        await sim.runToEnd();
        for (const lane of sim.lanes)
          for (const e of lane.trace) {
            expect(e.counts, `${lane.spec.id} step ${e.step} (${e.kind})`).toEqual(await recountAfter(lane, e, v.scenario));
          }
        await sim.close();
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
