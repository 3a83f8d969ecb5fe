import { INSERT_NOTE, type Attempt, type Piece } from '../attempt';
import { fmt, oneLine } from '../format';
import { keysSurelyDistinct } from '../model';
import { note } from '../trace';
import type { Pattern } from './pattern';
import { batchPieces, FileMoments } from './wholeRun';

/** Delta Lake's error when two source rows match one target row. */
export const DELTA_MULTI_MATCH =
  '[DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE] Cannot perform Merge as multiple source rows matched ' +
  'and attempted to modify the same target row in the Delta table in possibly conflicting ways.';

/** Rows of one chunk of the batch, restricted to merge-latest's surviving rows when `latest`. */
function chunkSource(a: Attempt, latest: boolean): string {
  const { cols } = a.sql;
  const survivors = latest ? ' AND _rt_seq IN (SELECT bl._seq FROM batch_latest bl WHERE bl._pos = ?)' : '';
  return `SELECT ${cols(a.model.columns)} FROM landing WHERE _rt_file = ? AND _rt_seq BETWEEN ? AND ?${survivors}`;
}

/** Upper bound of the target's row ids before the MERGE: rows above it were inserted by this MERGE (not matched). */
async function targetLimit(a: Attempt): Promise<number> {
  const r = await a.peek(`SELECT COALESCE(MAX(${a.sql.dialect.rowId()}), 0) FROM dest`);
  return Number(r.rows[0]?.[0] ?? 0);
}

/** merge-latest: keep one row per key (largest orderBy, ties to the last delivered). */
async function* reduceBatch(a: Attempt) {
  if (keysSurelyDistinct(a.input)) {
    yield note('check', 'reduce the batch to the latest row per key: no key repeats in this batch (known from the file layout), nothing to drop');
    return false;
  }
  const { cols, q } = a.sql;
  const order = [a.model.orderBy ? `${q(a.model.orderBy)} DESC` : null, '_pos DESC', '_seq DESC'].filter(Boolean).join(', ');
  const sql =
    'CREATE TABLE batch_latest AS SELECT _pos, _seq FROM (' +
    `SELECT _pos, _seq, ROW_NUMBER() OVER (PARTITION BY ${cols(a.model.key)} ORDER BY ${order}) AS _rt_rn FROM batch) AS w WHERE _rt_rn = 1`;
  yield* a.exec({ kind: 'check', label: 'reduce the batch to the latest row per key', sql });
  return true;
}

/** The MERGE statement of the engine's own dialect (`nativeMerge`): one source, matched rows updated, the others inserted. */
function mergeStatement(a: Attempt, source: string, on: string, newer: string, file: string): string {
  const { cols, keyMatch } = a.sql;
  const { key, nonKey, columns } = a.model;
  const set = [...nonKey.map((c) => `${a.sql.q(c)} = b.${a.sql.q(c)}`), '_run = ?', '_attempt = ?', `_file = ${file}`].join(', ');
  return (
    `MERGE INTO dest USING (${source}) AS b ON ${keyMatch(key, 'dest', 'b')}${on} ` +
    `WHEN MATCHED${newer} THEN UPDATE SET ${set} ` +
    `WHEN NOT MATCHED THEN INSERT (${cols(columns)}, _run, _attempt, _file) VALUES (${cols(columns, 'b')}, ?, ?, ${file})`
  );
}

/** Rows of `dest` above a row id: what a statement inserted since the id was read. */
const insertedSince = (a: Attempt, limit: number): { sql: string; params: number[] } => ({
  sql: `SELECT COUNT(*) FROM dest WHERE ${a.sql.dialect.rowId()} > ?`,
  params: [limit],
});

/**
 * `merge` on an engine with a real MERGE, when keys may repeat in the batch: ONE MERGE over the whole batch, so that
 * the engine itself refuses a target row two batch rows match (chunked MERGEs would miss two rows in different
 * chunks). A single statement is atomic: the moments inside it (file moments, afterRows) fire right after it, in the
 * statement's own order, before the COMMIT — as the anti-join does.
 */
