import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { LaneMetrics } from '../../src/engine/metrics';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';

/**
 * The proof that the custom-lane language is real: five built-in patterns written as custom lanes
 * (scenarios/lanes/*.json) give exactly the built-ins' numbers on every catalogue scenario, under each scenario's
 * own faults: rows, duplicates, lost, stale, verdict, problems, error and every attempt.
 */
const root = join(__dirname, '../..');
const catalogue = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json')).sort();
const PAIRS = ['naive', 'tracking-atomic', 'overwrite', 'merge-latest', 'anti-join'] as const;
const laneDoc = (p: string): { id: string } => JSON.parse(readFileSync(join(root, 'scenarios/lanes', `${p}.json`), 'utf8'));

const comparable = (m: LaneMetrics) => ({
  rows: m.rows,
  duplicates: m.duplicates,
  lost: m.lost,
  stale: m.stale,
  verdict: m.verdict,
  problems: m.problems,
  error: m.error,
  errorClass: m.errorClass,
  attempts: m.attempts.map(({ run, attempt, outcome, rows }) => ({ run, attempt, outcome, rows })),
});

describe('built-in patterns written as custom lanes', () => {
  it.each(catalogue)('%s: each custom lane matches its built-in', { timeout: 300_000 }, async (file) => {
    const doc = JSON.parse(readFileSync(join(root, 'scenarios', file), 'utf8'));
    const lanes = PAIRS.flatMap((p) => [p, laneDoc(p)]);
    const v = validateScenario({ ...doc, lanes, expect: undefined });
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
    const sim = await Simulation.create(await nodeBackend(), v.scenario, undefined, { interactive: false });
    await sim.runToEnd({ releaseFinished: true });
    const byId = new Map(sim.lanes.map((l) => [l.spec.id, l.metrics]));
    for (const p of PAIRS) {
      const builtin = byId.get(p);
      const custom = byId.get(laneDoc(p).id);
      if (!builtin || !custom) throw new Error(`${p} did not finish`);
      expect(comparable(custom), `${file}: ${laneDoc(p).id} vs ${p}`).toEqual(comparable(builtin));
    }
  });
});
