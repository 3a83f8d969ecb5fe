import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { ScenarioInput } from '../../src/engine/schema';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { scenarioArb } from './arbitraries';

/**
 * Column names are the user's: whatever they are, every lane gives the numbers it gives with neutral names, or the
 * validator refuses the name at `table.columns.<name>`. Never a crash, never a different number.
 */

const KEYWORDS = [
  'select', 'from', 'where', 'order', 'group', 'by', 'table', 'index', 'key', 'primary', 'values', 'default', 'null',
  'not', 'and', 'or', 'case', 'when', 'end', 'join', 'on', 'using', 'union', 'all', 'exists', 'in', 'is', 'like', 'limit',
  'offset', 'create', 'insert', 'update', 'delete', 'set', 'into', 'as', 'asc', 'desc', 'distinct', 'having', 'check',
  'constraint', 'references', 'begin', 'commit', 'rollback', 'replace', 'conflict', 'do', 'nothing', 'excluded',
  'current_time', 'current_date', 'current_timestamp', 'SELECT', 'Order', 'true', 'false', 'TRUE', 'False',
];
const ROWID_ALIASES = ['rowid', 'oid', '_rowid_', 'ROWID', 'Oid', '_ROWID_'];
/** Names the engine itself uses for columns, tables and aliases (and that it once used). */
const ENGINE = [
  'file', 'seq', 'upto', 'rn', 'pos', 'run', 'keys', 'path', 'id', 'row_count', 'content_hash', 'n', 'r', 'b', 'd', 'l',
  't', 'i', 'f', 'bl', 'dest', 'landing', 'truth', 'truth_runs', 'batch', 'batch_latest', 'delivery', 'files', 'column1',
  'column2', 'status', 'file_path', 'file_hash', 'processed_at', '_pos', '_seq', '_path', '_file_id', '_run', '_attempt',
  '_file', '_rt_file', '_rt_seq', '_rt_rn', '_rt_upto', 'File', 'SEQ',
];
const ODD = ['a b', 'a"b', "a'b", 'a.b', 'é', '名前', 'a\u202eb', '', '1abc', 'a-b', 'a;b', '--', 'select *', 'a\nb', '[x]', '`x`'];
const POOL = [...KEYWORDS, ...ROWID_ALIASES, ...ENGINE, ...ODD];
const NEUTRAL = ['c1', 'c2', 'c3', 'c4'];

/** The generator's columns are id (key), day (partition), amount, updated_at (orderBy): renamed one for one. */
function rename(doc: ScenarioInput, names: string[]): ScenarioInput {
  const map: Record<string, string> = { id: names[0] ?? '', day: names[1] ?? '', amount: names[2] ?? '', updated_at: names[3] ?? '' };
  const ren = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).map(([k, v]) => [map[k] ?? k, v]));
  const { table } = doc;
  return {
    ...doc,
    table: {
      columns: ren(table.columns),
      key: table.key.map((k) => map[k] ?? k),
      ...(table.partitionBy ? { partitionBy: map[table.partitionBy] } : {}),
      ...(table.orderBy ? { orderBy: map[table.orderBy] } : {}),
    },
    files: Object.fromEntries(
      Object.entries(doc.files).map(([id, f]) => [id, { ...f, rows: f.rows.map((b) => ('row' in b ? { row: ren(b.row) } : { ids: b.ids, values: ren(b.values) })) }]),
    ),
  };
}

/** Everything a lane reports that does not name a column: metrics, and per step its kind, rows and counts. */
async function outcome(doc: ScenarioInput) {
  const v = validateScenario(doc);
  if (!v.ok) return { refused: v.errors };
  const sim = await Simulation.create(await nodeBackend(), v.scenario, undefined, { interactive: true });
  try {
    await sim.runToEnd();
    return {
      lanes: sim.lanes.map((l) => ({
        id: l.spec.id,
        metrics: l.metrics,
        steps: l.trace.map((e) => [e.kind, e.rows, e.destRows, e.committedRows, e.error, e.counts]),
      })),
    };
  } finally {
    await sim.close();
  }
}

