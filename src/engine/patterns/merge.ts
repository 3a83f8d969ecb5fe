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
    `SELECT _pos, _seq, ROW_NUMBER() OVER (PARTITION BY ${cols(a.model.key)} ORDER BY ${order}) AS _rt_rn FROM batch) WHERE _rt_rn = 1`;
  yield* a.exec({ kind: 'check', label: 'reduce the batch to the latest row per key', sql });
  return true;
}

/** MERGE semantics on SQLite without ON CONFLICT (which would silently resolve in-batch duplicates). */
function mergeProgram(latest: boolean): Pattern['program'] {
  return async function* program(a: Attempt) {
    const { key, nonKey, orderBy } = a.model;
    const { cols, keyMatch, q, dialect } = a.sql;
    yield* a.readBatch(a.input);
    const reduced = latest ? yield* reduceBatch(a) : false;
    yield* a.begin();
    if (!latest) {
      if (keysSurelyDistinct(a.input)) {
        yield note('check', 'no key repeats in this batch (known from the file layout): no target row can match twice');
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
    for (const piece of pieces) {
      yield* moments.before(piece);
      for (const [from, to] of a.chunksOf(piece)) {
        const src = [piece.file.id, from, to, ...(reduced ? [piece.pos ?? 1] : [])];
        const lineage = [a.run, a.attempt, piece.file.path];
        const params = [...lineage, ...src];
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
