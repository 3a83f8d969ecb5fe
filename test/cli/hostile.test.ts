import type { PatternId } from '../../src/engine/schema';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { renderTable } from '../../src/cli/table';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { SqlBackend, SqlPort } from '../../src/db/port';
import { Simulation } from '../../src/engine/simulation';
import { validateScenario } from '../../src/engine/validate';
import { runModel } from '../engine/model/run';

/**
 * Documents that once made the CLI crash (exit 3) or run an invalid document (exit 0): keys every object inherits
 * (`toString`, `constructor` …) and `__proto__`, which JSON.parse makes an own key that zod's records then drop.
 * Each is refused at its JSON path, or runs and gives the model's numbers.
 */

const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** A small valid scenario as JSON text, with `swap` replacing whole JSON strings (keys and values) in it. */
function text(swap: Record<string, string> = {}, extra: Record<string, unknown> = {}): string {
  const doc = {
    format: 'runtwice/scenario@1',
    id: 'hostile',
    title: 't',
    summary: 's',
    story: 's',
    table: { columns: { id: 'INTEGER', day: 'TEXT', amount: 'INTEGER' }, key: ['id'], partitionBy: 'day', orderBy: 'amount' },
    files: {
      f1: { path: 'a.csv', rows: [{ ids: [1, 3], values: { day: 'd1', amount: 1 } }] },
      f2: { path: 'b.csv', rows: [{ row: { id: 2, day: 'd1', amount: 5 } }] },
    },
    runs: [{ input: ['f1'] }, { input: ['f2', 'f1'] }],
    faults: [{ run: 2, kind: 'crash', at: { after: 'write', file: 'f2' } }],
    ...extra,
  };
  return JSON.stringify(doc).replace(/"(f1|f2|id|day|amount|naive)"/g, (m, s: string) => (s in swap ? JSON.stringify(swap[s]) : m));
}

async function cli(doc: string) {
  let out = '';
  let err = '';
  const code = await runCli(['x.json', '--json'], nodeBackend, { out: (s) => (out += s), err: (s) => (err += s), readFile: () => doc });
  return { code, out, err };
}

/** Exit 2 naming `path`, or exit 0/1 with every lane's numbers equal to the model's. */
async function refusedOrRight(doc: string, path: string) {
  const r = await cli(doc);
  if (r.code === 2) {
    expect(r.out).toBe('');
    expect(r.err).toContain(`  ${path}`);
    return 'refused';
  }
  expect([0, 1]).toContain(r.code);
  const v = validateScenario(JSON.parse(doc));
  if (!v.ok) throw new Error('ran an invalid document');
  const report = JSON.parse(r.out) as { lanes: Record<string, unknown> };
  for (const lane of v.scenario.lanes) expect(report.lanes[lane.id], lane.id).toEqual(runModel(v.scenario, lane.pattern as PatternId));
  return 'ran';
}

