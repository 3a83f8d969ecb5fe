import type { FileModel, Model } from '../model';
import type { CellValue } from '../schema';

/** A lane's pattern as code for another stack. */
export type ExportTarget = 'postgres' | 'pyspark' | 'dbt';

export interface LaneExport {
  target: ExportTarget;
  /** A file name for it (`<scenario>-<lane>.sql`, `.py`, dbt's `models/<…>.sql`). */
  filename: string;
  language: 'sql' | 'python';
  code: string;
}

/** A double-quoted identifier. */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A SQL literal, properly escaped (an export binds or quotes: it never copies the note's string-built SQL). */
export const literal = (v: CellValue | null): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);

/** A Python literal. */
export const pyLiteral = (v: CellValue | null): string => (v === null ? 'None' : typeof v === 'number' ? String(v) : JSON.stringify(v));

/** PostgreSQL's type for a scenario's column type (the widths SQLite has, text compared byte by byte). */
export const pgType = (declared: string): string => ({ INTEGER: 'BIGINT', REAL: 'DOUBLE PRECISION', TEXT: 'TEXT COLLATE "C"' })[declared] ?? declared;

/** Spark SQL's type. */
export const sparkType = (declared: string): string => ({ INTEGER: 'BIGINT', REAL: 'DOUBLE', TEXT: 'STRING' })[declared] ?? 'STRING';

/** The column list with an alias. */
export const colsOf = (names: readonly string[], alias?: string): string => names.map((n) => (alias ? `${alias}.${ident(n)}` : ident(n))).join(', ');

/** `a.k = b.k AND …` */
export const keyOn = (key: readonly string[], a: string, b: string): string => key.map((k) => `${a}.${ident(k)} = ${b}.${ident(k)}`).join(' AND ');

/** The distinct files a model's runs deliver, in order of first delivery. */
export function deliveredFiles(model: Model): FileModel[] {
  const seen = new Set<FileModel>();
  for (const run of model.runs) for (const f of run) seen.add(f);
  return [...seen];
}
