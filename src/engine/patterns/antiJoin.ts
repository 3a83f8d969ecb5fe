import type { Attempt } from '../attempt';
import type { Pattern } from './pattern';

/**
 * How many rows the statement inserted from each input position (rows above `limit`, in batch order). Counted from
 * `dest`'s lineage when every input path is distinct; else per position against the table as it was before.
 */
async function insertedPerFile(a: Attempt, limit: number): Promise<number[]> {
  if (a.input.length <= 1) return [a.written];
  const rowId = a.sql.dialect.rowId();
  const paths = a.input.map((f) => f.path);
  if (new Set(paths).size === paths.length) {
    const r = await a.peek(`SELECT _file, COUNT(*) FROM dest WHERE ${rowId} > ? GROUP BY _file`, [limit]);
    const by = new Map(r.rows.map((row) => [String(row[0]), Number(row[1])]));
    return paths.map((p) => by.get(p) ?? 0);
  }
  const out: number[] = [];
  for (const f of a.input) {
    const r = await a.peek(
      `SELECT COUNT(*) FROM landing l WHERE l._rt_file = ? AND NOT EXISTS (SELECT 1 FROM dest d WHERE ${a.sql.keyMatch(a.model.key, 'd', 'l')} AND ${a.sql.dialect.rowId('d')} <= ?)`,
      [f.id, limit],
    );
    out.push(Number(r.rows[0]?.[0] ?? 0));
  }
  return out;
}

/**
 * Seed Pattern 4: one INSERT … SELECT … WHERE NOT EXISTS in one transaction. SQLite evaluates the NOT EXISTS against
 * the table as it was before the statement, so in-batch duplicates both pass (like Spark's left_anti join).
 */
export const antiJoin: Pattern = {
  id: 'anti-join',
  summary: 'one INSERT of batch rows whose key is absent (in-batch duplicates both pass)',
  description: 'Inserts only rows whose key is not in the table yet; never changes a row already there.',
  meta: null,
  keyIndex: true,
  async *program(a) {
    const { key, columns } = a.model;
    const { cols, keyMatch } = a.sql;
    yield* a.readBatch(a.input);
    yield* a.begin();
    const first = a.input[0];
    // the last row id before the statement: rows above it are the ones it inserts
    const limit = Number((await a.peek(`SELECT COALESCE(MAX(${a.sql.dialect.rowId()}), 0) FROM dest`)).rows[0]?.[0] ?? 0);
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
    // is the same (PATTERNS.md allows placing them just before the commit). They are reached in the statement's own
    // order — file by file, each file's afterRows among its file moments — so that of two faults in one attempt the
    // one the statement would meet first fires.
    const perFile = await insertedPerFile(a, limit);
    const last = a.input[a.input.length - 1];
    let written = 0;
    for (const [i, f] of a.input.entries()) {
      if (i > 0) {
        yield* a.at({ kind: 'after-delete', file: f });
        yield* a.at({ kind: 'before-write', file: f });
      }
      written += perFile[i] ?? 0;
      // fires a fault the file's rows pass; the step offers its whole count once, below
      yield* a.at({ kind: 'afterRows', rows: written }, false);
      // a file listed twice is written when its last listing is
      if (f !== last && a.input.lastIndexOf(f) === i) yield* a.at({ kind: 'after-write', file: f });
    }
    yield* a.at({ kind: 'afterRows', rows: a.written });
    yield* a.at({ kind: 'before-commit' });
    yield* a.commit();
    if (last) yield* a.at({ kind: 'after-write', file: last });
  },
};
