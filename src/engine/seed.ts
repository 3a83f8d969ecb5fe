import type { ColumnType } from '../db/dialect';
import type { DatabaseTemplate, SqlBackend, SqlPort, SqlValue } from '../db/port';
import type { Model } from './model';
import { sqlText } from './sqlText';

/** Scenarios up to this many delivered rows also get a truth per run prefix, for interim lost/stale counts. */
export const INTERIM_TRUTH_LIMIT = 200_000;

function tableColumns(db: SqlPort, model: Model): string {
  const { q } = sqlText(db.dialect);
  return model.columns.map((c) => `${q(c)} ${db.dialect.columnType(model.scenario.table.columns[c] as ColumnType)}`).join(', ');
}

async function fillLanding(db: SqlPort, model: Model): Promise<void> {
  const { cols } = sqlText(db.dialect);
  const colList = cols(model.columns);
  const explicit: SqlValue[][] = [];
  for (const file of model.files.values()) {
    let seq = 1;
    for (const block of file.blocks) {
      if ('row' in block) {
        explicit.push([file.id, seq, ...model.columns.map((c) => block.row[c] ?? null)]);
        seq += 1;
        continue;
      }
      const [from, to] = block.ids;
      if (to < from) continue;
      const keyCol = model.key[0] as string;
      const select = model.columns.map((c) => (c === keyCol ? 'n' : '?')).join(', ');
      const params = model.columns.filter((c) => c !== keyCol).map((c) => block.values[c] ?? null);
      // Expanded in SQL: a 1M-row block never becomes a JS array of rows. (The first term is CAST: nothing around it
      // tells PostgreSQL the parameter's type.)
      await db.run(
        `WITH RECURSIVE r(n) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT n + 1 FROM r WHERE n < ?)
         INSERT INTO landing (_rt_file, _rt_seq, ${colList}) SELECT ?, n - ? + ?, ${select} FROM r`,
        [from, to, file.id, from, seq, ...params],
      );
      seq += to - from + 1;
    }
  }
  if (explicit.length > 0) {
    const marks = Array(model.columns.length + 2).fill('?').join(', ');
    await db.writeMany(`INSERT INTO landing (_rt_file, _rt_seq, ${colList}) VALUES (${marks})`, explicit);
  }
}

/** Truth for the runs up to `upto`: per key the row with the largest orderBy, ties to the last delivered. */
function truthSelect(db: SqlPort, model: Model, upto: number): string {
  const { cols, q } = sqlText(db.dialect);
  const order = [model.orderBy ? `l.${q(model.orderBy)} DESC` : null, 'd.run DESC', 'd.pos DESC', 'l._rt_seq DESC']
    .filter(Boolean)
    .join(', ');
  return `SELECT ${cols(model.columns)} FROM (
      SELECT ${cols(model.columns, 'l')}, ROW_NUMBER() OVER (PARTITION BY ${cols(model.key, 'l')} ORDER BY ${order}) AS _rt_rn
      FROM delivery d JOIN landing l ON l._rt_file = d.file WHERE d.run <= ${upto}) AS w WHERE _rt_rn = 1`;
}

/**
 * The rows of `truth_runs`: per key, each run whose best delivery becomes the truth (it beats the best of every
 * earlier run: with `orderBy`, a value at least the largest so far, ties going to the later run; without, always),
 * with the run where the next one takes over.
 */
function truthChangesSelect(db: SqlPort, model: Model): string {
  const { cols, q } = sqlText(db.dialect);
  const key = cols(model.key);
  const order = [model.orderBy ? `l.${q(model.orderBy)} DESC` : null, 'd.pos DESC', 'l._rt_seq DESC'].filter(Boolean).join(', ');
  const best = `SELECT ${cols(model.columns, 'l')}, d.run AS _rt_run,
      ROW_NUMBER() OVER (PARTITION BY ${cols(model.key, 'l')}, d.run ORDER BY ${order}) AS _rt_rn
      FROM delivery d JOIN landing l ON l._rt_file = d.file`;
  const ob = model.orderBy ? q(model.orderBy) : null;
  const changes = ob
    ? `SELECT * FROM (SELECT *, MAX(${ob}) OVER (PARTITION BY ${key} ORDER BY _rt_run ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS _rt_prev
        FROM (${best}) AS b WHERE _rt_rn = 1) AS p WHERE _rt_prev IS NULL OR ${ob} >= _rt_prev`
    : `SELECT * FROM (${best}) AS b WHERE _rt_rn = 1`;
  return `SELECT ${cols(model.columns)}, _rt_run, LEAD(_rt_run) OVER (PARTITION BY ${key} ORDER BY _rt_run) FROM (${changes}) AS c`;
}

