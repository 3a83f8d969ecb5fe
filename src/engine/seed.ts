import type { SqlBackend, SqlPort, SqlValue } from '../db/port';
import type { Model } from './model';
import { cols, q } from './sqlText';

/** Scenarios up to this many delivered rows also get a truth per run prefix, for interim lost/stale counts. */
export const INTERIM_TRUTH_LIMIT = 200_000;

function tableColumns(model: Model): string {
  return model.columns.map((c) => `${q(c)} ${model.scenario.table.columns[c]}`).join(', ');
}

async function fillLanding(db: SqlPort, model: Model): Promise<void> {
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
      // Expanded in SQL: a 1M-row block never becomes a JS array of rows.
      await db.run(
        `WITH RECURSIVE r(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM r WHERE n < ?)
         INSERT INTO landing (file, seq, ${colList}) SELECT ?, n - ? + ?, ${select} FROM r`,
        [from, to, file.id, from, seq, ...params],
      );
      seq += to - from + 1;
    }
  }
  if (explicit.length > 0) {
    const marks = Array(model.columns.length + 2).fill('?').join(', ');
    await db.writeMany(`INSERT INTO landing (file, seq, ${colList}) VALUES (${marks})`, explicit);
  }
}

/** Truth for the runs up to `upto`: per key the row with the largest orderBy, ties to the last delivered. */
function truthSelect(model: Model, upto: number): string {
  const order = [model.orderBy ? `l.${q(model.orderBy)} DESC` : null, 'd.run DESC', 'd.pos DESC', 'l.seq DESC']
    .filter(Boolean)
    .join(', ');
  return `SELECT ${cols(model.columns)} FROM (
      SELECT ${cols(model.columns, 'l')}, ROW_NUMBER() OVER (PARTITION BY ${cols(model.key, 'l')} ORDER BY ${order}) AS rn
      FROM delivery d JOIN landing l ON l.file = d.file WHERE d.run <= ${upto}) WHERE rn = 1`;
}

async function fillTruth(db: SqlPort, model: Model): Promise<void> {
  const rows: SqlValue[][] = [];
  model.runs.forEach((files, r) => files.forEach((f, p) => rows.push([r + 1, p + 1, f.id])));
  await db.writeMany('INSERT INTO delivery (run, pos, file) VALUES (?, ?, ?)', rows);
  const colDefs = tableColumns(model);
  if (model.truth.at(-1)?.singleVersion) {
    // Every key is delivered in one version only: the truth is simply every delivered row (a view, not a copy).
    await db.run(`CREATE VIEW truth AS SELECT ${cols(model.columns)} FROM landing WHERE file IN (SELECT file FROM delivery)`);
  } else {
    await db.run(`CREATE TABLE truth (${colDefs}, PRIMARY KEY (${cols(model.key)}))`);
    await db.run(`INSERT INTO truth ${truthSelect(model, model.runs.length)}`);
  }
  await db.run(`CREATE TABLE truth_runs (upto INTEGER NOT NULL, ${colDefs}, PRIMARY KEY (upto, ${cols(model.key)}))`);
  if (model.deliveredRows <= INTERIM_TRUTH_LIMIT)
    for (let r = 1; r <= model.runs.length; r++)
      await db.run(`INSERT INTO truth_runs SELECT ${r}, * FROM (${truthSelect(model, r)})`);
  // Truth sizes per run prefix, for the lost count (one number per run, read once per lane).
  for (let r = 1; r <= model.runs.length; r++) {
    const known = model.truth[r - 1];
    const count = known?.singleVersion
      ? known.keys
      : Number((await db.query(`SELECT COUNT(*) FROM (SELECT DISTINCT ${cols(model.key, 'l')} FROM delivery d JOIN landing l ON l.file = d.file WHERE d.run <= ${r})`)).rows[0]?.[0] ?? 0);
    await db.run('INSERT INTO truth_size (upto, keys) VALUES (?, ?)', [r, count]);
  }
}

/** The database every lane starts from, and the truth's key count per run prefix. */
export interface SeedImage {
  image: Uint8Array;
  truthKeys: number[];
  /** Each file's content hash (file id -> hash), so that no one computes them twice. */
  contentHashes: Record<string, string>;
}

/**
 * Builds the image every lane starts from: the landing zone (all file versions, expanded once), the truth, and an
 * empty destination, and the truth's key count per run prefix. Cloning this image is ~10× cheaper than staging the rows again per lane.
 */
export async function buildSeedImage(backend: SqlBackend, model: Model): Promise<SeedImage> {
  const db = await backend.open();
  try {
    const colDefs = tableColumns(model);
    // A page cache big enough for the landing zone: with SQLite's default 2 MB, a 1M-row fill spills pages to the
    // journal over and over (1.5 s instead of 0.8 s). This database is dropped once the image is taken.
    await db.script(`
      PRAGMA cache_size = -262144;
      CREATE TABLE landing (file TEXT NOT NULL, seq INTEGER NOT NULL, ${colDefs}, PRIMARY KEY (file, seq)) WITHOUT ROWID;
      CREATE TABLE files (id TEXT PRIMARY KEY, path TEXT NOT NULL, row_count INTEGER NOT NULL, content_hash TEXT NOT NULL);
      CREATE TABLE delivery (run INTEGER NOT NULL, pos INTEGER NOT NULL, file TEXT NOT NULL, PRIMARY KEY (run, pos));
      CREATE TABLE truth_size (upto INTEGER PRIMARY KEY, keys INTEGER NOT NULL);
      CREATE TABLE dest (${colDefs}, _run INTEGER, _attempt INTEGER, _file TEXT);
    `);
    await db.run('BEGIN');
    await db.writeMany(
      'INSERT INTO files (id, path, row_count, content_hash) VALUES (?, ?, ?, ?)',
      [...model.files.values()].map((f) => [f.id, f.path, f.rows, f.contentHash]),
    );
    await fillLanding(db, model);
    await fillTruth(db, model);
    await db.run('COMMIT');
    const image = await db.snapshot();
    if (!image) throw new Error('the SQL backend cannot take snapshots');
    const sizes = await db.query('SELECT keys FROM truth_size ORDER BY upto');
    return {
      image,
      truthKeys: sizes.rows.map((r) => Number(r[0])),
      contentHashes: Object.fromEntries([...model.files.values()].map((f) => [f.id, f.contentHash])),
    };
  } finally {
    await db.close();
  }
}