describe('column names', () => {
  it('any names: the same numbers as with neutral names, or refused at table.columns.<name>', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb({}, 'one'), fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 4, maxLength: 4 }), async (doc, names) => {
        const neutral = await outcome(rename(doc, NEUTRAL));
        expect(neutral.refused, 'neutral names are valid').toBeUndefined();
        const named = await outcome(rename(doc, names));
        if (named.refused) {
          for (const issue of named.refused) {
            expect(issue.path.slice(0, 2), formatIssue(issue)).toEqual(['table', 'columns']);
            expect(names, formatIssue(issue)).toContain(issue.path[2]);
          }
          return;
        }
        expect(named.lanes).toEqual(neutral.lanes);
      }),
      { numRuns: 60 },
    );
  }, 240_000);

  it('plain identifiers that SQLite can carry are accepted, whatever the engine calls its own columns', () => {
    const doc = (names: string[]) => rename(scenarioArbSample(), names);
    for (const names of [['file', 'seq', 'upto', 'rn'], ['rowid', 'oid', 'ROWID2', 'select'], ['pos', 'path', 'column1', 'excluded']]) {
      const v = validateScenario(doc(names));
      expect(v.ok ? [] : v.errors.map(formatIssue), names.join(',')).toEqual([]);
    }
  });

  it.each([
    ['_rowid_', 'reserved for the engine'],
    ['_run', 'reserved for the engine'],
    ['_rt_seq', 'reserved for the engine'],
    ['true', 'cannot be a column name'],
    ['FALSE', 'cannot be a column name'],
    ['a b', 'plain SQL identifier'],
  ])('refuses %j with its path', (name, message) => {
    const v = validateScenario(rename(scenarioArbSample(), ['id', 'day', name, 'updated_at']));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map(formatIssue)).toEqual([expect.stringContaining(`table.columns.${name}: `)]);
    expect(v.errors[0]?.message).toContain(message);
  });

  it('refuses two names that differ only in case (SQL names ignore case)', () => {
    const v = validateScenario(rename(scenarioArbSample(), ['id', 'day', 'ID', 'updated_at']));
    expect(v.ok ? [] : v.errors.map(formatIssue)).toEqual(['table.columns.ID: same name as column "id" (SQL names ignore case)']);
  });
});

/** One fixed small scenario in the generator's shape. */
function scenarioArbSample(): ScenarioInput {
  return fc.sample(scenarioArb({}, 'none'), { numRuns: 1, seed: 7 })[0] as ScenarioInput;
}

describe('catalogue scenarios keep their numbers under the names the engine uses', () => {
  const load = (file: string): ScenarioInput => JSON.parse(readFileSync(join(__dirname, '../../scenarios', file), 'utf8')) as ScenarioInput;
  const renamed = (doc: ScenarioInput, map: Record<string, string>): ScenarioInput => {
    const ren = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).map(([k, v]) => [map[k] ?? k, v]));
    const t = doc.table;
    return {
      ...doc,
      table: {
        columns: ren(t.columns),
        key: t.key.map((k) => map[k] ?? k),
        ...(t.partitionBy ? { partitionBy: map[t.partitionBy] ?? t.partitionBy } : {}),
        ...(t.orderBy ? { orderBy: map[t.orderBy] ?? t.orderBy } : {}),
      },
      files: Object.fromEntries(
        Object.entries(doc.files).map(([id, f]) => [id, { ...f, rows: f.rows.map((b) => ('row' in b ? { row: ren(b.row) } : { ids: b.ids, values: ren(b.values) })) }]),
      ),
    };
  };
  it.each([
    ['07-corrected-same-path.json', { updated_at: 'rowid' }],
    ['15-corrections-out-of-order.json', { updated_at: 'oid' }],
    ['09-duplicate-keys-first-batch.json', { event_date: 'rn' }],
    ['09-duplicate-keys-first-batch.json', { status: 'file', updated_at: 'seq' }],
    ['10-many-updates-one-batch.json', { updated_at: 'upto' }],
    ['09-duplicate-keys-first-batch.json', { status: 'ROWID' }],
  ])('%s with %j', async (file, map) => {
    const v = validateScenario(renamed(load(file), map));
    if (!v.ok) throw new Error(v.errors.map(formatIssue).join('\n'));
    const sim = await Simulation.create(await nodeBackend(), v.scenario, undefined, { interactive: false });
    await sim.runToEnd();
    expect(sim.report().expect).toEqual({ ok: true, failures: [] });
    await sim.close();
  });
});
