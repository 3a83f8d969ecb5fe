import type { QueryResult, SqlPort, SqlValue } from '../db/port';
import { Crash, LaneError, faultMatches, momentLabel, type Moment } from './moments';
import type { FileModel, Model } from './model';
import type { FaultDoc } from './schema';
import { fmt, rowCount } from './format';
import { cols } from './sqlText';
import type { StepDraft, StepKind } from './trace';

type Step = AsyncGenerator<StepDraft, void>;
type StepOf<T> = AsyncGenerator<StepDraft, T>;

/** How a statement changes `dest`, so the runner can keep its row count without recounting after every step. */
export type DestEffect = 'insert' | 'delete' | 'none';

/** A contiguous range of one file's rows (seq is 1-based within the file). */
export interface Piece {
  file: FileModel;
  /** 1-based position of the file in the run's input (a file may be listed twice). */
  pos?: number;
  seqFrom: number;
  seqTo: number;
}


/** Rows per chunk: a large write shows as about ten steps, a small one as one step per row. */
export const chunkSize = (rows: number): number => Math.max(1, Math.ceil(rows / 10));

/** Executes a statement with rows that sit together; a write is a few chunk steps, never one step per row. */
export const INSERT_NOTE =
  'One INSERT per row with bound parameters in the pattern; executed here as one INSERT … SELECT over the chunk. ' +
  'No fault falls inside the chunk, so the result is the same.';

/**
 * The world one attempt of one lane runs in: its database, its input, its faults, and the bookkeeping the engine
 * keeps because sql.js cannot tell it (is a transaction open, how many rows were written, how many rows `dest` has).
 */
export class Attempt {
  tx = false;
  /** Rows written in this attempt: each inserted row and each row a MERGE updated (the afterRows count). */
  written = 0;
  private txDestRows = 0;
  private readonly fired = new Set<FaultDoc>();

  constructor(
    readonly db: SqlPort,
    readonly model: Model,
    readonly run: number,
    readonly attempt: number,
    readonly input: FileModel[],
    private readonly faults: FaultDoc[],
    /** Row count of `dest`, kept in step with every statement. */
    public destRows: number,
    /** The logical clock: `processed_at` and every "now". */
    readonly now: () => number,
  ) {}

  /** Runs one statement as one step. A failing statement is reported on its own step, then raised. */
  async *exec(
    kind: StepKind,
    label: string,
    sql: string,
    params: readonly SqlValue[] = [],
    effect: DestEffect = 'none',
    extra: Partial<StepDraft> = {},
  ): StepOf<number> {
    let changed: number;
    try {
      changed = await this.db.run(sql, params);
    } catch (e) {
      const message = (e as Error).message;
      yield { kind, label: `${label} — failed: ${message}`, sql: [sql], rows: null, file: null, error: message, ...extra };
      throw new LaneError(message);
    }
    if (effect === 'insert') this.destRows += changed;
    if (effect === 'delete') this.destRows -= changed;
    yield { kind, label, sql: [sql], rows: changed, file: null, error: null, ...extra };
    return changed;
  }

  /** Runs one query as one step and returns its rows. */
  async *query(kind: StepKind, label: (r: QueryResult) => string, sql: string, params: readonly SqlValue[] = [], file: string | null = null): StepOf<QueryResult> {
    let res: QueryResult;
    try {
      res = await this.db.query(sql, params);
    } catch (e) {
      const message = (e as Error).message;
      yield { kind, label: `query failed: ${message}`, sql: [sql], rows: null, file, error: message };
      throw new LaneError(message);
    }
    yield { kind, label: label(res), sql: [sql], rows: res.rows.length, file, error: null };
    return res;
  }

  /** Reads without a step: engine bookkeeping the learner does not need to see (never changes state). */
  peek(sql: string, params: readonly SqlValue[] = []): Promise<QueryResult> {
    return this.db.query(sql, params);
  }

  async *begin(): Step {
    await this.db.run('BEGIN');
    this.tx = true;
    this.txDestRows = this.destRows;
    yield { kind: 'begin', label: 'BEGIN: open a transaction', sql: ['BEGIN'], rows: 0, file: null, error: null };
  }

  async *commit(): Step {
    await this.db.run('COMMIT');
    this.tx = false;
    yield { kind: 'commit', label: 'COMMIT: the writes become durable and visible', sql: ['COMMIT'], rows: 0, file: null, error: null };
  }

  async *rollback(label = 'ROLLBACK: the open transaction is undone'): Step {
    this.tx = false;
    this.destRows = this.txDestRows;
    yield* this.exec('rollback', label, 'ROLLBACK');
  }

  /** Undoes whatever is still open when the attempt ends (the connection is gone); returns the SQL it ran. */
  async abandon(): Promise<string[]> {
    const sql: string[] = [];
    if (this.tx) {
      await this.db.run('ROLLBACK');
      this.tx = false;
      this.destRows = this.txDestRows;
      sql.push('ROLLBACK');
    }
    await this.db.script('DROP VIEW IF EXISTS batch; DROP TABLE IF EXISTS batch_latest;');
    return sql;
  }

