import type { ErrorClass } from '../db/dialect';
import type { QueryResult, SqlPort, SqlValue } from '../db/port';
import { Crash, LaneError, describeMoment, faultMatches, momentAt, momentLabel, type Moment } from './moments';
import type { FileModel, Model } from './model';
import type { FaultDoc } from './schema';
import { fmt, oneLine, rowCount } from './format';
import { sqlText, type SqlText } from './sqlText';
import type { Offer, StepDraft, StepKind } from './trace';

type Step = AsyncGenerator<StepDraft, void>;
type StepOf<T> = AsyncGenerator<StepDraft, T>;

/**
 * How a statement changes `dest`, so the runner can keep its row count without recounting after every step;
 * `recount` where the rows it changed do not say (an upsert, a learner's statement): `dest` is counted after it.
 */
export type DestEffect = 'insert' | 'delete' | 'none' | 'recount';

/** One statement of a step. */
export interface Statement {
  sql: string;
  params?: readonly SqlValue[];
  /** How it changes `dest`'s row count (default: not at all). */
  effect?: DestEffect;
  /** Whether the rows it changes count as written for `afterRows` (inserted rows, rows a MERGE updated). */
  written?: boolean;
  /**
   * For a statement that both updates and inserts `dest` (a real MERGE reports both as one count): a query, run right
   * after it, that counts the rows it inserted; `dest`'s row count grows by that much.
   */
  inserted?: { sql: string; params?: readonly SqlValue[] };
}

/** A step that runs SQL. */
export interface ExecStep {
  kind: StepKind;
  /** The step's line; a function of the rows each statement changed, when the line reports them. */
  label: string | ((changed: number[]) => string);
  /** One statement, or several that make one step (a MERGE chunk's UPDATE and INSERT). */
  sql: string | Statement[];
  params?: readonly SqlValue[];
  effect?: DestEffect;
  file?: string | null;
  note?: string;
  /** The step's row figure when it is not the rows its statements changed (a read: the rows staged). */
  rows?: number;
  /** The rows of `file` a write step wrote from. */
  seq?: [number, number];
}

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

/** Keys of moments already offered in an attempt: a fault fires at the first moment it names, so later ones are not offered. */
const offerKey = (m: Moment): string => (m.kind === 'afterRows' || m.kind === 'before-commit' ? m.kind : `${m.kind}:${m.file.id}`);

/**
 * The world one attempt of one lane runs in, and the language lane programs are written in: its database, its input,
 * its faults, and the bookkeeping the engine keeps because SQL cannot tell it (is a transaction open, how many rows
 * were written, how many rows `dest` has). Every statement goes through `statement`, which keeps that bookkeeping and
 * turns a failure into the lane's error; the counters can only be read.
 */
export class Attempt {
  #tx = false;
  #written = 0;
  #destRows: number;
  #txDestRows = 0;
  readonly #fired = new Set<FaultDoc>();
  readonly #offered = new Set<string>();
  #offeredRows = 0;
  #offers: Offer[] = [];
  /** SQL text helpers in this database's dialect. */
  readonly sql: SqlText;

  constructor(
    private readonly db: SqlPort,
    readonly model: Model,
    readonly run: number,
    readonly attempt: number,
    readonly input: FileModel[],
    /** The schedule's faults for this run and attempt. */
    private readonly faults: readonly FaultDoc[],
    /** Row count of `dest` when the attempt starts. */
    destRows: number,
    /** The logical clock: `processed_at` and every "now". */
    readonly now: () => number,
  ) {
    this.#destRows = destRows;
    this.sql = sqlText(db.dialect);
  }

  /** Is a transaction open on the lane's connection? */
  get tx(): boolean {
    return this.#tx;
  }
  /** Rows written in this attempt: each inserted row and each row a MERGE updated (the afterRows count). */
  get written(): number {
    return this.#written;
  }
  /** `dest`'s row count as the lane's connection sees it. */
  get destRows(): number {
    return this.#destRows;
  }
  /** `dest`'s row count as another connection sees it: nothing of an open transaction. */
  get committedRows(): number {
    return this.#tx ? this.#txDestRows : this.#destRows;
  }