describe('keys every object has are the document’s own or nothing', () => {
  it.each(PROTO)('%s as a file id: refused at its path or run like any id', async (k) => {
    const got = await refusedOrRight(text({ f2: k }), `files.${k}`);
    expect(got).toBe(k === '__proto__' ? 'refused' : 'ran');
  });

  it.each(PROTO)('%s only in a run’s input (no such file): refused at runs[1].input[0]', async (k) => {
    const doc = JSON.parse(text()) as { runs: { input: string[] }[] };
    (doc.runs[1] as { input: string[] }).input[0] = k;
    const r = await cli(JSON.stringify(doc));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`runs[1].input[0]: unknown file "${k}"`);
  });

  it.each(PROTO)('%s as a column name: refused at its path or a column like any other', async (k) => {
    const got = await refusedOrRight(text({ amount: k }), `table.columns.${k}`);
    expect(got).toBe(k === '__proto__' ? 'refused' : 'ran');
  });

  it.each(PROTO)('%s as partitionBy / orderBy naming no column: refused at that path', async (k) => {
    for (const field of ['partitionBy', 'orderBy']) {
      const doc = JSON.parse(text()) as { table: Record<string, unknown> };
      doc.table[field] = k;
      const r = await cli(JSON.stringify(doc));
      expect(r.code, field).toBe(2);
      expect(r.err).toContain(`table.${field}: unknown column "${k}"`);
    }
  });

  it.each(PROTO)('%s as a row’s extra value or the key named but missing: refused at the row', async (k) => {
    const extra = JSON.parse(text()) as { files: { f2: { rows: { row: Record<string, unknown> }[] } } };
    Object.defineProperty((extra.files.f2.rows[0] as { row: Record<string, unknown> }).row, k, { value: 1, enumerable: true });
    const r = await cli(JSON.stringify(extra));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`files.f2.rows[0].row.${k}`);
    // a column named like an inherited key, missing from a row: "missing column", not found on the prototype
    const missing = JSON.parse(text({ amount: k })) as { files: { f2: { rows: { row: Record<string, unknown> }[] } } };
    delete (missing.files.f2.rows[0] as { row: Record<string, unknown> }).row[k];
    const m = await cli(JSON.stringify(missing));
    expect(m.code).toBe(2);
    expect(m.err).toContain(k === '__proto__' ? `table.columns.${k}` : `files.f2.rows[0].row: missing column "${k}"`);
  });

  it.each(PROTO)('%s as an expect key: refused at its path', async (k) => {
    const doc = text({}, { expect: { naive: { rows: 1 } } }).replace('"naive"', JSON.stringify(k));
    const r = await cli(doc);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`expect.${k}`);
  });

  it('a lane whose id is "constructor" keeps its expectation', async () => {
    const lanes = [{ id: 'constructor', pattern: 'naive' }];
    const ok = await cli(text({}, { lanes, faults: [], expect: { constructor: { rows: 7 } } }));
    expect(ok.code, ok.err).toBe(0);
    const bad = await cli(text({}, { lanes, faults: [], expect: { constructor: { rows: 4 } } }));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).expect.failures).toEqual(['constructor.rows: expected 4, got 7']);
  });
});

describe('a message with a newline stays on its line', () => {
  it('the CLI prints an issue whose key holds a newline on one line', async () => {
    const r = await cli(text({ amount: 'a\nb' }));
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l !== '').every((l, i) => i === 0 || /^ {2}\S/.test(l))).toBe(true);
    expect(r.err).toContain('table.columns.a\\nb');
  });

  it('the table’s error column shows a newline escaped', () => {
    const m = { rows: 0, duplicates: 0, lost: 0, stale: 0, error: 'cannot read "x\ny.csv"', errorClass: 'other' as const, verdict: 'error' as const, problems: ['error' as const], attempts: [] };
    const lines = renderTable({ scenario: 's', lanes: { naive: m }, expect: { ok: true, failures: [] } }).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toContain('cannot read "x\\ny.csv"');
  });

  it('the attempt’s end label shows the failing statement’s message escaped', async () => {
    const inner = await nodeBackend();
    const refuse = (sql: string) => /^INSERT INTO dest/.test(sql);
    const wrap = (db: SqlPort): SqlPort => ({
      ...db,
      dialect: db.dialect,
      run: (sql, params) => (refuse(sql) ? Promise.reject(new Error('cannot open "landing/a\nb.csv"')) : db.run(sql, params)),
      query: (sql, params) => db.query(sql, params),
      script: (sql) => db.script(sql),
      writeMany: (sql, rows) => db.writeMany(sql, rows),
      snapshot: () => db.snapshot(),
      close: () => db.close(),
    });
    const backend: SqlBackend = { ...inner, clone: async (t) => wrap(await inner.clone(t)) };
    const v = validateScenario(JSON.parse(text({}, { faults: [], lanes: ['naive'] })));
    if (!v.ok) throw new Error('invalid');
    const sim = await Simulation.create(backend, v.scenario, undefined, { interactive: false });
    await sim.runToEnd();
    const ends = sim.lane('naive').trace.filter((e) => e.kind === 'end');
    expect(ends.length).toBeGreaterThan(0);
    for (const e of ends) {
      expect(e.label).not.toContain('\n');
      expect(e.label).toContain('a\\nb.csv');
    }
    await sim.close();
  });
});
