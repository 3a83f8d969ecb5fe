/**
 * The ten lanes of PATTERNS.md as an executable model: one function per pattern, each one attempt, written from the
 * contract's table and its "Where the fault moments fall" list (and ARCHITECTURE.md's "Decisions"), not from the
 * engine's code. A fault throws ModelCrash or ModelError out of `ctx.at`; handlers catch only ModelError.
 */
import type { PatternId } from '../../../src/engine/schema';
import { ModelCrash, ModelError, type Ctx, type MFile, type Row } from './world';

/** Delta Lake's refusal of a MERGE whose target row is matched twice (the engine's message, word for word). */
export const DELTA_MULTI_MATCH =
  '[DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE] Cannot perform Merge as multiple source rows matched ' +
  'and attempted to modify the same target row in the Delta table in possibly conflicting ways.';

type Lane = (c: Ctx) => void;

const isError = (e: unknown): e is ModelError => e instanceof ModelError;

/** `naive`: every file's rows, row by row, autocommit; no bookkeeping. */
const naive: Lane = (c) => {
  for (const f of c.input) c.writeFile(f);
  c.at({ kind: 'before commit' });
};

/** `tracking`: skip paths already in processed_files (loaded once, any status); mark SUCCESS after the rows; FAILED on error. */
const tracking: Lane = (c) => {
  const seen = new Set(c.db.meta.map((m) => m.file_path));
  for (const f of c.input) {
    if (seen.has(f.path)) continue;
    try {
      const n = c.writeFile(f);
      c.db.meta.push({ file_path: f.path, status: 'SUCCESS', record_count: n });
    } catch (e) {
      if (!isError(e)) throw e;
      c.db.meta.push({ file_path: f.path, status: 'FAILED', record_count: 0 });
      throw e;
    }
  }
  c.at({ kind: 'before commit' });
};

/** `ingestor` (and `ingestor-lock`): a registry keyed by path; skip on SUCCESS (and on IN_PROGRESS with the lock). */
const ingestor =
  (lock: boolean): Lane =>
  (c) => {
    const entry = (path: string) => c.db.meta.find((m) => m.file_path === path);
    for (const f of c.input) {
      const status = entry(f.path)?.status;
      if (status === 'SUCCESS' || (lock && status === 'IN_PROGRESS')) continue;
      // the claim, an upsert outside the try
      const claimed = entry(f.path);
      if (claimed) Object.assign(claimed, { status: 'IN_PROGRESS' });
      else c.db.meta.push({ file_path: f.path, status: 'IN_PROGRESS' });
      try {
        const n = c.writeFile(f);
        Object.assign(entry(f.path) ?? {}, { status: 'SUCCESS', record_count: n });
      } catch (e) {
        if (!isError(e)) throw e;
        Object.assign(entry(f.path) ?? {}, { status: 'FAILED', error_message: e.message });
        throw e;
      }
    }
    c.at({ kind: 'before commit' });
  };

/** `tracking-atomic`: skip known content hashes; per file BEGIN, rows, mark, COMMIT; ROLLBACK on error. */
const trackingAtomic: Lane = (c) => {
  const known = () => new Set(c.db.meta.map((m) => m.content));
  // the last file this attempt processes (if nothing fails): `before commit` sits in its transaction
  const lastProcessed = (() => {
    const k = known();
    let last = -1;
    c.input.forEach((f, i) => {
      if (!k.has(f.content)) {
        k.add(f.content);
        last = i;
      }
    });
    return last;
  })();
  for (const [i, f] of c.input.entries()) {
    if (known().has(f.content)) continue;
    c.db.begin();
    try {
      const n = c.writeFile(f);
      c.db.meta.push({ content: f.content, file_path: f.path, record_count: n });
      if (i === lastProcessed) c.at({ kind: 'before commit' });
      c.db.commit();
    } catch (e) {
      if (!isError(e)) throw e;
      c.db.rollback();
      throw e;
    }
  }
  if (lastProcessed === -1) c.at({ kind: 'before commit' });
};

/** A row of a whole-run batch: the input's files concatenated in order. */
interface BatchRow {
  pos: number;
  file: MFile;
  seq: number;
  row: Row;
}

const batchOf = (input: MFile[]): BatchRow[] => input.flatMap((file, pos) => file.rows.map((row, seq) => ({ pos, file, seq, row })));

/**
 * The file moments of a whole-run lane, reached as it walks the batch in its own write order: `before write f` at f's
 * first batch row, `after write f` after its last (the input's last file: after the COMMIT where the lane commits the
 * batch); a file with no rows has its moments (after delete, before write, after write) where its rows would start:
 * just before the first file listed after it starts, or after every row when none does. The anti-join's one statement
 * walks the input's listings in order, so there a file listed again counts at its later listing (`reach(f, pos)`).
 */
class FileMoments {
  private readonly left = new Map<string, number>();
  private readonly started = new Set<string>();
  private readonly lastId: string | undefined;

  constructor(
    private readonly c: Ctx,
    batch: BatchRow[],
    private readonly commitsBatch: boolean,
    private readonly deletesNothing: boolean,
  ) {
    for (const b of batch) this.left.set(b.file.id, (this.left.get(b.file.id) ?? 0) + 1);
    this.lastId = c.input[c.input.length - 1]?.id;
  }

  private empties(upTo: number): void {
    for (const [i, f] of this.c.input.entries()) {
      if (i >= upTo) return;
      if (this.started.has(f.id) || this.left.has(f.id)) continue;
      this.started.add(f.id);
      this.c.at({ kind: 'after delete', file: f.id });
      this.c.at({ kind: 'before write', file: f.id });
      if (!(this.commitsBatch && f.id === this.lastId)) this.c.at({ kind: 'after write', file: f.id });
    }
  }

