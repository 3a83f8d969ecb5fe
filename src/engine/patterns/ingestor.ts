import { oneLine, rowCount } from '../format';
import type { Attempt } from '../attempt';
import { isCrash } from '../moments';
import { naiveLiteral as lit } from '../sqlText';
import { note } from '../trace';
import type { Pattern } from './pattern';

const ddl =
  'CREATE TABLE file_registry (file_path TEXT PRIMARY KEY, file_hash TEXT, status TEXT, record_count INTEGER, ' +
  'error_message TEXT, started_at INTEGER, completed_at INTEGER)';

/**
 * The note's IdempotentIngestor: hash of the path, skip only on SUCCESS, claim IN_PROGRESS outside the try, mark
 * SUCCESS or FAILED. With `lock`, an IN_PROGRESS row is taken at its word and the file is skipped.
 */
function ingestorProgram(lock: boolean): Pattern['program'] {
  return async function* program(a: Attempt) {
    for (const file of a.input) {
      const path = lit(file.path);
      const hash = lit(file.pathHash);
      const statuses = lock ? "status IN ('SUCCESS', 'IN_PROGRESS')" : "status = 'SUCCESS'";
      const found = yield* a.query({
        kind: 'check',
        label: (r) => `check ${oneLine(file.path)}: ${r.rows.length ? `registered ${String(r.rows[0]?.[0])}` : 'not done yet'}`,
        sql: `SELECT status FROM file_registry WHERE file_path = ${path} AND file_hash = ${hash} AND ${statuses}`,
        file: file.id,
      });
      if (found.rows.length > 0) {
        const status = String(found.rows[0]?.[0]);
        yield note('skip', status === 'SUCCESS' ? `skip ${oneLine(file.path)}: registered SUCCESS` : `skip ${oneLine(file.path)}: IN_PROGRESS, taken as locked by another run`, file.id);
        continue;
      }
      yield* a.exec({
        kind: 'claim',
        label: `claim ${oneLine(file.path)}: IN_PROGRESS`,
        sql:
          `INSERT INTO file_registry (file_path, file_hash, status, started_at) VALUES (${path}, ${hash}, 'IN_PROGRESS', ${a.now()}) ` +
          `ON CONFLICT (file_path) DO UPDATE SET file_hash = excluded.file_hash, status = 'IN_PROGRESS', started_at = excluded.started_at`,
        file: file.id,
      });
      yield* a.readBatch([file]);
      try {
        const n = yield* a.writeFile(file, true);
        yield* a.exec({
          kind: 'mark',
          label: `mark ${oneLine(file.path)} SUCCESS (${rowCount(n)})`,
          sql: `UPDATE file_registry SET status = 'SUCCESS', record_count = ${n}, completed_at = ${a.now()} WHERE file_path = ${path}`,
          file: file.id,
        });
      } catch (e) {
        if (isCrash(e)) throw e;
        yield* a.exec({
          kind: 'handler',
          label: `handler: mark ${oneLine(file.path)} FAILED, then re-raise`,
          sql: `UPDATE file_registry SET status = 'FAILED', error_message = ${lit((e as Error).message)} WHERE file_path = ${path}`,
          file: file.id,
        });
        throw e;
      }
    }
    yield* a.at({ kind: 'before-commit' });
  };
}

export const ingestor: Pattern = {
  id: 'ingestor',
  summary: 'path hash; skip on SUCCESS only; claim IN_PROGRESS; string-built SQL',
  description: 'Claims each file before loading it and records SUCCESS after; skips only files recorded as SUCCESS.',
  meta: { table: 'file_registry', ddl },
  program: ingestorProgram(false),
};

export const ingestorLock: Pattern = {
  id: 'ingestor-lock',
  summary: 'as ingestor, but IN_PROGRESS is a lock: skip the file',
  description: 'Like ingestor, but a file still claimed as in progress is taken as locked by another run and skipped.',
  meta: { table: 'file_registry', ddl },
  program: ingestorProgram(true),
};
