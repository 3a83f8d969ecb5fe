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
    // The batch, file by file in input order, straight from the landing zone: the run's `delivery` rows (one per
    // input position, in order) joined to each file's primary-key range. One join, however many files the run lists
    // (a UNION ALL per file hits SQLite's limit of 500 terms in a compound SELECT).
    const sql =
      `INSERT INTO dest (${cols(columns)}, _run, _attempt, _file) SELECT ${cols(columns, 'l')}, ?, ?, f.path ` +
      `FROM delivery i JOIN files f ON f.id = i.file JOIN landing l ON l._rt_file = i.file ` +
      `WHERE NOT EXISTS (SELECT 1 FROM dest d WHERE ${keyMatch(key, 'd', 'l')}) AND i.run = ? ORDER BY i.pos, l._rt_seq`;
    yield* a.execAll({
      kind: 'write',
      label: 'insert batch rows whose key is not in dest yet',
      sql: [{ sql, params: [a.run, a.attempt, a.run], effect: 'insert', written: true }],
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
