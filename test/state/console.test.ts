import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { sqlJsBackend } from '../../src/db/sqljs';
import { asCursor } from '../../src/engine/positions';
import { EngineCore } from '../../src/worker/engineCore';
import { smallDoc } from './helpers';

// Issue 10, item 7: several statements in order, in one scratch copy of the lane (never changing it).
describe('the console scratch copy (EngineCore.queryEach over Lane.queryEach)', () => {
  it('runs statements in order where later ones see earlier writes, stops at an error, and leaves the lane as it was', async () => {
    const core = new EngineCore(async () => sqlJsBackend(await initSqlJs()));
    const loaded = await core.load(smallDoc({ faults: [] }));
    if (!loaded.ok) throw new Error('invalid');
    const end = asCursor(loaded.result.ticks);
    expect((await core.seek('naive', end)).ok).toBe(true);
    const out = await core.queryEach('naive', end, [
      'SELECT COUNT(*) AS n FROM dest',
      'DELETE FROM dest WHERE id <= 10',
      'SELECT COUNT(*) AS n FROM dest',
      'SELECT nope FROM dest',
      'SELECT 1',
    ]);
    expect(out.results.map((r) => r.rows[0]?.[0] ?? null)).toEqual([1000, null, 990, null]);
    expect(out.results[3]?.error).toMatch(/no such column: nope/);
    expect(out.ok).toBe(false);
    // the lane itself never changed
    const again = await core.query('naive', end, 'SELECT COUNT(*) FROM dest');
    expect(again.rows[0]?.[0]).toBe(1000);
  });
});
