import { oneLine, rowCount } from '../format';
import { isCrash } from '../moments';
import { naiveLiteral as lit } from '../sqlText';
import { note } from '../trace';
import type { Pattern } from './pattern';

/**
 * Seed Pattern 1 as the note writes it: a processed-files table keyed by path, marks written after the rows in a
 * separate autocommit statement, a FAILED mark on error — and SQL built by string interpolation.
 */
export const tracking: Pattern = {
  id: 'tracking',
  summary: 'skip paths in processed_files (any status); mark after the rows; string-built SQL',
  description: "Writes a file's rows, then records its path as done; skips any path it has recorded, whatever its status.",
  meta: {
    table: 'processed_files',
    ddl: 'CREATE TABLE processed_files (file_path TEXT, status TEXT, record_count INTEGER, processed_at INTEGER)',
  },
  async *program(a) {
    const done = yield* a.query({
      kind: 'check',
      label: (r) => `load processed paths: ${r.rows.length} known`,
      sql: 'SELECT file_path FROM processed_files',
    });
    const seen = new Set(done.rows.map((r) => r[0]));
    for (const file of a.input) {
      if (seen.has(file.path)) {
        yield note('skip', `skip ${oneLine(file.path)}: its path is in processed_files`, file.id);
        continue;
      }
      yield* a.readBatch([file]);
      try {
        const n = yield* a.writeFile(file, true);
        yield* a.exec({
          kind: 'mark',
          label: `mark ${oneLine(file.path)} SUCCESS (${rowCount(n)})`,
          sql: `INSERT INTO processed_files (file_path, status, record_count, processed_at) VALUES (${lit(file.path)}, 'SUCCESS', ${n}, ${a.now()})`,
          file: file.id,
        });
      } catch (e) {
        if (isCrash(e)) throw e;
        yield* a.exec({
          kind: 'handler',
          label: `handler: mark ${oneLine(file.path)} FAILED, then re-raise`,
          sql: `INSERT INTO processed_files (file_path, status, record_count, processed_at) VALUES (${lit(file.path)}, 'FAILED', 0, ${a.now()})`,
          file: file.id,
        });
        throw e;
      }
    }
    yield* a.at({ kind: 'before-commit' });
  },
};