async function* singleMerge(a: Attempt) {
  const { key, columns } = a.model;
  const { cols, keyMatch } = a.sql;
  const limit = await targetLimit(a);
  // Rows each input position will write: an unmatched row inserts one, a matched row updates every target row of
  // its key (when no target row is matched twice; otherwise the MERGE fails and nothing is written).
  const per = await a.peek(
    `SELECT b._pos, SUM(COALESCE(t._rt_n, 1)) FROM batch b LEFT JOIN (SELECT ${cols(key)}, COUNT(*) AS _rt_n FROM dest GROUP BY ${cols(key)}) AS t ` +
      `ON ${keyMatch(key, 't', 'b')} GROUP BY b._pos`,
  );
  const perPos = new Map(per.rows.map((r) => [Number(r[0]), Number(r[1])]));
  // the batch in batch order, straight from the landing zone, with each row's path for the lineage
  const source =
    `SELECT ${cols(columns, 'l')}, f.path AS _path FROM delivery i JOIN files f ON f.id = i.file ` +
    `JOIN landing l ON l._rt_file = i.file WHERE i.run = ? ORDER BY i.pos, l._rt_seq`;
  const sql = mergeStatement(a, source, '', '', 'b._path');
  yield* a.execAll({
    kind: 'write',
    label: (changed) => `merge the whole batch in one statement: ${fmt(changed[0] ?? 0)} rows updated or inserted (inside the transaction)`,
    sql: [{ sql, params: [a.run, a.run, a.attempt, a.run, a.attempt], written: true, inserted: insertedSince(a, limit) }],
    note:
      'One MERGE over the whole batch: keys repeat in it, and only one statement lets the engine see every pair of batch rows that match one ' +
      'target row (it refuses them: "MERGE command cannot affect row a second time"). Moments inside the statement fire right after it.',
  });
  const last = a.input[a.input.length - 1];
  let written = 0;
  for (const [i, f] of a.input.entries()) {
    yield* a.at({ kind: 'after-delete', file: f });
    yield* a.at({ kind: 'before-write', file: f });
    written += perPos.get(i + 1) ?? 0;
    // fires a fault the file's rows pass; the step offers its whole count once, below
    yield* a.at({ kind: 'afterRows', rows: written }, false);
    // a file listed twice is written when its last listing is
    if (f !== last && a.input.lastIndexOf(f) === i) yield* a.at({ kind: 'after-write', file: f });
  }
  yield* a.at({ kind: 'afterRows', rows: a.written });
  yield* a.at({ kind: 'before-commit' });
  yield* a.commit();
  if (last) yield* a.at({ kind: 'after-write', file: last });
}

/**
 * MERGE semantics. On an engine with a real MERGE (PostgreSQL), each chunk is one MERGE (or, for `merge` when keys
 * may repeat in the batch, one MERGE over the whole batch). On SQLite, which has none (and whose ON CONFLICT would
 * silently resolve in-batch duplicates), the engine checks for a target row matched twice first, then runs each chunk
 * as an UPDATE of matched rows and an INSERT of the others.
 */
