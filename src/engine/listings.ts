import type { PatternId } from './schema';
import type { TraceEvent } from './trace';

/**
 * Each pattern's program as the interview note writes it (Python pseudo-code written for RunTwice, not copied), and
 * the line each step of a lane's trace executes: the learner sees the code with the current line lit, as Python
 * Tutor shows it. The mapping reads only what the trace says (kind, label, transaction state), so every step of every
 * lane maps to a line (test/engine/listings.test.ts plays the catalogue to check it).
 */
export interface Listing {
  /** The program, one source line each (0-based indexes below). */
  lines: string[];
  /** The line the step executes (for a crash or an injected error: where the process was), or -1 when none fits. */
  lineFor(event: Pick<TraceEvent, 'kind' | 'label' | 'txOpen'>): number;
}

type Kind = TraceEvent['kind'];

/** Where a program's steps are: a line per step kind, and the statements fault moments fall beside. */
interface Places {
  lines: string[];
  at: Partial<Record<Kind, number>>;
  /** The statement that writes rows (afterRows, before write, after write inside a transaction). */
  write: number;
  /** The partition DELETE (after delete); lanes that delete nothing place that moment at the write. */
  delete?: number;
  /** The COMMIT (before commit; after the last file's write when the batch transaction has committed). */
  commit?: number;
}

/** The moment a crash or error label names: "The process dies at after write f1: …", "… just before the commit …". */
function momentOf(label: string): 'commit' | 'delete' | 'after-write' | 'write' {
  if (/before (the )?commit/.test(label)) return 'commit';
  if (/\bafter delete\b/.test(label)) return 'delete';
  if (/\bafter write\b/.test(label)) return 'after-write';
  return 'write';
}

function listing(p: Places): Listing {
  const last = p.lines.length - 1;
  return {
    lines: p.lines,
    lineFor(e) {
      if (e.kind === 'crash' || e.kind === 'error') {
        const m = momentOf(e.label);
        if (m === 'commit') return p.commit ?? last;
        if (m === 'delete') return p.delete ?? p.write;
        // after the last file of a whole-run lane, the batch transaction has already committed
        if (m === 'after-write' && p.commit !== undefined && !e.txOpen) return p.commit;
        return p.write;
      }
      if (e.kind === 'start') return 0;
      if (e.kind === 'end') return last;
      return p.at[e.kind] ?? -1;
    },
  };
}

const naive = listing({
  lines: [
    'def load(files):',
    '    for f in files:',
    '        rows = read_csv(f.path)',
    '        for row in rows:',
    '            cur.execute("INSERT INTO dest VALUES (?, ?, ?, ?)", row)  # commits by itself',
    '    return  # nothing recorded what was loaded: a retry loads it all again',
  ],
  at: { read: 2, write: 4 },
  write: 4,
});

const tracking = listing({
  lines: [
    'def load(files):',
    '    done = {r[0] for r in cur.execute("SELECT file_path FROM processed_files")}',
    '    for f in files:',
    '        if f.path in done:',
    '            continue  # any status counts as done',
    '        rows = read_csv(f.path)',
    '        try:',
    '            cur.executemany("INSERT INTO dest VALUES (?, ?, ?, ?)", rows)  # autocommit',
    '            cur.execute(f"INSERT INTO processed_files VALUES (\'{f.path}\', \'SUCCESS\', {len(rows)}, now())")',
    '        except Exception:',
    '            cur.execute(f"INSERT INTO processed_files VALUES (\'{f.path}\', \'FAILED\', 0, now())")',
    '            raise',
    '    return',
  ],
  at: { check: 1, skip: 4, read: 5, write: 7, mark: 8, handler: 10 },
  write: 7,
});

function ingestorListing(lock: boolean): Listing {
  const statuses = lock ? "status IN ('SUCCESS', 'IN_PROGRESS')" : "status = 'SUCCESS'";
  return listing({
    lines: [
      'def ingest(files):',
      '    for f in files:',
      '        h = sha256(f.path.encode()).hexdigest()  # a hash of the path, not of the content',
      `        if cur.execute(f"SELECT status FROM file_registry WHERE file_path = '{f.path}' AND file_hash = '{h}' AND ${statuses}").fetchone():`,
      lock ? '            continue  # done, or IN_PROGRESS: taken as locked by another run' : '            continue  # done',
      `        cur.execute(f"INSERT INTO file_registry (file_path, file_hash, status) VALUES ('{f.path}', '{h}', 'IN_PROGRESS') ON CONFLICT (file_path) DO UPDATE SET status = 'IN_PROGRESS'")`,
      '        rows = read_csv(f.path)',
      '        try:',
      '            cur.executemany("INSERT INTO dest VALUES (?, ?, ?, ?)", rows)  # autocommit',
      `            cur.execute(f"UPDATE file_registry SET status = 'SUCCESS', record_count = {len(rows)} WHERE file_path = '{f.path}'")`,
      '        except Exception as e:',
      `            cur.execute(f"UPDATE file_registry SET status = 'FAILED', error_message = '{e}' WHERE file_path = '{f.path}'")`,
      '            raise',
      '    return',
    ],
    at: { check: 3, skip: 4, claim: 5, read: 6, write: 8, mark: 9, handler: 11 },
    write: 8,
  });
}

