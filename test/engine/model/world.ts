/**
 * The world of the executable model (PATTERNS.md, "The world every lane shares"), in plain TypeScript over arrays:
 * no SQL and nothing from src/engine's lane programs. A lane database is `dest` (an array of rows) plus the lane's
 * metadata table (an array of records); a transaction is a copy taken at BEGIN and put back at ROLLBACK.
 */
import type { CellValue, FaultDoc, FaultMoment } from '../../../src/engine/schema';

export type Row = Record<string, CellValue>;

/** A file version as the model reads it: its rows expanded (small scenarios only). */
export interface MFile {
  id: string;
  path: string;
  rows: Row[];
  /** Canonical content (what the SHA-256 content hash is taken over): equal strings, equal hashes. */
  content: string;
}

/** A row of `dest` with its lineage. */
export interface DestRow {
  row: Row;
  run: number;
  attempt: number;
  file: string;
}

export type Meta = Record<string, string | number | null>;

/** A lane's database: `dest`, its metadata table, and the copy taken at BEGIN while a transaction is open. */
export class Db {
  dest: DestRow[] = [];
  meta: Meta[] = [];
  private saved: { dest: DestRow[]; meta: Meta[] } | null = null;

  get inTx(): boolean {
    return this.saved !== null;
  }
  begin(): void {
    if (this.saved) throw new Error('model: BEGIN inside a transaction');
    this.saved = { dest: this.dest.map((d) => ({ ...d, row: { ...d.row } })), meta: this.meta.map((m) => ({ ...m })) };
  }
  commit(): void {
    this.saved = null;
  }
  rollback(): void {
    if (!this.saved) return;
    this.dest = this.saved.dest;
    this.meta = this.saved.meta;
    this.saved = null;
  }
}

/** A moment of SCENARIO_FORMAT.md's fault table, as a lane reaches it. */
export type MMoment =
  | { kind: 'afterRows'; rows: number }
  | { kind: 'before write' | 'after write' | 'after delete'; file: string }
  | { kind: 'before commit' };

/** What a crash throws: nothing of the lane's may catch it (lanes rethrow it from their handlers). */
export class ModelCrash extends Error {
  readonly errorClass = 'crash';
}
/** What an error throws (an injected one or the lane's own): the lane's handler runs, then the attempt fails. */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly errorClass: 'injected' | 'multi-match',
  ) {
    super(message);
  }
}

/** The contract's wording of a fault's moment (`afterRows 3`, `before write f1`, …); `file` defaults to the first input file. */
export function label(at: FaultMoment, firstFile: string): string {
  if ('afterRows' in at) return `afterRows ${at.afterRows}`;
  if ('before' in at) return at.before === 'commit' ? 'before commit' : `before write ${at.file ?? firstFile}`;
  return `after ${at.after} ${at.file ?? firstFile}`;
}

function names(at: FaultMoment, m: MMoment, firstFile: string): boolean {
  if ('afterRows' in at) return m.kind === 'afterRows' && m.rows === at.afterRows;
  const l = label(at, firstFile);
  if (m.kind === 'afterRows') return false;
  return m.kind === 'before commit' ? l === 'before commit' : l === `${m.kind} ${m.file}`;
}

/** One attempt of one lane: its input, its faults, its row counter. */
export class Ctx {
  written = 0;
  constructor(
    readonly db: Db,
    readonly run: number,
    readonly attempt: number,
    readonly input: MFile[],
    readonly faults: FaultDoc[],
    /** Metadata columns: the key column list, for the lanes that need it. */
    readonly table: { key: string[]; nonKey: string[]; partitionBy: string | null; orderBy: string | null },
    /** The logical clock (any increasing number will do: no metric reads it). */
    readonly now: () => number,
  ) {}

  /** The lane reaches a moment: the first of this attempt's faults (in document order) that names it fires. */
  at(m: MMoment): void {
    const first = this.input[0]?.id ?? '';
    const fault = this.faults.find((f) => names(f.at, m, first));
    if (!fault) return;
    const where = label(fault.at, first);
    if (fault.kind === 'crash') throw new ModelCrash(`crash at ${where}`);
    throw new ModelError(`injected error at ${where}`, 'injected');
  }

  /** Inserts one row (inside the open transaction, or committed by itself) and reaches `afterRows` for it. */
  insert(row: Row, file: MFile): void {
    this.db.dest.push({ row: { ...row }, run: this.run, attempt: this.attempt, file: file.path });
    this.wrote();
  }

  /** Counts one written row (inserted, or a target row a MERGE updated) and reaches `afterRows`. */
  wrote(): void {
    this.written += 1;
    this.at({ kind: 'afterRows', rows: this.written });
  }

  /** Per-file lanes: a file's moments around its rows, in input order (deleting nothing: after delete = before write). */
  writeFile(file: MFile): number {
    const before = this.written;
    this.at({ kind: 'after delete', file: file.id });
    this.at({ kind: 'before write', file: file.id });
    for (const row of file.rows) this.insert(row, file);
    this.at({ kind: 'after write', file: file.id });
    return this.written - before;
  }

  keyOf(row: Row): string {
    return JSON.stringify(this.table.key.map((k) => row[k]));
  }
}