async function fillTruth(db: SqlPort, model: Model): Promise<void> {
  const { cols } = sqlText(db.dialect);
  const rows: SqlValue[][] = [];
  model.runs.forEach((files, r) => files.forEach((f, p) => rows.push([r + 1, p + 1, f.id])));
  await db.writeMany('INSERT INTO delivery (run, pos, file) VALUES (?, ?, ?)', rows);
  const colDefs = tableColumns(db, model);
  if (model.truth.at(-1)?.singleVersion) {
    // Every key is delivered in one version only: the truth is simply every delivered row (a view, not a copy).
    await db.run(`CREATE VIEW truth AS SELECT ${cols(model.columns)} FROM landing WHERE _rt_file IN (SELECT d.file FROM delivery d)`);
  } else {
    await db.run(`CREATE TABLE truth (${colDefs}, PRIMARY KEY (${cols(model.key)}))`);
    await db.run(`INSERT INTO truth ${truthSelect(db, model, model.runs.length)}`);
  }
  // The truth of every run prefix, stored once per change: a key's row holds from run `_rt_from` until the run
  // `_rt_to` that replaces it (NULL: to the end). Its size is at most the delivered rows, not runs × keys.
  await db.run(`CREATE TABLE truth_runs (${colDefs}, _rt_from INTEGER NOT NULL, _rt_to INTEGER, PRIMARY KEY (${cols(model.key)}, _rt_from))`);
  if (model.deliveredRows <= INTERIM_TRUTH_LIMIT) await db.run(`INSERT INTO truth_runs ${truthChangesSelect(db, model)}`);
  // Truth sizes per run prefix, for the lost count (one number per run, read once per lane): the keys first
  // delivered by each run, summed (one pass, not one DISTINCT per prefix).
  const firsts = model.truth.every((t) => t.singleVersion)
    ? []
    : (await db.query(
        `SELECT _rt_first, COUNT(*) FROM (SELECT MIN(d.run) AS _rt_first FROM delivery d JOIN landing l ON l._rt_file = d.file GROUP BY ${cols(model.key, 'l')}) AS k GROUP BY _rt_first`,
      )).rows;
  const newKeys = new Map(firsts.map(([run, n]) => [Number(run), Number(n)]));
  let keys = 0;
  for (let r = 1; r <= model.runs.length; r++) {
    keys += newKeys.get(r) ?? 0;
    const known = model.truth[r - 1];
    await db.run('INSERT INTO truth_size (upto, keys) VALUES (?, ?)', [r, known?.singleVersion ? known.keys : keys]);
  }
}

/** The database every lane starts from, and the truth's key count per run prefix. */
export interface Seed {
  /** The template every lane database is cloned from. */
  template: DatabaseTemplate;
  truthKeys: number[];
  /** Each file's content hash (file id -> hash), so that no one computes them twice. */
  contentHashes: Record<string, string>;
}

/**
 * Builds the template every lane starts from: the landing zone (all file versions, expanded once), the truth, and an
 * empty destination, and the truth's key count per run prefix. Cloning it is ~10× cheaper than staging the rows
 * again per lane.
 */
export async function buildSeed(backend: SqlBackend, model: Model): Promise<Seed> {
  const { template, result: truthKeys } = await backend.buildTemplate(async (db) => {
    const colDefs = tableColumns(db, model);
    if (db.dialect.templateSetup) await db.script(db.dialect.templateSetup);
    await db.script(`
      CREATE TABLE landing (_rt_file TEXT NOT NULL, _rt_seq INTEGER NOT NULL, ${colDefs}, PRIMARY KEY (_rt_file, _rt_seq))${db.dialect.clusteredTable};
      CREATE TABLE files (id TEXT PRIMARY KEY, path TEXT NOT NULL, row_count INTEGER NOT NULL, content_hash TEXT NOT NULL);
      CREATE TABLE delivery (run INTEGER NOT NULL, pos INTEGER NOT NULL, file TEXT NOT NULL, PRIMARY KEY (run, pos));
      CREATE TABLE truth_size (upto INTEGER PRIMARY KEY, keys INTEGER NOT NULL);
      CREATE TABLE dest (${colDefs}, _run INTEGER, _attempt INTEGER, _file TEXT${db.dialect.rowIdColumn});
    `);
    await db.run('BEGIN');
    await db.writeMany(
      'INSERT INTO files (id, path, row_count, content_hash) VALUES (?, ?, ?, ?)',
      [...model.files.values()].map((f) => [f.id, f.path, f.rows, f.contentHash]),
    );
    await fillLanding(db, model);
    await fillTruth(db, model);
    await db.run('COMMIT');
    if (db.dialect.templateFinish) await db.script(db.dialect.templateFinish);
    const sizes = await db.query('SELECT keys FROM truth_size ORDER BY upto');
    return sizes.rows.map((r) => Number(r[0]));
  });
  return {
    template,
    truthKeys,
    contentHashes: Object.fromEntries([...model.files.values()].map((f) => [f.id, f.contentHash])),
  };
}
