import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';

/** `n` one-row files (key i in file f<i>), all delivered by one run in the given order. */
function oneRun(n: number, order: 'forward' | 'backward' = 'forward'): ScenarioInput {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  return {
    format: 'runtwice/scenario@1',
    id: 'many-files',
    title: 'many files',
    summary: '',
    story: '',
    table: { columns: { id: 'INTEGER', v: 'TEXT' }, key: ['id'] },
    files: Object.fromEntries(ids.map((i) => [`f${i}`, { path: `landing/part-${i}.csv`, rows: [{ row: { id: i, v: `v${i}` } }] }])),
    runs: [{ input: (order === 'forward' ? ids : [...ids].reverse()).map((i) => `f${i}`) }],
  };
}

async function play(doc: ScenarioInput, lanes: string[]) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
  const sim = await Simulation.create(await nodeBackend(), v.scenario, lanes, { interactive: false });
  await sim.runToEnd();
  return sim;
}

describe('a run over many files', () => {
  it.each([500, 501, 1000])('anti-join loads %i one-row files in one run exactly once (SQLite allows 500 terms in a compound SELECT)', async (n) => {
    const sim = await play(oneRun(n), ['anti-join', 'merge']);
    for (const lane of sim.lanes)
      expect(lane.metrics, lane.spec.id).toMatchObject({ rows: n, duplicates: 0, lost: 0, stale: 0, error: null, verdict: 'exactly-once' });
    await sim.close();
  });

  it('anti-join writes the batch in input order, with each row its own file path', async () => {
    const sim = await play(oneRun(500, 'backward'), ['anti-join']);
    const res = await sim.lane('anti-join').query('SELECT id, _file FROM dest ORDER BY _rowid_');
    expect(res.rows.map((r) => r[0])).toEqual(Array.from({ length: 500 }, (_, i) => 500 - i));
    expect(res.rows.every(([id, file]) => file === `landing/part-${String(id)}.csv`)).toBe(true);
    await sim.close();
  });
});
