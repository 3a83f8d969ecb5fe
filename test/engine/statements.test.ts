import { asStepCount, stepsThrough } from '../../src/engine/positions';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { SqlBackend, SqlPort } from '../../src/db/port';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, validateScenario } from '../../src/engine/validate';
import { scenario } from './driver';

const doc = scenario({
  files: { f1: { rows: [[1, 'd1', 10, 1], [2, 'd1', 20, 1]] }, f2: { rows: [[1, 'd1', 11, 2], [3, 'd2', 30, 1]] } },
  runs: [['f1'], ['f2']],
  maxAttempts: 2,
});

/** A backend whose lane connections refuse statements matching `fails`, with the engine's own kind of message. */
async function refusing(fails: RegExp): Promise<SqlBackend> {
  const inner = await nodeBackend();
  const wrap = (db: SqlPort): SqlPort => ({
    dialect: db.dialect,
    run: (sql, params) => (fails.test(sql) ? Promise.reject(new Error('disk I/O error')) : db.run(sql, params)),
    query: (sql, params) => (fails.test(sql) ? Promise.reject(new Error('disk I/O error')) : db.query(sql, params)),
    script: (sql) => db.script(sql),
    writeMany: (sql, rows) => db.writeMany(sql, rows),
    snapshot: () => db.snapshot(),
    close: () => db.close(),
  });
  return { ...inner, clone: async (t) => wrap(await inner.clone(t)) };
}

async function run(backend: SqlBackend, lanes: string[]) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.errors.map(formatIssue).join('; '));
  const sim = await Simulation.create(backend, v.scenario, lanes, { interactive: false });
  await sim.runToEnd();
  return sim;
}

describe('a statement that fails anywhere is the lane’s error, never the end of the simulation', () => {
  it.each([
    ['merge', /^UPDATE dest SET/],
    ['anti-join', /WHERE NOT EXISTS/],
    ['merge-latest', /^UPDATE dest SET/],
    ['tracking', /INSERT INTO processed_files .*'FAILED'|^INSERT INTO processed_files .*SUCCESS/],
    ['overwrite', /^DELETE FROM dest/],
  ])('%s: the failing statement ends its attempts with an error; the other lanes run on', async (lane, fails) => {
    const sim = await run(await refusing(fails), [lane, 'naive']);
    const m = sim.lane(lane).metrics;
    expect(m?.error, lane).toBe('disk I/O error');
    expect(m?.errorClass, lane).toBe('other');
    expect(m?.verdict).toBe('error');
    const failed = sim.lane(lane).trace.find((e) => e.error === 'disk I/O error');
    expect(failed?.label).toMatch(/failed: disk I\/O error/);
    expect(sim.lane('naive').metrics?.verdict).toBe('duplicates');
    await sim.close();
  });

  it('classifies errors: a crash, an injected error and SQLite syntax and constraint errors', async () => {
    const { sqliteDialect } = await import('../../src/db/sqliteDialect');
    expect(sqliteDialect.classifyError('near "brien": syntax error')).toBe('syntax');
    expect(sqliteDialect.classifyError('UNIQUE constraint failed: processed_files.file_hash')).toBe('constraint');
    expect(sqliteDialect.classifyError('no such table: nope')).toBe('syntax');
    expect(sqliteDialect.classifyError('disk I/O error')).toBe('other');
    const v = validateScenario({ ...doc, faults: [{ run: 1, attempt: 2, kind: 'error', at: { afterRows: 1 } }, { run: 1, attempt: 1, kind: 'crash', at: { afterRows: 1 } }] });
    if (!v.ok) throw new Error('invalid');
    const sim = await Simulation.create(await nodeBackend(), v.scenario, ['naive'], { interactive: false });
    await sim.runToEnd();
    const ends = sim.lane('naive').trace.filter((e) => e.kind === 'end').map((e) => e.errorClass ?? null);
    expect(ends).toEqual(['crash', 'injected', null]);
    expect(sim.lane('naive').metrics).toMatchObject({ error: 'injected error at afterRows 1', errorClass: 'injected' });
    await sim.close();
  });
});

describe('the SQL console never changes a lane', () => {
  const count = async (sim: Simulation, lane: string) => Number((await sim.lane(lane).query('SELECT COUNT(*) FROM dest')).rows[0]?.[0]);

  it.each([
    'WITH x AS (SELECT 1) DELETE FROM dest',
    'DELETE FROM dest',
    'INSERT INTO dest SELECT * FROM dest',
    '  /* comment */ UPDATE dest SET amount = 0',
    'COMMIT',
    'END',
    'RELEASE runtwice_console',
    'ROLLBACK',
    'DROP TABLE dest',
    'PRAGMA foreign_keys = ON',
  ])('%s leaves the lane as it was, at a step with and without an open transaction', async (stmt) => {
    const v = validateScenario(doc);
    if (!v.ok) throw new Error('invalid');
    const sim = await Simulation.create(await nodeBackend(), v.scenario, ['merge']);
    await sim.lane('merge').runToEnd();
    const trace = sim.lane('merge').trace;
    const open = trace.findLast((e) => e.txOpen && e.destRows > 0);
    const closed = trace.findLast((e) => !e.txOpen && e.destRows > 0);
    for (const e of [open, closed]) {
      if (!e) throw new Error('the scenario has no such step');
      await sim.seek('merge', stepsThrough(e.step));
      expect(await count(sim, 'merge')).toBe(e.destRows);
      await sim.lane('merge').query(stmt).catch(() => undefined);
      await sim.seek('merge', stepsThrough(e.step));
      expect(await count(sim, 'merge'), `${stmt} at step ${e.step}`).toBe(e.destRows);
      // and the lane plays on to the same end
      await sim.seek('merge', asStepCount(trace.length));
      expect(await count(sim, 'merge')).toBe(sim.lane('merge').metrics?.rows);
    }
    await sim.close();
  });
});