const trackingAtomic = listing({
  lines: [
    'def load(files):',
    '    for f in files:',
    '        h = sha256(f.content).hexdigest()  # the content, not the name',
    '        if cur.execute("SELECT 1 FROM processed_files WHERE file_hash = ?", (h,)).fetchone():',
    '            continue  # this content was loaded before',
    '        rows = read_csv(f.path)',
    '        cur.execute("BEGIN")',
    '        try:',
    '            cur.executemany("INSERT INTO dest VALUES (?, ?, ?, ?)", rows)',
    '            cur.execute("INSERT INTO processed_files VALUES (?, ?, ?, ?)", (h, f.path, len(rows), now()))',
    '            cur.execute("COMMIT")  # the rows and the mark, together or not at all',
    '        except Exception:',
    '            cur.execute("ROLLBACK")',
    '            raise',
    '    return',
  ],
  at: { check: 3, skip: 4, read: 5, begin: 6, write: 8, mark: 9, commit: 10, rollback: 12 },
  write: 8,
  commit: 10,
});

const overwrite = listing({
  lines: [
    'def overwrite(files):',
    '    batch = read_all(files)',
    '    cur.execute("BEGIN")',
    '    for part, rows in group_by(batch, PARTITION_BY):  # in order of first appearance',
    '        cur.execute("DELETE FROM dest WHERE partition_col = ?", (part,))',
    '        cur.executemany("INSERT INTO dest VALUES (?, ?, ?, ?)", rows)',
    '    cur.execute("COMMIT")  # every partition replaced at once',
    '    return',
  ],
  at: { read: 1, begin: 2, delete: 4, write: 5, commit: 6 },
  write: 5,
  delete: 4,
  commit: 6,
});

const overwriteNonAtomic = listing({
  lines: [
    'def overwrite(files):',
    '    batch = read_all(files)',
    '    for part, rows in group_by(batch, PARTITION_BY):  # in order of first appearance',
    '        cur.execute("DELETE FROM dest WHERE partition_col = ?", (part,))  # commits by itself',
    '        for row in rows:',
    '            cur.execute("INSERT INTO dest VALUES (?, ?, ?, ?)", row)  # each row commits',
    '    return',
  ],
  at: { read: 1, delete: 3, write: 5 },
  write: 5,
  delete: 3,
});

const merge = listing({
  lines: [
    'def merge(files):',
    '    batch = read_all(files)',
    '    cur.execute("BEGIN")',
    '    if target_row_matched_twice(batch):  # Delta refuses such a MERGE',
    '        cur.execute("ROLLBACK")',
    '        raise MergeError("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE")',
    '    cur.execute("""MERGE INTO dest USING batch b ON dest.key = b.key',
    '                   WHEN MATCHED THEN UPDATE SET ...',
    '                   WHEN NOT MATCHED THEN INSERT ...""")',
    '    cur.execute("COMMIT")',
    '    return',
  ],
  at: { read: 1, begin: 2, check: 3, rollback: 4, write: 6, commit: 9 },
  write: 6,
  commit: 9,
});

const mergeLatest = listing({
  lines: [
    'def merge_latest(files):',
    '    batch = read_all(files)',
    '    latest = newest_row_per_key(batch, ORDER_BY)  # ROW_NUMBER() OVER (PARTITION BY key ...) = 1',
    '    cur.execute("BEGIN")',
    '    cur.execute("""MERGE INTO dest USING latest b ON dest.key = b.key',
    '                   WHEN MATCHED AND b.updated_at > dest.updated_at THEN UPDATE SET ...',
    '                   WHEN NOT MATCHED THEN INSERT ...""")',
    '    cur.execute("COMMIT")',
    '    return',
  ],
  at: { read: 1, check: 2, begin: 3, write: 4, commit: 7 },
  write: 4,
  commit: 7,
});

const antiJoin = listing({
  lines: [
    'def append_new(files):',
    '    batch = read_all(files)',
    '    cur.execute("BEGIN")',
    '    cur.execute("""INSERT INTO dest SELECT * FROM batch b',
    '                   WHERE NOT EXISTS (SELECT 1 FROM dest d WHERE d.key = b.key)""")',
    '    cur.execute("COMMIT")  # two batch rows of one new key both pass',
    '    return',
  ],
  at: { read: 1, begin: 2, write: 3, commit: 5 },
  write: 3,
  commit: 5,
});

/** Every built-in pattern's listing, by pattern id. */
export const LISTINGS: Record<PatternId, Listing> = {
  naive,
  tracking,
  ingestor: ingestorListing(false),
  'ingestor-lock': ingestorListing(true),
  'tracking-atomic': trackingAtomic,
  overwrite,
  'overwrite-nonatomic': overwriteNonAtomic,
  merge,
  'merge-latest': mergeLatest,
  'anti-join': antiJoin,
};

/** The listing of a lane's pattern, or null (a custom lane shows its own SQL). */
export function listingFor(pattern: string): Listing | null {
  return Object.prototype.hasOwnProperty.call(LISTINGS, pattern) ? LISTINGS[pattern as PatternId] : null;
}
