import { oneLine, rowCount } from '../format';
import type { FileModel } from '../model';
import { isCrash } from '../moments';
import { note } from '../trace';
import type { Pattern } from './pattern';

/**
 * Whether `files[i]` is the last file this attempt will process: every later file's content hash is already known
 * or equals the hash of a file processed before it in this attempt.
 */
function isLastProcessed(files: FileModel[], i: number, known: Set<string>): boolean {
  const seen = new Set(known);
  for (let j = i; j < files.length; j++) {
    const h = (files[j] as FileModel).contentHash;
    if (j > i && !seen.has(h)) return false;
    seen.add(h);
  }
  return true;
}

/** The fix for file tracking: content hash, UNIQUE, rows and mark in one transaction, bound parameters. */
export const trackingAtomic: Pattern = {
  id: 'tracking-atomic',
  summary: 'content hash UNIQUE; rows + mark in one transaction; bound parameters',
  description: "Writes a file's rows and records its content in the same transaction: both happen or neither does.",
  meta: {
    table: 'processed_files',
    ddl: 'CREATE TABLE processed_files (file_hash TEXT NOT NULL UNIQUE, file_path TEXT NOT NULL, record_count INTEGER NOT NULL, processed_at INTEGER NOT NULL)',
  },
  async *program(a) {
    // Engine bookkeeping (not a step): which hashes are known, to place "before commit" in the last processed file.
    const known = new Set((await a.peek('SELECT file_hash FROM processed_files')).rows.map((r) => String(r[0])));
    let processed = 0;
    for (const [i, file] of a.input.entries()) {
      const found = yield* a.query({
        kind: 'check',
        label: (r) => `check content hash of ${oneLine(file.path)}: ${r.rows.length ? 'already loaded' : 'new'}`,
        sql: 'SELECT 1 FROM processed_files WHERE file_hash = ?',
        params: [file.contentHash],
        file: file.id,
      });
      if (found.rows.length > 0) {
        yield note('skip', `skip ${oneLine(file.path)}: this content was loaded before`, file.id);
        continue;
      }
      yield* a.readBatch([file]);
      yield* a.begin();
      try {
        const n = yield* a.writeFile(file, false);
        yield* a.exec({
          kind: 'mark',
          label: `record hash of ${oneLine(file.path)} (${rowCount(n)}) in the same transaction`,
          sql: 'INSERT INTO processed_files (file_hash, file_path, record_count, processed_at) VALUES (?, ?, ?, ?)',
          params: [file.contentHash, file.path, n, a.now()],
          file: file.id,
        });
        if (isLastProcessed(a.input, i, known)) yield* a.at({ kind: 'before-commit' });
        yield* a.commit();
        known.add(file.contentHash);
        processed += 1;
      } catch (e) {
        if (isCrash(e)) throw e;
        yield* a.rollback('handler: ROLLBACK, then re-raise');
        throw e;
      }
    }
    if (processed === 0) yield* a.at({ kind: 'before-commit' });
  },
};
