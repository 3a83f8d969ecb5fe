import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { ScenarioInput } from '../../src/engine/schema';
import { compileModel } from '../../src/engine/model';
import { partitionPlan } from '../../src/engine/patterns/partitions';
import { Simulation } from '../../src/engine/simulation';
import { validateScenario } from '../../src/engine/validate';
import { compare } from './model/compare';
import { scenario, sim } from './driver';

/** Wrong numbers the engine gave, each pinned on its smallest scenario (and checked against the model too). */

const base = (parts: Pick<ScenarioInput, 'files' | 'runs'> & Partial<ScenarioInput>): ScenarioInput => ({
  format: 'runtwice/scenario@1',
  id: 'fidelity',
  title: 'fidelity',
  summary: '',
  story: '',
  table: { columns: { id: 'INTEGER', amount: 'INTEGER' }, key: ['id'], partitionBy: 'id' },
  faults: [],
  retry: { maxAttempts: 1 },
  ...parts,
});

async function metricsOf(doc: ScenarioInput, lanes?: string[]) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const s = await Simulation.create(await nodeBackend(), v.scenario, lanes, { interactive: false });
  await s.runToEnd();
  const out = Object.fromEntries(s.lanes.map((l) => [l.spec.id, l.metrics]));
  await s.close();
  return out;
}

describe('partitionBy naming the key column, rows given as ids blocks', () => {
  const doc = base({
    files: { f1: { path: 'landing/a.csv', rows: [{ ids: [1, 3], values: { amount: 5 } }] } },
    runs: [{ input: ['f1'] }, { input: ['f1'] }],
  });

  it('each row is its own partition: a re-run overwrites, it does not duplicate', async () => {
    const m = await metricsOf(doc, ['overwrite', 'overwrite-nonatomic']);
    for (const id of ['overwrite', 'overwrite-nonatomic']) expect({ rows: m[id]?.rows, duplicates: m[id]?.duplicates, verdict: m[id]?.verdict }, id).toEqual({ rows: 3, duplicates: 0, verdict: 'exactly-once' });
  });

  it('overwrite-nonatomic crashing after 2 rows has replaced partitions 1 and 2 only (the rest stay as they were)', async () => {
    const faulty = { ...doc, faults: [{ run: 2, attempt: 1, kind: 'crash' as const, at: { afterRows: 2 } }], retry: { maxAttempts: 2 } };
    const m = await metricsOf(faulty, ['overwrite-nonatomic']);
    expect(m['overwrite-nonatomic']?.attempts.map((a) => a.rows)).toEqual([3, 3, 3]);
    await compare(faulty);
  });

  it('a key delivered twice in one batch is one partition: its rows are written together, where it first appears', async () => {
    const twice = base({
      files: {
        f1: { path: 'landing/a.csv', rows: [{ ids: [1, 4], values: { amount: 1 } }] },
        f2: { path: 'landing/b.csv', rows: [{ row: { id: 2, amount: 2 } }, { ids: [3, 5], values: { amount: 3 } }] },
      },
      runs: [{ input: ['f1', 'f2'] }, { input: ['f2', 'f1'] }],
      faults: [{ run: 2, attempt: 1, kind: 'crash', at: { afterRows: 3 } }],
      retry: { maxAttempts: 2 },
    });
    await compare(twice);
  });
});

describe('two faults in one attempt: the one the lane reaches first fires', () => {
  const doc = scenario({
    files: { f1: { rows: [[1, 'd1', 1, 1], [3, 'd1', 1, 1]] }, f2: { rows: [[2, 'd1', 1, 1]] } },
    runs: [['f1', 'f2']],
    faults: [
      { run: 1, attempt: 1, kind: 'crash', at: { before: 'write', file: 'f2' } },
      { run: 1, attempt: 1, kind: 'error', at: { afterRows: 1 } },
    ],
    maxAttempts: 1,
  });

  it.each(['naive', 'tracking-atomic', 'overwrite', 'merge', 'anti-join'])('%s reports the error at afterRows 1', async (lane) => {
    await sim(doc).lane(lane).runToEnd().expect({ error: 'injected error at afterRows 1' });
  });

  it('of two afterRows faults passed by one statement, the smaller fires (anti-join)', async () => {
    const two = { ...doc, faults: [
      { run: 1, attempt: 1, kind: 'crash' as const, at: { afterRows: 2 } },
      { run: 1, attempt: 1, kind: 'error' as const, at: { afterRows: 1 } },
    ] };
    await sim(two).lane('anti-join').runToEnd().expect({ error: 'injected error at afterRows 1' });
  });
});

describe("an empty file's moments sit where its rows would start", () => {
  it("overwrite-nonatomic: a crash at the empty first file's after delete comes before the next file's first write, not after every partition", async () => {
    const doc = scenario({
      files: { f0: { rows: [] }, f1: { rows: [[1, 'd1', 1, 1]] } },
      runs: [['f1'], ['f0', 'f1']],
      faults: [{ run: 2, attempt: 1, kind: 'crash', at: { after: 'delete', file: 'f0' } }],
      maxAttempts: 2,
    });
    // its moments come just before the first write of the file listed after it, after that file's partition delete
    await sim(doc).lane('overwrite-nonatomic').runToEnd().expect({ attemptsRows: [1, 0, 1] });
    const r = await sim({ ...doc, runs: [{ input: ['f0', 'f1'] }], faults: [{ run: 1, attempt: 1, kind: 'crash', at: { after: 'delete', file: 'f0' } }] })
      .lane('overwrite-nonatomic')
      .runToEnd();
    r.expect({ attemptsRows: [0, 1] });
  });
});

describe('a 1M-row ids block partitioned by its key stays one range', () => {
  it('the overwrite plan holds one range unit, not a partition per row', () => {
    const v = validateScenario(base({ files: { f1: { path: 'landing/a.csv', rows: [{ ids: [1, 1_000_000], values: { amount: 5 } }] } }, runs: [{ input: ['f1'] }] }));
    if (!v.ok) throw new Error('invalid');
    const model = compileModel(v.scenario);
    const plan = partitionPlan(model.runs[0] ?? [], true);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({ range: [1, 1_000_000], piece: { seqFrom: 1, seqTo: 1_000_000 } });
  });
});