function mergeProgram(latest: boolean): Pattern['program'] {
  return async function* program(a: Attempt) {
    const { key, nonKey, orderBy } = a.model;
    const { cols, keyMatch, q, dialect } = a.sql;
    const native = dialect.nativeMerge;
    yield* a.readBatch(a.input);
    const reduced = latest ? yield* reduceBatch(a) : false;
    yield* a.begin();
    if (!latest) {
      if (keysSurelyDistinct(a.input)) {
        yield note('check', 'no key repeats in this batch (known from the file layout): no target row can match twice');
      } else if (native) {
        yield* singleMerge(a);
        return;
      } else {
        const found = yield* a.query({
          kind: 'check',
          label: (r) => (r.rows.length ? `a target row is matched by ${String(r.rows[0]?.[key.length])} batch rows` : 'every target row is matched at most once'),
          sql:
            `SELECT ${cols(key, 'b')}, COUNT(*) FROM batch b WHERE EXISTS (SELECT 1 FROM dest d WHERE ${keyMatch(key, 'd', 'b')}) ` +
            `GROUP BY ${cols(key, 'b')} HAVING COUNT(*) > 1 LIMIT 1`,
        });
        if (found.rows.length > 0) {
          yield* a.rollback('ROLLBACK: the MERGE is refused');
          a.fail(DELTA_MULTI_MATCH, 'multi-match');
        }
      }
    }
    const limit = await targetLimit(a);
    const pieces: Piece[] = batchPieces(a.input);
    const moments = new FileMoments(a, pieces, true, true);
    const set = [...nonKey, '_run', '_attempt', '_file'];
    const newer = latest && orderBy ? ` AND b.${q(orderBy)} > dest.${q(orderBy)}` : '';
    const update =
      `UPDATE dest SET (${cols(set)}) = (${cols(nonKey, 'b')}, ?, ?, ?) FROM (${chunkSource(a, reduced)}) AS b ` +
      `WHERE ${keyMatch(key, 'dest', 'b')} AND ${dialect.rowId('dest')} <= ${limit}${newer}`;
    // An empty target matches nothing: every batch row is inserted, with no UPDATE and no lookup to run.
    const emptyTarget = limit === 0;
    const unmatched = emptyTarget ? '' : ` WHERE NOT EXISTS (SELECT 1 FROM dest d WHERE ${keyMatch(key, 'd', 'b')} AND ${dialect.rowId('d')} <= ${limit})`;
    // the source is a primary-key range scan of the landing zone: already in batch order
    const insert =
      `INSERT INTO dest (${cols(a.model.columns)}, _run, _attempt, _file) SELECT ${cols(a.model.columns, 'b')}, ?, ?, ? ` +
      `FROM (${chunkSource(a, reduced)}) AS b${unmatched}`;
    // the real MERGE of a chunk: its source first, then the lineage of an update and of an insert
    const nativeSql = mergeStatement(a, chunkSource(a, reduced), ` AND ${dialect.rowId('dest')} <= ${limit}`, newer, '?');
    for (const piece of pieces) {
      yield* moments.before(piece);
      for (const [from, to] of a.chunksOf(piece)) {
        const src = [piece.file.id, from, to, ...(reduced ? [piece.pos ?? 1] : [])];
        const lineage = [a.run, a.attempt, piece.file.path];
        const params = [...lineage, ...src];
        if (native) {
          const before = await targetLimit(a);
          yield* a.execAll({
            kind: 'write',
            label: (changed) => `merge ${oneLine(piece.file.path)} rows ${fmt(from)}–${fmt(to)}: ${fmt(changed[0] ?? 0)} updated or inserted (inside the transaction)`,
            sql: [{ sql: nativeSql, params: [...src, ...lineage, ...lineage], written: true, inserted: insertedSince(a, before) }],
            file: piece.file.id,
            seq: [from, to],
            note: `One MERGE per chunk: no key repeats in the batch, so no two chunks can match one target row. ${INSERT_NOTE}`,
          });
          yield* a.at({ kind: 'afterRows', rows: a.written });
          continue;
        }
        const statements = [
          ...(emptyTarget ? [] : [{ sql: update, params, written: true }]),
          { sql: insert, params, effect: 'insert' as const, written: true },
        ];
        yield* a.execAll({
          kind: 'write',
          label: (changed) => {
            const [updated, inserted] = emptyTarget ? [0, changed[0] ?? 0] : [changed[0] ?? 0, changed[1] ?? 0];
            return `merge ${oneLine(piece.file.path)} rows ${fmt(from)}–${fmt(to)}: ${fmt(updated)} updated, ${fmt(inserted)} inserted (inside the transaction)`;
          },
          sql: statements,
          file: piece.file.id,
          seq: [from, to],
          note:
            `A MERGE is one statement; SQLite has none without ON CONFLICT, so each chunk runs as an UPDATE of matched target rows and an INSERT of unmatched batch rows` +
            `${emptyTarget ? ' (the target was empty when the MERGE began: nothing can match, so only the INSERT runs)' : ''}. ${INSERT_NOTE}`,
        });
        yield* a.at({ kind: 'afterRows', rows: a.written });
      }
      yield* moments.after(piece);
    }
    yield* moments.finish();
    yield* a.at({ kind: 'before-commit' });
    yield* a.commit();
    yield* moments.afterCommit();
  };
}

export const merge: Pattern = {
  id: 'merge',
  summary: 'MERGE on the key: update matched, insert unmatched; Delta refuses a target row matched twice',
  description: 'Matches rows by key: updates the ones already there and inserts the rest; refuses a key that matches twice.',
  meta: null,
  program: mergeProgram(false),
  keyIndex: true,
};

export const mergeLatest: Pattern = {
  id: 'merge-latest',
  summary: 'batch reduced to the latest row per key; update only when newer',
  description: 'Keeps only the newest row per key from the batch and updates a row only with a newer one.',
  meta: null,
  program: mergeProgram(true),
  keyIndex: true,
};
