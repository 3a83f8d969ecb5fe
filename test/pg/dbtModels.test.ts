import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportLane } from '../../src/engine/export';
import { compileModel } from '../../src/engine/model';
import { parseScenarioText } from '../../src/engine/validate';
import { describePg, PG_URL } from './server';

/**
 * The dbt models the app exports are SQL PostgreSQL accepts: each is rendered as dbt would render it — the config
 * block dropped, `source('landing', 'batch')` and `this` replaced by tables of the shape the model's header states,
 * `is_incremental()` true and false in turn — and planned (EXPLAIN) by the server. No dbt here: only its SQL.
 */
const dir = join(__dirname, '../../scenarios');
const catalogue = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('01-')).sort();

/** dbt's rendering of the few Jinja constructs the exporter writes. */
function render(code: string, incremental: boolean): string {
  let out = code.replace(/{{\s*config\([^}]*\)\s*}}/g, '');
  out = out.replace(/{%\s*if is_incremental\(\)\s*%}([\s\S]*?)(?:{%\s*else\s*%}([\s\S]*?))?{%\s*endif\s*%}/g, (_m, yes: string, no?: string) => (incremental ? yes : (no ?? '')));
  out = out.replace(/{{\s*source\('landing',\s*'batch'\)\s*}}/g, 'rt_batch').replace(/{{\s*this\s*}}/g, 'rt_this');
  if (/{{|{%/.test(out)) throw new Error(`unrendered Jinja left:\n${out}`);
  return out;
}

describePg('exported dbt models are SQL PostgreSQL plans, incremental or not', () => {
  let c: pg.Client;
  beforeAll(async () => {
    c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
  });
  afterAll(async () => {
    await c?.end();
  });

  it.each(catalogue)('%s: every lane', { timeout: 60_000 }, async (file) => {
    const parsed = parseScenarioText(readFileSync(join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(file);
    const model = compileModel(parsed.scenario);
    const types: Record<string, string> = { INTEGER: 'BIGINT', REAL: 'DOUBLE PRECISION', TEXT: 'TEXT' };
    const cols = model.columns.map((n) => `"${n}" ${types[parsed.scenario.table.columns[n] as string]}`).join(', ');
    await c.query('BEGIN');
    try {
      await c.query(`CREATE TEMP TABLE rt_batch (_file_path TEXT, _content_hash TEXT, _pos INTEGER, _seq BIGINT, ${cols})`);
      await c.query(`CREATE TEMP TABLE rt_this (${cols}, _file TEXT, _content_hash TEXT, _pos INTEGER, _seq BIGINT)`);
      for (const lane of model.lanes) {
        const code = exportLane(model, lane.id, 'dbt').code;
        for (const incremental of [true, false]) {
          const sql = render(code, incremental);
          await expect(c.query(`EXPLAIN ${sql}`).then(() => 'planned'), `${lane.id} (incremental: ${incremental}):\n${sql}`).resolves.toBe('planned');
        }
      }
    } finally {
      await c.query('ROLLBACK');
    }
  });
});