  /** The lane is about to write (or skip) a row of `f`, listed at `pos` in the input (a file listed twice: the later listing's rows come after the empty files listed between). */
  reach(f: MFile, pos?: number): void {
    this.empties(pos ?? this.c.input.findIndex((g) => g.id === f.id));
    if (this.started.has(f.id)) return;
    this.started.add(f.id);
    if (this.deletesNothing) this.c.at({ kind: 'after delete', file: f.id });
    this.c.at({ kind: 'before write', file: f.id });
  }

  /** The lane is done with a row of `f`. */
  done(f: MFile): void {
    const left = (this.left.get(f.id) ?? 1) - 1;
    this.left.set(f.id, left);
    if (left === 0 && !(this.commitsBatch && f.id === this.lastId)) this.c.at({ kind: 'after write', file: f.id });
  }

  finish(): void {
    this.empties(Infinity);
  }

  afterCommit(): void {
    if (this.commitsBatch && this.lastId !== undefined) this.c.at({ kind: 'after write', file: this.lastId });
  }
}

/**
 * `overwrite` / `overwrite-nonatomic`: per partition in order of first appearance, DELETE it, then its rows in batch
 * order; one transaction, or every statement committing by itself.
 */
const overwrite =
  (atomic: boolean): Lane =>
  (c) => {
    const part = c.table.partitionBy as string;
    const batch = batchOf(c.input);
    const parts = [...new Set(batch.map((b) => b.row[part]))];
    const moments = new FileMoments(c, batch, atomic, false);
    if (atomic) c.db.begin();
    for (const p of parts) {
      c.db.dest = c.db.dest.filter((d) => d.row[part] !== p);
      for (const f of c.input) if (f.rows[0] && f.rows[0][part] === p) c.at({ kind: 'after delete', file: f.id });
      for (const b of batch) {
        if (b.row[part] !== p) continue;
        moments.reach(b.file);
        c.insert(b.row, b.file);
        moments.done(b.file);
      }
    }
    moments.finish();
    c.at({ kind: 'before commit' });
    if (atomic) {
      c.db.commit();
      moments.afterCommit();
    }
  };

/** merge-latest's reduction: one row per key, the largest orderBy, ties (and no orderBy) to the last delivered. */
function latestPerKey(c: Ctx, batch: BatchRow[]): Set<BatchRow> {
  const ob = c.table.orderBy;
  const best = new Map<string, BatchRow>();
  for (const b of batch) {
    const cur = best.get(c.keyOf(b.row));
    if (!cur || !ob || !((cur.row[ob] as number) > (b.row[ob] as number))) best.set(c.keyOf(b.row), b);
  }
  return new Set(best.values());
}

/** `merge` / `merge-latest`: Delta MERGE on the key in one transaction (update matched target rows, insert the rest). */
const merge =
  (latest: boolean): Lane =>
  (c) => {
    const { nonKey, orderBy } = c.table;
    const batch = batchOf(c.input);
    const survivors = latest ? latestPerKey(c, batch) : new Set(batch);
    c.db.begin();
    // the target as it was before the MERGE: rows it inserts are never matched
    const target = [...c.db.dest];
    const matches = (row: Row) => target.filter((t) => c.keyOf(t.row) === c.keyOf(row));
    if (!latest) {
      const perKey = new Map<string, number>();
      for (const b of batch) perKey.set(c.keyOf(b.row), (perKey.get(c.keyOf(b.row)) ?? 0) + 1);
      if (batch.some((b) => (perKey.get(c.keyOf(b.row)) ?? 0) > 1 && matches(b.row).length > 0)) {
        c.db.rollback();
        throw new ModelError(DELTA_MULTI_MATCH, 'multi-match');
      }
    }
    const moments = new FileMoments(c, batch, true, true);
    for (const b of batch) {
      moments.reach(b.file);
      if (survivors.has(b)) {
        const matched = matches(b.row);
        for (const t of matched) {
          if (latest && orderBy && !((b.row[orderBy] as number) > (t.row[orderBy] as number))) continue;
          for (const col of nonKey) t.row[col] = b.row[col] as Row[string];
          Object.assign(t, { run: c.run, attempt: c.attempt, file: b.file.path });
          c.wrote();
        }
        if (matched.length === 0) c.insert(b.row, b.file);
      }
      moments.done(b.file);
    }
    moments.finish();
    c.at({ kind: 'before commit' });
    c.db.commit();
    moments.afterCommit();
  };

/** `anti-join`: in one transaction, insert the batch rows whose key was absent before the statement. */
const antiJoin: Lane = (c) => {
  const batch = batchOf(c.input);
  c.db.begin();
  const before = new Set(c.db.dest.map((d) => c.keyOf(d.row)));
  const moments = new FileMoments(c, batch, true, true);
  for (const b of batch) {
    moments.reach(b.file, b.pos);
    if (!before.has(c.keyOf(b.row))) c.insert(b.row, b.file);
    moments.done(b.file);
  }
  moments.finish();
  c.at({ kind: 'before commit' });
  c.db.commit();
  moments.afterCommit();
};

export const MODEL_LANES: Record<PatternId, Lane> = {
  naive,
  tracking,
  ingestor: ingestor(false),
  'ingestor-lock': ingestor(true),
  'tracking-atomic': trackingAtomic,
  overwrite: overwrite(true),
  'overwrite-nonatomic': overwrite(false),
  merge: merge(false),
  'merge-latest': merge(true),
  'anti-join': antiJoin,
};

export { ModelCrash };
