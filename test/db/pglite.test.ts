import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeBackend } from '../../src/db/nodeBackend';
import { pgliteBackend } from '../../src/db/pgliteBackend';
import type { SqlBackend } from '../../src/db/port';
import type { Lane } from '../../src/engine/lane';
import { asStepCount } from '../../src/engine/positions';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, parseScenarioText, type Scenario } from '../../src/engine/validate';
import { LaneCore } from '../../src/worker/laneCore';

const dir = join(__dirname, '../../scenarios');
const load = (file: string): Scenario => {
  const parsed = parseScenarioText(readFileSync(join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
  return parsed.scenario;
};

/** Plays every lane to its end one after another, each lane's database freed after it (one PGlite instance at a time). */
async function report(backend: SqlBackend, scenario: Scenario) {
  const sim = await Simulation.create(backend, scenario, undefined, { interactive: false });
  try {
    for (const lane of sim.lanes) {
      await lane.runToEnd();
      await lane.release();
    }
    return sim.report();
  } finally {
    await sim.close();
  }
}

/** What must be equal on both engines: the numbers and verdicts, not the engine's wording of an error. */
const comparable = (r: Awaited<ReturnType<typeof report>>) =>
  Object.fromEntries(
    Object.entries(r.lanes).map(([id, m]) => [
      id,
      { rows: m.rows, duplicates: m.duplicates, lost: m.lost, stale: m.stale, verdict: m.verdict, errorClass: m.errorClass, attempts: m.attempts },
    ]),
  );

const destOf = async (lane: Lane) => (await lane.query('SELECT * FROM dest ORDER BY _rt_id')).rows;

describe('PostgreSQL in WebAssembly (PGlite) as a backend', () => {
  // one backend for the file: initdb runs once, every later template starts from its empty cluster
  let pgl: SqlBackend;
  let sqljs: SqlBackend;
  beforeAll(async () => {
    let base: Blob | null = null;
    pgl = pgliteBackend({ onBase: (b) => (base = b) });
    sqljs = await nodeBackend();
    // (warm: the first template pays initdb)
    await pgl.buildTemplate(async () => undefined);
    expect(base).not.toBeNull();
  }, 120_000);

  it.each(['09-duplicate-keys-first-batch.json', '16-crash-before-commit.json'])('%s: the same report as sql.js', { timeout: 120_000 }, async (file) => {
    const scenario = load(file);
    const [lite, post] = [await report(sqljs, scenario), await report(pgl, scenario)];
    expect(Object.keys(post.lanes)).toEqual(Object.keys(lite.lanes));
    expect(Object.keys(post.lanes)).toContain('merge');
    expect(comparable(post)).toEqual(comparable(lite));
    expect(post.expect).toEqual(lite.expect);
    // the merge lane meets PostgreSQL's own MERGE refusal in scenario 09 (a key twice in one batch)
    if (file.startsWith('09')) expect(post.lanes.merge?.errorClass).toBe('multi-match');
  });

  it('custom lanes run too, their sandbox reading PostgreSQL\'s plan (EXPLAIN) as on a server', { timeout: 120_000 }, async () => {
    const doc = JSON.parse(readFileSync(join(dir, '16-crash-before-commit.json'), 'utf8'));
    const laneDoc = (p: string) => JSON.parse(readFileSync(join(dir, 'lanes', `${p}.json`), 'utf8'));
    const bad = { id: 'bad', pattern: 'custom', sql: { unit: 'file', statements: ['INSERT INTO dest SELECT * FROM batch WHERE _file = :path', 'DELETE FROM landing'] } };
    const parsed = parseScenarioText(JSON.stringify({ ...doc, lanes: [laneDoc('naive'), laneDoc('merge-latest'), bad], expect: undefined }));
    if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
    const [lite, post] = [await report(sqljs, parsed.scenario), await report(pgl, parsed.scenario)];
    expect(comparable(post)).toEqual(comparable(lite));
    expect(post.lanes.bad?.error).toBe('statements[1] writes to "landing", a table the engine owns: a lane writes only dest and the tables its setup creates');
  });

  it('the console: queries and writes run in a transaction of their own and never change the lane', { timeout: 120_000 }, async () => {
    const scenario = load('16-crash-before-commit.json');
    const sim = await Simulation.create(pgl, scenario, ['tracking-atomic']);
    try {
      const lane = sim.lanes[0] as Lane;
      // inside the lane's own open transaction (a write step before its COMMIT) and outside any (the end)
      await lane.runToEnd();
      const inTx = lane.trace.findIndex((e) => e.txOpen && e.kind === 'write');
      expect(inTx).toBeGreaterThan(0);
      for (const count of [asStepCount(inTx + 1), asStepCount(lane.trace.length)]) {
        await lane.seek(count);
        const before = await destOf(lane);
        expect((await lane.query('SELECT COUNT(*) FROM dest')).rows).toEqual([[before.length]]);
        // a scratch copy: a later statement sees an earlier one's writes
        const out = await lane.queryEach(['DELETE FROM dest', 'SELECT COUNT(*) AS n FROM dest', 'INSERT INTO dest (id) VALUES (1)', 'SELECT COUNT(*) FROM dest']);
        expect(out).toEqual([
          { columns: [], rows: [] },
          { columns: ['n'], rows: [[0]] },
          { columns: [], rows: [] },
          { columns: ['count'], rows: [[1]] },
        ]);
        expect(await destOf(lane)).toEqual(before);
        // stops at the first error, which aborts PostgreSQL's transaction: the savepoint still restores the lane's
        expect(await lane.queryEach(['DELETE FROM dest', 'INSERT INTO nowhere VALUES (1)', 'SELECT 1'])).toEqual([
          { columns: [], rows: [] },
          { error: 'relation "nowhere" does not exist' },
        ]);
        expect(await destOf(lane)).toEqual(before);
        // a COMMIT escaping the console's savepoint is caught (the lane is rebuilt before its next use)
        await lane.queryEach(['DELETE FROM dest', 'COMMIT']);
        expect(await destOf(lane)).toEqual(before);
        expect(lane.position).toBe(count);
      }
      // replaying to the end after all that gives the lane's own numbers
      expect((await lane.query('SELECT COUNT(*) FROM dest')).rows).toEqual([[lane.metrics?.rows]]);
      // values as the server backend gives them: numbers, booleans as 1/0, bytes, everything else as PostgreSQL's text
      const values = await lane.query(`SELECT 2.5::numeric, 7::bigint, true, '{"a":1}'::jsonb, ARRAY[1,2], DATE '2026-01-02', '\\x0102'::bytea, NULL`);
      expect(values.rows).toEqual([[2.5, 7, 1, '{"a": 1}', '{1,2}', '2026-01-02', new Uint8Array([1, 2]), null]]);
      const error = (await lane.queryEach(['SELEC 1']))[0];
      expect(error).toEqual({ error: 'syntax error at or near "SELEC"' });
    } finally {
      await sim.close();
    }
  });

  it('the worker core releases each lane after its run and rebuilds it for the console', { timeout: 120_000 }, async () => {
    const core = new LaneCore(async () => pgl, { releaseAfterRun: true });
    const opened = await core.open(load('16-crash-before-commit.json'));
    if (!opened.ok) throw new Error('invalid');
    const naive = await core.run('naive');
    const merge = await core.run('merge');
    const at = asStepCount(naive.trace.length);
    const q = await core.query('naive', at, 'SELECT COUNT(*) FROM dest');
    expect(q).toMatchObject({ ok: true, rows: [[naive.metrics?.rows]] });
    await core.releaseOthers('merge');
    const each = await core.queryEach('merge', asStepCount(merge.trace.length), ['UPDATE dest SET id = id + 1000', 'SELECT MIN(id) >= 1000 FROM dest']);
    expect(each.results.map((r) => r.rows)).toEqual([[], [[1]]]);
    expect((await core.query('merge', asStepCount(merge.trace.length), 'SELECT COUNT(*) FROM dest WHERE id >= 1000')).rows).toEqual([[0]]);
  });
});
