import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import {
  MAX_ATTEMPTS,
  MAX_DELIVERIES,
  MAX_DOCUMENT_LENGTH,
  MAX_EXPANDED_BYTES,
  MAX_FAULTS,
  MAX_FILES,
  MAX_JSON_DEPTH,
  MAX_JSON_VALUES,
  MAX_LINE_LENGTH,
  MAX_PATH_LENGTH,
  MAX_ROW_BLOCKS,
  MAX_RUNS,
  MAX_STORY_LENGTH,
  MAX_TOTAL_ROWS,
  expandedBytes,
  limitedRowCount,
} from '../../src/engine/limits';
import type { ScenarioDoc, ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, parseScenarioText, validateScenario } from '../../src/engine/validate';
import { scenarioArb } from './arbitraries';
import { recountAfter } from './oracle';

const base: ScenarioInput = {
  format: 'runtwice/scenario@1',
  id: 'bounds',
  title: 'bounds',
  summary: '',
  story: '',
  table: { columns: { id: 'INTEGER', v: 'TEXT', t: 'INTEGER' }, key: ['id'], orderBy: 't' },
  files: { f1: { path: 'landing/a.csv', rows: [{ ids: [1, 3], values: { v: 'x', t: 1 } }] } },
  runs: [{ input: ['f1'] }],
};

/** `n` runs, each delivering one one-row file; keys repeat every `keys` runs (a later run corrects an earlier key). */
function manyRuns(n: number, keys = n): ScenarioInput {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  return {
    ...base,
    files: Object.fromEntries(ids.map((i) => [`f${i}`, { path: `landing/day-${i}.csv`, rows: [{ row: { id: (i % keys) + 1, v: `v${i}`, t: i } }] }])),
    runs: ids.map((i) => ({ input: [`f${i}`] })),
  };
}

const refusal = (doc: unknown): string[] => {
  const v = validateScenario(doc);
  return v.ok ? [] : v.errors.map(formatIssue);
};

