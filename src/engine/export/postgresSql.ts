import type { FileModel, Model } from '../model';
import type { PatternId } from '../schema';
import { colsOf, deliveredFiles, ident, keyOn, literal, pgType } from './common';

/**
 * (The script's own columns start with `_`, as the engine's do: a scenario's column names never do.)
 *
 * A lane's pattern as one plain PostgreSQL (15+) script, run by `psql -f`: the scenario's files as a `landing` table,
 * an empty `dest` (no unique constraint, lineage columns as in the lane), the pattern's own bookkeeping table, then
 * every run's statements in order. It is the fault-free path: run with `psql -v ON_ERROR_STOP=0`, a statement that
 * fails (a MERGE refused for a target row matched twice) is rolled back and the next run goes on, as the lane's
 * failed run does. Values are quoted properly: the string-built SQL of `tracking`/`ingestor` is not copied.
 */
export function postgresSql(model: Model, pattern: PatternId): string {
  const { columns, key, nonKey, orderBy, partitionBy, scenario } = model;
  const types = scenario.table.columns;
  const out: string[] = [];
  const cols = colsOf(columns);
  out.push(
    `-- RunTwice: the "${pattern}" pattern on the table of scenario "${scenario.id}", as plain PostgreSQL (15 or later).`,
    '-- Run: psql -v ON_ERROR_STOP=0 -f <this file> <database>   (a failed statement rolls back and the next run goes on)',
    '',
    '-- The scenario\'s files (a real pipeline reads them from storage).',
    `CREATE TABLE landing (_file_id TEXT NOT NULL, _path TEXT NOT NULL, _seq BIGINT NOT NULL, ${columns.map((c) => `${ident(c)} ${pgType(types[c] as string)}`).join(', ')}, PRIMARY KEY (_file_id, _seq));`,
  );
  for (const f of deliveredFiles(model)) {
    let seq = 1;
    const explicit: string[] = [];
    for (const block of f.blocks) {
      if ('row' in block) {
        explicit.push(`(${[literal(f.id), literal(f.path), String(seq), ...columns.map((c) => literal(block.row[c] ?? null))].join(', ')})`);
        seq += 1;
        continue;
      }
      const [from, to] = block.ids;
      if (to < from) continue;
      const k = key[0] as string;
      const values = columns.map((c) => (c === k ? 'n' : literal(block.values[c] ?? null))).join(', ');
      out.push(`INSERT INTO landing (_file_id, _path, _seq, ${cols}) SELECT ${literal(f.id)}, ${literal(f.path)}, n - ${from} + ${seq}, ${values} FROM generate_series(${from}, ${to}) AS n;`);
      seq += to - from + 1;
    }
    if (explicit.length) out.push(`INSERT INTO landing (_file_id, _path, _seq, ${cols}) VALUES\n  ${explicit.join(',\n  ')};`);
  }
  out.push(
    '',
    '-- The destination: like a Delta or Iceberg table, no unique constraint; lineage as in the lane.',
    `CREATE TABLE dest (${columns.map((c) => `${ident(c)} ${pgType(types[c] as string)}`).join(', ')}, _run INTEGER, _attempt INTEGER, _file TEXT);`,
  );
  const meta = META[pattern];
  if (meta) out.push(meta);
  const insertFile = (f: FileModel, run: number): string =>
    `INSERT INTO dest (${cols}, _run, _attempt, _file) SELECT ${cols}, ${run}, 1, _path FROM landing WHERE _file_id = ${literal(f.id)} ORDER BY _seq;`;
  /** The run's batch: its files concatenated in input order, with each row's position. */
  const batch = (input: FileModel[]): string =>
    `SELECT ${colsOf(columns, 'l')}, l._path, i._pos, l._seq FROM landing l ` +
    `JOIN (VALUES ${input.map((f, i) => `(${i + 1}, ${literal(f.id)})`).join(', ')}) AS i (_pos, _file_id) ON l._file_id = i._file_id`;
  let tick = 0;
  model.runs.forEach((input, r) => {
    const run = r + 1;
    out.push('', `-- run ${run}: ${input.map((f) => f.path).join(', ') || '(no files)'}`);
    switch (pattern) {
      case 'naive':
        for (const f of input) out.push(insertFile(f, run));
        break;
      case 'tracking': {
        // the paths recorded before the run (any status) are skipped; a file's rows, then its mark
        const body = input.map((f) =>
          [
            `  IF NOT (${literal(f.path)} = ANY (done)) THEN`,
            `    ${insertFile(f, run)}`,
            '    GET DIAGNOSTICS n = ROW_COUNT;',
            `    INSERT INTO processed_files (file_path, status, record_count, processed_at) VALUES (${literal(f.path)}, 'SUCCESS', n, ${++tick});`,
            '  END IF;',
          ].join('\n'),
        );
        out.push(`DO $run$\nDECLARE done TEXT[] := ARRAY(SELECT file_path FROM processed_files); n BIGINT;\nBEGIN\n${body.join('\n')}\nEND\n$run$;`);
        break;
      }
      case 'ingestor':
      case 'ingestor-lock': {
        const statuses = pattern === 'ingestor-lock' ? "status IN ('SUCCESS', 'IN_PROGRESS')" : "status = 'SUCCESS'";
        for (const f of input) {
          const [p, h] = [literal(f.path), literal(f.pathHash)];
          out.push(
            [
              'DO $file$ DECLARE n BIGINT; BEGIN',
              `  IF NOT EXISTS (SELECT 1 FROM file_registry WHERE file_path = ${p} AND file_hash = ${h} AND ${statuses}) THEN`,
              `    INSERT INTO file_registry (file_path, file_hash, status, started_at) VALUES (${p}, ${h}, 'IN_PROGRESS', ${++tick})`,
              "      ON CONFLICT (file_path) DO UPDATE SET file_hash = excluded.file_hash, status = 'IN_PROGRESS', started_at = excluded.started_at;",
              `    ${insertFile(f, run)}`,
              '    GET DIAGNOSTICS n = ROW_COUNT;',
              `    UPDATE file_registry SET status = 'SUCCESS', record_count = n, completed_at = ${++tick} WHERE file_path = ${p};`,
              '  END IF;',
              'END $file$;',
            ].join('\n'),
          );
        }
        break;
      }
      case 'tracking-atomic':
        // one transaction per file (a DO block is one): its rows and its content hash, or neither
        for (const f of input) {
          const h = literal(f.contentHash);
          out.push(
            [
              'DO $file$ DECLARE n BIGINT; BEGIN',
              `  IF NOT EXISTS (SELECT 1 FROM processed_files WHERE file_hash = ${h}) THEN`,
              `    ${insertFile(f, run)}`,
              '    GET DIAGNOSTICS n = ROW_COUNT;',
              `    INSERT INTO processed_files (file_hash, file_path, record_count, processed_at) VALUES (${h}, ${literal(f.path)}, n, ${++tick});`,
              '  END IF;',
              'END $file$;',
            ].join('\n'),
          );
        }
        break;
      case 'overwrite':
      case 'overwrite-nonatomic': {
        // every partition the batch touches is deleted, then the batch's rows are written in batch order
        const part = ident(partitionBy as string);
        const del = `DELETE FROM dest WHERE ${part} IN (SELECT b.${part} FROM (${batch(input)}) AS b);`;
        const ins = `INSERT INTO dest (${cols}, _run, _attempt, _file) SELECT ${cols}, ${run}, 1, _path FROM (${batch(input)}) AS b ORDER BY _pos, _seq;`;
        out.push(pattern === 'overwrite' ? `BEGIN;\n${del}\n${ins}\nCOMMIT;` : `-- not atomic: the delete commits before the rows are written\n${del}\n${ins}`);
        break;
      }
      case 'merge':
      case 'merge-latest': {
        const latest = pattern === 'merge-latest';
        const order = [orderBy ? `${ident(orderBy)} DESC` : null, '_pos DESC', '_seq DESC'].filter(Boolean).join(', ');
        const source = latest
          ? `SELECT * FROM (SELECT b.*, ROW_NUMBER() OVER (PARTITION BY ${colsOf(key, 'b')} ORDER BY ${order}) AS _rn FROM (${batch(input)}) AS b) AS r WHERE _rn = 1`
          : batch(input);
        const newer = latest && orderBy ? ` AND s.${ident(orderBy)} > d.${ident(orderBy)}` : '';
        out.push(
          `MERGE INTO dest AS d USING (${source}) AS s ON ${keyOn(key, 'd', 's')}\n` +
            `  WHEN MATCHED${newer} THEN UPDATE SET ${[...nonKey.map((c) => `${ident(c)} = s.${ident(c)}`), `_run = ${run}`, '_attempt = 1', '_file = s._path'].join(', ')}\n` +
            `  WHEN NOT MATCHED THEN INSERT (${cols}, _run, _attempt, _file) VALUES (${colsOf(columns, 's')}, ${run}, 1, s._path);`,
        );
        break;
      }
      case 'anti-join':
        out.push(
          `INSERT INTO dest (${cols}, _run, _attempt, _file) SELECT ${colsOf(columns, 'b')}, ${run}, 1, b._path FROM (${batch(input)}) AS b\n` +
            `  WHERE NOT EXISTS (SELECT 1 FROM dest d WHERE ${keyOn(key, 'd', 'b')}) ORDER BY b._pos, b._seq;`,
        );
        break;
    }
  });
  return `${out.join('\n')}\n`;
}

/** The bookkeeping table of each pattern that keeps one (as the lane's). */
const META: Partial<Record<PatternId, string>> = {
  tracking: 'CREATE TABLE processed_files (file_path TEXT, status TEXT, record_count BIGINT, processed_at BIGINT);',
  ingestor:
    'CREATE TABLE file_registry (file_path TEXT PRIMARY KEY, file_hash TEXT, status TEXT, record_count BIGINT, error_message TEXT, started_at BIGINT, completed_at BIGINT);',
  'ingestor-lock':
    'CREATE TABLE file_registry (file_path TEXT PRIMARY KEY, file_hash TEXT, status TEXT, record_count BIGINT, error_message TEXT, started_at BIGINT, completed_at BIGINT);',
  'tracking-atomic': 'CREATE TABLE processed_files (file_hash TEXT NOT NULL UNIQUE, file_path TEXT NOT NULL, record_count BIGINT NOT NULL, processed_at BIGINT NOT NULL);',
};