  /** The moments offered since the last call (the runner hands them to the step they follow). */
  takeOffers(): Offer[] {
    const out = this.#offers;
    this.#offers = [];
    return out;
  }

  /** The lane's error for a failed statement, classified by the engine's dialect. */
  private failure(e: unknown): LaneError {
    const message = e instanceof Error ? e.message : String(e);
    // a driver's error may carry the engine's own code (PostgreSQL's SQLSTATE)
    const code = typeof (e as { code?: unknown } | null)?.code === 'string' ? (e as { code: string }).code : undefined;
    return new LaneError(message, this.db.dialect.classifyError(message, code));
  }

  /** The one path every statement of the lane takes: runs it and keeps the bookkeeping. Throws a LaneError on failure. */
  private async statement(s: Statement): Promise<number> {
    let changed: number;
    try {
      changed = await this.db.run(s.sql, s.params ?? []);
    } catch (e) {
      throw this.failure(e);
    }
    // Transaction control changes no rows (SQLite would report the previous statement's count).
    const head = s.sql.trimStart().slice(0, 8).toUpperCase();
    if (head.startsWith('BEGIN')) {
      this.#tx = true;
      this.#txDestRows = this.#destRows;
      return 0;
    }
    if (head.startsWith('COMMIT')) {
      this.#tx = false;
      return 0;
    }
    if (head.startsWith('ROLLBACK')) {
      this.#tx = false;
      this.#destRows = this.#txDestRows;
      return 0;
    }
    if (s.inserted) {
      try {
        this.#destRows += Number((await this.db.query(s.inserted.sql, s.inserted.params ?? [])).rows[0]?.[0] ?? 0);
      } catch (e) {
        throw this.failure(e);
      }
    }
    if (s.effect === 'insert') this.#destRows += changed;
    if (s.effect === 'delete') this.#destRows -= changed;
    if (s.effect === 'recount') this.#destRows = Number((await this.db.query('SELECT COUNT(*) FROM dest')).rows[0]?.[0] ?? 0);
    if (s.written) this.#written += changed;
    return changed;
  }

