import type { Pattern } from './pattern';

/**
 * Seed Pattern 4: one INSERT … SELECT … WHERE NOT EXISTS in one transaction. SQLite evaluates the NOT EXISTS against
 * the table as it was before the statement, so in-batch duplicates both pass (like Spark's left_anti join).
 */
export const antiJoin: Pattern = {
  id: 'anti-join',
  summary: 'one INSERT of batch rows whose key is absent (in-batch duplicates both pass)',
  meta: null,
  keyIndex: true,
  async *program(a) {
    const { key, columns } = a.model;
    const { cols, keyMatch } = a.sql;
    yield* a.readBatch(a.input);
    yield* a.begin();
    const first = a.input[0];
    if (first) {
      yield* a.at({ kind: 'after-delete', file: first });
      yield* a.at({ kind: 'before-write', file: first });
    }
    // The batch, file by file in input order, straight from the landing zone (the `batch` view, without its joins).
    const source = a.input
      .map((f, i) => `SELECT ${cols(columns)}, ${i + 1} AS _pos, _rt_seq AS _seq, ? AS _path FROM landing WHERE _rt_file = '${f.id}'`)
      .join(' UNION ALL ');
    const sql =
      `INSERT INTO dest (${cols(columns)}, _run, _attempt, _file) SELECT ${cols(columns, 'b')}, ?, ?, b._path FROM (${source}) AS b ` +
      `WHERE NOT EXISTS (SELECT 1 FROM dest d WHERE ${keyMatch(key, 'd', 'b')})`;  // UNION ALL of PK scans: already in batch order
    yield* a.execAll({
      kind: 'write',
      label: 'insert batch rows whose key is not in dest yet',
      sql: [{ sql, params: [a.run, a.attempt, ...a.input.map((f) => f.path)], effect: 'insert', written: true }],
    });
    // Moments inside the one statement are placed right after it, still inside the open transaction: the outcome
    // is the same (PATTERNS.md allows placing them just before the commit).
    const last = a.input[a.input.length - 1];
    for (const f of a.input) {
      if (f !== first) {
        yield* a.at({ kind: 'after-delete', file: f });
        yield* a.at({ kind: 'before-write', file: f });
      }
      if (f !== last) yield* a.at({ kind: 'after-write', file: f });
    }
    yield* a.at({ kind: 'afterRows', rows: a.written });
    yield* a.at({ kind: 'before-commit' });
    yield* a.commit();
    if (last) yield* a.at({ kind: 'after-write', file: last });
  },
};