  /** Fires the fault scheduled for this moment, if any: a crash, or an injected error raised into the lane's code. */
  async *at(m: Moment): Step {
    const first = this.input[0]?.id ?? '';
    const fault = this.faults.find((f) => !this.fired.has(f) && faultMatches(f.at, m, first));
    if (!fault) return;
    this.fired.add(fault);
    const where = momentLabel(fault.at, first);
    const file = m.kind === 'afterRows' || m.kind === 'before-commit' ? null : m.file.id;
    if (fault.kind === 'crash') {
      const crash = new Crash(where);
      yield { kind: 'crash', label: `The process dies ${where === 'before commit' ? 'just before the commit' : `at ${where}`}: no handler runs${this.tx ? ', the open transaction will roll back' : ''}.`, sql: [], rows: null, file, error: crash.message };
      throw crash;
    }
    const message = `injected error at ${where}`;
    yield { kind: 'error', label: `An exception is raised at ${where}: the lane's handler runs, then the attempt fails.`, sql: [], rows: null, file, error: message };
    throw new LaneError(message);
  }

  /** afterRows moments that fall strictly inside the next `n` rows, as offsets from the current count. */
  private splitsWithin(n: number): number[] {
    return this.faults
      .filter((f) => !this.fired.has(f) && 'afterRows' in f.at)
      .map((f) => (f.at as { afterRows: number }).afterRows - this.written)
      .filter((k) => k > 0 && k < n)
      .sort((a, b) => a - b);
  }

  /** Splits a piece into chunk-sized ranges, cut also where an afterRows fault falls. */
  chunksOf(piece: Piece): [number, number][] {
    const size = chunkSize(piece.file.rows);
    const out: [number, number][] = [];
    let from = piece.seqFrom;
    let written = 0;
    const splits = this.splitsWithin(piece.seqTo - piece.seqFrom + 1);
    while (from <= piece.seqTo) {
      let to = Math.min(piece.seqTo, Math.ceil(from / size) * size);
      const cut = splits.find((k) => k > written && k < written + (to - from + 1));
      if (cut !== undefined) to = from + (cut - written) - 1;
      out.push([from, to]);
      written += to - from + 1;
      from = to + 1;
    }
    return out;
  }

  /** The INSERT that copies a range of a file's rows from the landing zone into `dest`, with lineage. */
  insertSql(): string {
    const c = cols(this.model.columns);
    return `INSERT INTO dest (${c}, _run, _attempt, _file) SELECT ${c}, ?, ?, ? FROM landing WHERE file = ? AND seq BETWEEN ? AND ?`;
  }

  /**
   * Inserts the pieces' rows in chunks. `autocommit`: each row commits by itself in the pattern; a chunk then runs
   * inside BEGIN … COMMIT (no fault falls inside it, so the result is identical and 100× faster).
   */
  async *insertPieces(pieces: Piece[], autocommit: boolean): Step {
    const wrap = autocommit && !this.tx;
    for (const piece of pieces) {
      const chunks = this.chunksOf(piece);
      for (const [from, to] of chunks) {
        const sql = this.insertSql();
        const params = [this.run, this.attempt, piece.file.path, piece.file.id, from, to];
        const stmts = wrap ? ['BEGIN', sql, 'COMMIT'] : [sql];
        let n: number;
        try {
          if (wrap) await this.db.run('BEGIN');
          n = await this.db.run(sql, params);
          if (wrap) await this.db.run('COMMIT');
        } catch (e) {
          if (wrap) await this.db.run('ROLLBACK');
          const message = (e as Error).message;
          yield { kind: 'write', label: `write failed: ${message}`, sql: stmts, rows: null, file: piece.file.id, error: message };
          throw new LaneError(message);
        }
        this.written += n;
        this.destRows += n;
        const how = autocommit ? 'committed row by row' : 'inside the open transaction';
        yield {
          kind: 'write',
          label: `write ${piece.file.path} rows ${fmt(from)}–${fmt(to)} (${rowCount(n)}, ${how}); ${fmt(this.written)} written this attempt`,
          sql: stmts,
          rows: n,
          file: piece.file.id,
          error: null,
          note: INSERT_NOTE,
        };
        yield* this.at({ kind: 'afterRows', rows: this.written });
      }
    }
  }

  /** Writes one whole file the way per-file lanes do, with its file moments around the rows. */
  async *writeFile(file: FileModel, autocommit: boolean): StepOf<number> {
    const before = this.written;
    yield* this.at({ kind: 'after-delete', file });
    yield* this.at({ kind: 'before-write', file });
    yield* this.insertPieces([{ file, seqFrom: 1, seqTo: file.rows }], autocommit);
    yield* this.at({ kind: 'after-write', file });
    return this.written - before;
  }

  /** Stages input files as the `batch` view over the landing zone (reading is free: the rows are already there). */
  async *readBatch(files: FileModel[]): Step {
    const values = files.map((f, i) => `(${i + 1}, '${f.id}')`).join(', ');
    const sql =
      `CREATE VIEW batch AS SELECT i.column1 AS _pos, l.file AS _file_id, f.path AS _path, l.seq AS _seq, ${cols(this.model.columns, 'l')} ` +
      `FROM (VALUES ${values}) AS i JOIN landing l ON l.file = i.column2 JOIN files f ON f.id = i.column2`;
    await this.db.run('DROP VIEW IF EXISTS batch');
    await this.db.run(sql);
    const rows = files.reduce((n, f) => n + f.rows, 0);
    const what = files.length === 1 ? (files[0] as FileModel).path : `${files.length} files`;
    yield { kind: 'read', label: `read ${what} into the batch: ${rowCount(rows)}`, sql: ['DROP VIEW IF EXISTS batch', sql], rows, file: files.length === 1 ? (files[0] as FileModel).id : null, error: null };
  }
}

