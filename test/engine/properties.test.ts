import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario, type Scenario } from '../../src/engine/validate';
import { scenarioArb } from './arbitraries';
import { bruteCounts } from './oracle';

const RUNS = { numRuns: 200 };

async function play(doc: ScenarioInput, lanes?: string[]) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(`generator made an invalid scenario: ${v.errors.map(formatIssue).join('; ')}`);
  const sim = await Simulation.create(await nodeBackend(), v.scenario, lanes, { interactive: false });
  await sim.runToEnd();
  return { sim, scenario: v.scenario as Scenario };
}

/** With a retry left after the (single) fault. */
const withRetry = (doc: ScenarioInput): ScenarioInput => ({
  ...doc,
  retry: { maxAttempts: 3 },
  faults: (doc.faults ?? []).map((f) => ({ ...f, attempt: Math.min(f.attempt ?? 1, 2) })),
});

describe('properties over random small scenarios and fault moments', () => {
  it('every lane is deterministic: the same scenario gives the same trace, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'any'), async (doc) => {
        const hashes: string[] = [];
        for (let i = 0; i < 2; i++) {
          const { sim } = await play(doc);
          sim.align();
          const text = JSON.stringify(sim.lanes.map((l) => [l.trace, l.metrics]));
          hashes.push(bytesToHex(sha256(utf8ToBytes(text))));
          await sim.close();
        }
        expect(hashes[0]).toBe(hashes[1]);
      }),
      { numRuns: 200 },
    );
  });

  it('with unique keys, nothing redelivered and one fault, the fixes end exactly-once wherever it falls', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({ uniqueKeys: true, wholePartitions: true }, 'one').map(withRetry), async (doc) => {
        const { sim } = await play(doc, ['tracking-atomic', 'merge-latest', 'anti-join', 'overwrite']);
        for (const lane of sim.lanes) expect(lane.metrics?.verdict, `${lane.spec.id} ${JSON.stringify(doc.faults)}`).toBe('exactly-once');
        await sim.close();
      }),
      RUNS,
    );
  });

  it("naive's duplicates equal the rows its failed attempts committed", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({ uniqueKeys: true }, 'one').map(withRetry), async (doc) => {
        const { sim } = await play(doc, ['naive']);
        const m = sim.lane('naive').metrics;
        if (!m) throw new Error('naive did not finish');
        let before = 0;
        let committedByFailed = 0;
        for (const a of m.attempts) {
          if (a.outcome !== 'ok') committedByFailed += a.rows - before;
          before = a.rows;
        }
        expect(m.duplicates).toBe(committedByFailed);
        await sim.close();
      }),
      RUNS,
    );
  });

  it('the metrics agree with a brute-force recount of dest', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'any'), async (doc) => {
        const { sim, scenario } = await play(doc);
        for (const lane of sim.lanes) {
          const res = await lane.query('SELECT id, day, amount, updated_at FROM dest');
          const rows = res.rows.map(([id, day, amount, updated_at]) => ({ id, day, amount, updated_at }) as Record<string, number | string>);
          const { rows: n, duplicates, lost, stale } = lane.metrics ?? { rows: -1, duplicates: -1, lost: -1, stale: -1 };
          expect({ rows: n, duplicates, lost, stale }, lane.spec.id).toEqual(bruteCounts(scenario, rows));
        }
        await sim.close();
      }),
      RUNS,
    );
  });
});
