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

  it.each(files)('%s', { timeout: 600_000 }, async (file) => {
    const scenario = load(file);
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
