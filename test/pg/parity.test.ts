import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runScenario } from '../../src/cli/runScenario';
import initSqlJs from 'sql.js';
import pg from 'pg';
import { sqlJsBackend } from '../../src/db/sqljs';
import { postgresBackend, type PostgresBackend } from '../../src/db/postgres';
import type { SqlBackend } from '../../src/db/port';
import { parseScenarioText, type Scenario } from '../../src/engine/validate';
import { describePg, PG_URL } from './server';

const dir = join(__dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

function load(file: string): Scenario {
  const parsed = parseScenarioText(readFileSync(join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file} does not validate`);
  return parsed.scenario;
}

/** What must be the same on both engines (the error's text is the engine's own; its class is not). */
const comparable = (m: { rows: number; duplicates: number; lost: number; stale: number; verdict: string; problems: string[]; errorClass: string | null; attempts: unknown[]; error: string | null }) => ({
  rows: m.rows,
  duplicates: m.duplicates,
  lost: m.lost,
  stale: m.stale,
  verdict: m.verdict,
  problems: m.problems,
  errorClass: m.errorClass,
  attempts: m.attempts,
  // crashes and injected errors are the engine's words, the same on both
  error: m.errorClass === 'crash' || m.errorClass === 'injected' ? m.error : m.errorClass ? '(engine message)' : null,
});

describePg('every catalogue scenario gives the same numbers on PostgreSQL as on sql.js', () => {
  let pgb: PostgresBackend;
  let sqljs: SqlBackend;
  let admin: pg.Client;
  beforeAll(async () => {
    pgb = await postgresBackend(PG_URL);
    sqljs = sqlJsBackend(await initSqlJs());
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await pgb?.sweep();
    await pgb?.close();
    await admin?.end();
  });
  const left = async (): Promise<string[]> =>
    (await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${pgb.prefix}%`])).rows.map((r) => r.datname);

  it.each([...files, 'keywords as column names', 'a two-column key and REAL values'])('%s', { timeout: 600_000 }, async (file) => {
    const scenario = file.endsWith('.json') ? load(file) : file.startsWith('keywords') ? keywordScenario() : twoKeyScenario();
    const [lite, post] = [await runScenario(sqljs, scenario), await runScenario(pgb, scenario)];
    expect(Object.keys(post.lanes)).toEqual(Object.keys(lite.lanes));
    for (const id of Object.keys(lite.lanes)) {
      const l = lite.lanes[id];
      const p = post.lanes[id];
      if (!l || !p) throw new Error(`lane ${id} missing`);
      expect({ lane: id, ...comparable(p) }).toEqual({ lane: id, ...comparable(l) });
    }
    // the scenario's own expectations hold on PostgreSQL too (engine-specific ones are stated by errorClass)
    expect(post.expect.failures).toEqual([]);
    // every database the run made (seed template, lane databases, the threads' too) is dropped when it ends
    expect(await left()).toEqual([]);
  });
});

/** Scenario 10 with SQL keywords (reserved in PostgreSQL, some not in SQLite) as column names, and a crash. */
function keywordScenario(): Scenario {
  const names: Record<string, string> = { order_id: 'select', order_date: 'user', status: 'order', updated_at: 'group' };
  const text = readFileSync(join(dir, '10-many-updates-one-batch.json'), 'utf8').replace(/"(order_id|order_date|status|updated_at)"/g, (_m, n: string) => `"${names[n]}"`);
  const doc = JSON.parse(text) as Record<string, unknown>;
  delete doc.expect;
  doc.faults = [{ run: 2, kind: 'crash', at: { afterRows: 1 } }];
  const parsed = parseScenarioText(JSON.stringify(doc));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
}

/** Two key columns, REAL values, a redelivery with corrections, and an injected error. */
function twoKeyScenario(): Scenario {
  const row = (region: string, id: number, amount: number, v: number) => ({ row: { region, id, amount, v } });
  const parsed = parseScenarioText(
    JSON.stringify({
      format: 'runtwice/scenario@1',
      id: 'two-key',
      title: 't',
      summary: 's',
      story: 's',
      table: { columns: { region: 'TEXT', id: 'INTEGER', amount: 'REAL', v: 'INTEGER' }, key: ['region', 'id'], partitionBy: 'region', orderBy: 'v' },
      files: {
        f1: { path: "in/eu/a'1.csv", rows: [row('eu', 1, 1.5, 1), row('eu', 2, 2.25, 1), row('us', 1, 3, 1)] },
        f2: { path: 'in/eu/b.csv', rows: [row('eu', 1, 9.75, 2), row('eu', 1, 8.5, 3), row('us', 2, 0.1, 1)] },
      },
      runs: [{ input: ['f1'] }, { input: ['f2', 'f1'] }, { input: ['f2'] }],
      faults: [{ run: 2, kind: 'error', at: { after: 'write', file: 'f2' } }],
      retry: { maxAttempts: 2 },
    }),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
}