  /** Runs one step's statements. A failing statement is reported on its own step, then raised as the lane's error. */
  async *execAll(step: ExecStep): StepOf<number[]> {
    const statements: Statement[] = typeof step.sql === 'string' ? [{ sql: step.sql, params: step.params ?? [], effect: step.effect ?? 'none' }] : step.sql;
    const changed: number[] = [];
    const base = { kind: step.kind, sql: statements.map((s) => s.sql), file: step.file ?? null };
    try {
      for (const s of statements) changed.push(await this.statement(s));
    } catch (e) {
      const err = e as LaneError;
      // A step that opened its own transaction (a chunk committed by itself) does not leave it open on failure.
      if (statements[0]?.sql === 'BEGIN' && this.#tx) await this.statement({ sql: 'ROLLBACK' });
      const label = typeof step.label === 'string' ? step.label : `${step.kind} ${step.file ?? ''}`.trim();
      yield { ...base, label: `${label} — failed: ${oneLine(err.message)}`, rows: null, error: err.message, errorClass: err.errorClass };
      throw err;
    }
    const label = typeof step.label === 'string' ? step.label : step.label(changed);
    const rows = step.rows ?? changed.reduce((a, b) => a + b, 0);
    yield { ...base, label, rows, error: null, ...(step.note ? { note: step.note } : {}), ...(step.seq ? { seq: step.seq } : {}) };
    return changed;
  }

  /** Runs one statement as one step; resolves to the rows it changed. */
  async *exec(step: ExecStep & { sql: string }): StepOf<number> {
    const [n] = yield* this.execAll(step);
    return n ?? 0;
  }

  /** Runs one query as one step and returns its rows. */
  async *query(step: { kind: StepKind; label: (r: QueryResult) => string; sql: string; params?: readonly SqlValue[]; file?: string | null }): StepOf<QueryResult> {
    let res: QueryResult;
    const file = step.file ?? null;
    try {
      res = await this.db.query(step.sql, step.params ?? []);
    } catch (e) {
      const err = this.failure(e);
      yield { kind: step.kind, label: `query failed: ${oneLine(err.message)}`, sql: [step.sql], rows: null, file, error: err.message, errorClass: err.errorClass };
      throw err;
    }
    yield { kind: step.kind, label: step.label(res), sql: [step.sql], rows: res.rows.length, file, error: null };
    return res;
  }

  /** Reads without a step: engine bookkeeping the learner does not need to see (never changes state). */
  async peek(sql: string, params: readonly SqlValue[] = []): Promise<QueryResult> {
    try {
      return await this.db.query(sql, params);
    } catch (e) {
      throw this.failure(e);
    }
  }

  async *begin(): Step {
    yield* this.exec({ kind: 'begin', label: 'BEGIN: open a transaction', sql: 'BEGIN' });
  }

  async *commit(): Step {
    yield* this.exec({ kind: 'commit', label: 'COMMIT: the writes become durable and visible', sql: 'COMMIT' });
  }

  async *rollback(label = 'ROLLBACK: the open transaction is undone'): Step {
    yield* this.exec({ kind: 'rollback', label, sql: 'ROLLBACK' });
  }

  /** Undoes whatever is still open when the attempt ends (the connection is gone); returns the SQL it ran. */
  async abandon(): Promise<string[]> {
    const sql: string[] = [];
    if (this.#tx) {
      await this.statement({ sql: 'ROLLBACK' });
      sql.push('ROLLBACK');
    }
    await this.db.script('DROP VIEW IF EXISTS batch; DROP TABLE IF EXISTS batch_latest;');
    return sql;
  }

  /** Records a moment the current step offers (once per attempt: a fault fires at the first moment it names). */
  private offer(m: Moment): void {
    if (m.kind === 'afterRows') {
      if (m.rows <= this.#offeredRows) return;
      const at = momentAt(m);
      this.#offers.push({ at, rows: { from: this.#offeredRows + 1, to: m.rows }, label: describeMoment(at) });
      this.#offeredRows = m.rows;
      return;
    }
    const key = offerKey(m);
    if (this.#offered.has(key)) return;
    this.#offered.add(key);
    const at = momentAt(m);
    this.#offers.push({ at, label: describeMoment(at) });
  }

  /**
   * Fires the fault scheduled for this moment, if any: a crash, or an injected error raised into the lane's code.
   * `offer: false` reaches a moment without offering it (a count inside a step whose whole count is offered after).
   */
  async *at(m: Moment, offer = true): Step {
    const first = this.input[0]?.id ?? '';
    // Of several faults this moment matches, the one the lane reaches first: a step that passes several afterRows
    // counts at once (the anti-join's one statement, a MERGE chunk) passes the smallest first; else document order.
    const rowsOf = (f: FaultDoc): number => ('afterRows' in f.at ? f.at.afterRows : 0);
    const fault = this.faults
      .filter((f) => !this.#fired.has(f) && faultMatches(f.at, m, first))
      .reduce<FaultDoc | undefined>((best, f) => (best === undefined || rowsOf(f) < rowsOf(best) ? f : best), undefined);
    if (!fault) {
      if (offer) this.offer(m);
      return;
    }
    this.#fired.add(fault);
    const where = momentLabel(fault.at, first);
    const file = m.kind === 'afterRows' || m.kind === 'before-commit' ? null : m.file.id;
    if (fault.kind === 'crash') {
      const crash = new Crash(where);
      yield { kind: 'crash', label: `The process dies ${where === 'before commit' ? 'just before the commit' : `at ${where}`}: no handler runs${this.#tx ? ', the open transaction will roll back' : ''}.`, sql: [], rows: null, file, error: crash.message, errorClass: 'crash' };
      throw crash;
    }
    const message = `injected error at ${where}`;
    yield { kind: 'error', label: `An exception is raised at ${where}: the lane's handler runs, then the attempt fails.`, sql: [], rows: null, file, error: message, errorClass: 'injected' };
    throw new LaneError(message, 'injected');
  }

  /** Raises an error of the lane's own (a refused MERGE): the attempt fails with this message and class. */
  fail(message: string, errorClass: ErrorClass): never {
    throw new LaneError(message, errorClass);
  }

  /** afterRows moments that fall strictly inside the next `n` rows, as offsets from the current count. */
  private splitsWithin(n: number): number[] {
    return this.faults
      .filter((f) => !this.#fired.has(f) && 'afterRows' in f.at)
      .map((f) => (f.at as { afterRows: number }).afterRows - this.#written)
      .filter((k) => k > 0 && k < n)
      .sort((a, b) => a - b);
  }

  /** The smallest afterRows count a scheduled fault still waits for beyond the rows written so far, or null. */
  nextAfterRows(): number | null {
    const next = this.splitsWithin(Number.MAX_SAFE_INTEGER)[0];
    return next === undefined ? null : this.#written + next;
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
    const c = this.sql.cols(this.model.columns);
    return `INSERT INTO dest (${c}, _run, _attempt, _file) SELECT ${c}, ?, ?, ? FROM landing WHERE _rt_file = ? AND _rt_seq BETWEEN ? AND ?`;
  }

  /**
   * Inserts the pieces' rows in chunks. `autocommit`: each row commits by itself in the pattern; a chunk then runs
   * inside BEGIN … COMMIT (no fault falls inside it, so the result is identical and 100× faster).
   */
  async *insertPieces(pieces: Piece[], autocommit: boolean): Step {
    const wrap = autocommit && !this.#tx;
    const how = autocommit ? 'committed row by row' : 'inside the open transaction';
    for (const piece of pieces) {
      for (const [from, to] of this.chunksOf(piece)) {
        const insert: Statement = { sql: this.insertSql(), params: [this.run, this.attempt, piece.file.path, piece.file.id, from, to], effect: 'insert', written: true };
        const statements = wrap ? [{ sql: 'BEGIN' }, insert, { sql: 'COMMIT' }] : [insert];
        yield* this.execAll({
          kind: 'write',
          label: (changed) => `write ${oneLine(piece.file.path)} rows ${fmt(from)}–${fmt(to)} (${rowCount(changed[wrap ? 1 : 0] ?? 0)}, ${how}); ${fmt(this.#written)} written this attempt`,
          sql: statements,
          file: piece.file.id,
          seq: [from, to],
          note: INSERT_NOTE,
        });
        yield* this.at({ kind: 'afterRows', rows: this.#written });
      }
    }
  }

  /** Writes one whole file the way per-file lanes do, with its file moments around the rows. */
  async *writeFile(file: FileModel, autocommit: boolean): StepOf<number> {
    const before = this.#written;
    yield* this.at({ kind: 'after-delete', file });
    yield* this.at({ kind: 'before-write', file });
    yield* this.insertPieces([{ file, seqFrom: 1, seqTo: file.rows }], autocommit);
    yield* this.at({ kind: 'after-write', file });
    return this.#written - before;
  }

  /** Stages input files as the `batch` view over the landing zone (reading is free: the rows are already there). */
  async *readBatch(files: FileModel[]): Step {
    const values = files.map((f, i) => `(${i + 1}, '${f.id}')`).join(', ');
    const sql =
      `CREATE VIEW batch AS SELECT i.column1 AS _pos, l._rt_file AS _file_id, f.path AS _path, l._rt_seq AS _seq, ${this.sql.cols(this.model.columns, 'l')} ` +
      `FROM (VALUES ${values}) AS i JOIN landing l ON l._rt_file = i.column2 JOIN files f ON f.id = i.column2`;
    const rows = files.reduce((n, f) => n + f.rows, 0);
    const what = files.length === 1 ? oneLine((files[0] as FileModel).path) : `${files.length} files`;
    yield* this.execAll({
      kind: 'read',
      label: `read ${what} into the batch: ${rowCount(rows)}`,
      sql: [{ sql: 'DROP VIEW IF EXISTS batch' }, { sql }],
      rows,
      file: files.length === 1 ? (files[0] as FileModel).id : null,
    });
  }
}