describe('bounds: what exceeds one is refused at its path before any work starts', () => {
  const f1 = base.files.f1 as ScenarioInput['files'][string];
  it.each<[string, () => unknown, string]>([
    ['runs', () => manyRuns(MAX_RUNS + 1), 'runs: more than the limit of 100 runs'],
    ['attempts', () => ({ ...manyRuns(MAX_RUNS), retry: { maxAttempts: 4 } }), 'retry.maxAttempts: 100 runs × 4 attempts allow 400 attempts, over the limit of 300'],
    ['files', () => ({ ...base, files: Object.fromEntries(Array.from({ length: MAX_FILES + 1 }, (_, i) => [`f${i + 1}`, { path: `p${i}`, rows: [] }])) }), 'files: 1,001 files, over the limit of 1,000'],
    ['deliveries', () => ({ ...base, runs: [{ input: Array.from({ length: MAX_DELIVERIES + 1 }, () => 'f1') }] }), 'runs: the runs read 1,001 files in all, over the limit of 1,000'],
    ['faults', () => ({ ...base, faults: Array.from({ length: MAX_FAULTS + 1 }, () => ({ run: 1, kind: 'crash', at: { afterRows: 1 } })) }), 'faults: more than the limit of 100 faults'],
    ['path length', () => ({ ...base, files: { f1: { ...f1, path: 'x'.repeat(MAX_PATH_LENGTH + 1) } } }), 'files.f1.path: longer than the limit of 1,024 characters'],
    ['story', () => ({ ...base, story: 's'.repeat(MAX_STORY_LENGTH + 1) }), 'story: longer than the limit of 20,000 characters'],
    ['title', () => ({ ...base, title: 't'.repeat(MAX_LINE_LENGTH + 1) }), 'title: longer than the limit of 500 characters'],
    ['run label', () => ({ ...base, runs: [{ input: ['f1'], label: 'l'.repeat(MAX_LINE_LENGTH + 1) }] }), 'runs[0].label: longer than the limit of 500 characters'],
    [
      'explicit rows',
      () => ({ ...base, files: { f1: { path: 'a', rows: Array.from({ length: MAX_ROW_BLOCKS + 1 }, (_, i) => ({ row: { id: i, v: 'x', t: 1 } })) } } }),
      'files: 10,001 row blocks (explicit rows and ids ranges), over the limit of 10,000',
    ],
    [
      'expanded bytes: long paths on many rows',
      () => ({ ...base, files: { f1: { path: 'x'.repeat(1_000), rows: [{ ids: [1, 300_000], values: { v: 'x', t: 1 } }] } } }),
      'files: the rows expand to 296 MB with their paths, over the limit of 256 MB',
    ],
    ['rows', () => ({ ...base, files: { f1: { path: 'a', rows: [{ ids: [1, MAX_TOTAL_ROWS], values: { v: 'x', t: 1 } }] } } }), 'files: 5,000,000 rows in files (5,000,000 delivered) exceed the limit of 5,000,000'],
  ])('%s', (_, make, message) => {
    expect(refusal(make())).toEqual([message]);
  });

  it('deep nesting (in lanes[].sql) is refused with the path where it passes the limit, without a recursive walk', () => {
    let sql: unknown = 1;
    for (let i = 0; i < 100_000; i++) sql = { a: sql };
    const started = performance.now();
    const errors = refusal({ ...base, lanes: [{ id: 'mine', pattern: 'custom', sql }] });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(errors).toEqual([`lanes[0].sql${'.a'.repeat(MAX_JSON_DEPTH - 3)}: nested deeper than the limit of 32 levels`]);
  });

  it('a document of too many values is refused as a whole; a too long text before parsing it', () => {
    expect(refusal({ ...base, view: { lanes: Array.from({ length: MAX_JSON_VALUES }, () => 'naive') } })).toEqual([
      '(document): more than 200,000 JSON values, over the limit',
    ]);
    const text = JSON.stringify({ ...base, story: ' '.repeat(MAX_DOCUMENT_LENGTH) });
    const v = parseScenarioText(text);
    expect(v.ok ? [] : v.errors.map(formatIssue)).toEqual([`(document): ${text.length.toLocaleString('en-US')} characters, over the limit of 4,000,000`]);
  });

  it('every catalogue scenario is within every bound, at most half of it', () => {
    const dir = join(__dirname, '../../scenarios');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const v = parseScenarioText(text);
      expect(v.ok ? [] : v.errors.map(formatIssue), file).toEqual([]);
      if (!v.ok) continue;
      const doc = v.scenario as unknown as ScenarioDoc;
      const files = Object.values(doc.files);
      const measured: [number, number][] = [
        [doc.runs.length, MAX_RUNS],
        [doc.runs.length * doc.retry.maxAttempts, MAX_ATTEMPTS],
        [files.length, MAX_FILES],
        [doc.runs.reduce((n, r) => n + r.input.length, 0), MAX_DELIVERIES],
        [doc.faults.length, MAX_FAULTS],
        [files.reduce((n, f) => n + f.rows.length, 0), MAX_ROW_BLOCKS],
        [Math.max(...files.map((f) => f.path.length)), MAX_PATH_LENGTH],
        [doc.story.length, MAX_STORY_LENGTH],
        [Math.max(doc.title.length, doc.summary.length, ...doc.runs.map((r) => r.label?.length ?? 0)), MAX_LINE_LENGTH],
        [expandedBytes(doc), MAX_EXPANDED_BYTES],
        [limitedRowCount(doc), MAX_TOTAL_ROWS],
        [text.length, MAX_DOCUMENT_LENGTH],
      ];
      measured.forEach(([n, max], i) => expect(n, `${file} measure ${i}`).toBeLessThanOrEqual(max / 2));
    }
  });
});

describe('cost grows with the work', () => {
  it('the truth of every run prefix is stored once per change, not once per run and key', async () => {
    const v = validateScenario(manyRuns(MAX_RUNS, 10));
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
    const sim = await Simulation.create(await nodeBackend(), v.scenario, ['naive'], { interactive: false });
    await sim.runToEnd();
    const count = async (sql: string) => Number((await sim.lane('naive').query(sql)).rows[0]?.[0]);
    // 100 deliveries of 10 keys: 100 changes (each run's value is the newest); per prefix it would be 955 rows
    expect(await count('SELECT COUNT(*) FROM truth_runs')).toBeLessThanOrEqual(100);
    expect(sim.truthKeys).toEqual(Array.from({ length: MAX_RUNS }, (_, r) => Math.min(r + 1, 10)));
    await sim.close();
  });

  it('interim counts at every attempt end agree with a brute-force recount against the truth of the runs so far', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'any'), async (doc) => {
        const v = validateScenario(doc);
        if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
        const sim = await Simulation.create(await nodeBackend(), v.scenario, undefined, { interactive: true });
        await sim.runToEnd();
        for (const lane of sim.lanes)
          for (const e of lane.trace.filter((x) => x.kind === 'end')) {
            expect(e.counts, `${lane.spec.id} run ${e.run} attempt ${e.attempt}`).toEqual(await recountAfter(lane, e, v.scenario));
          }
        await sim.close();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
