import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBackend } from '../../src/db/nativeBackend';
import { nodeBackend } from '../../src/db/nodeBackend';
import type { SqlBackend } from '../../src/db/port';
import { Simulation } from '../../src/engine/simulation';
import { formatIssue, parseScenarioText } from '../../src/engine/validate';

const dir = join(__dirname, '../../scenarios');
// the 1M-row headline is the benchmark's (npm run bench compares it on both backends)
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('seed-800k')).sort();

async function play(backend: SqlBackend, file: string) {
  const parsed = parseScenarioText(readFileSync(join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
  const sim = await Simulation.create(backend, parsed.scenario);
  try {
    await sim.runToEnd();
    return { report: sim.report(), traces: sim.lanes.map((l) => l.trace) };
  } finally {
    await sim.close();
  }
}

describe('the native SQLite backend (benchmark baseline)', () => {
  it.each(files)('%s: same report and same traces as sql.js', async (file) => {
    const [native, sqljs] = [await play(nativeBackend(), file), await play(await nodeBackend(), file)];
    expect(native.report).toEqual(sqljs.report);
    expect(native.traces).toEqual(sqljs.traces);
  });

  it('snapshots and clones through byte images, a plain Uint8Array too', async () => {
    const backend = nativeBackend();
    const { template } = await backend.buildTemplate(async (db) => {
      await db.script('CREATE TABLE t (a INTEGER, b TEXT)');
      await db.writeMany('INSERT INTO t VALUES (?, ?)', [[1, 'x'], [2.5, null]]);
    });
    if (template.kind !== 'image') throw new Error('expected an image');
    const copy = { kind: 'image' as const, bytes: new Uint8Array(template.bytes) };
    const db = await backend.clone(copy);
    expect((await db.query('SELECT a, typeof(a), b FROM t ORDER BY a')).rows).toEqual([[1, 'integer', 'x'], [2.5, 'real', null]]);
    expect(await db.run('DELETE FROM t WHERE a = ?', [1])).toBe(1);
    expect(await db.query('DELETE FROM t')).toEqual({ columns: [], rows: [] });
    await db.close();
  });
});
