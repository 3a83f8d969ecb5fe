import type { QueryResult } from './port';
/** The classes of error a lane can meet, next to the backend's own message (which differs between engines). */
export const ERROR_CLASSES = ['syntax', 'constraint', 'multi-match', 'injected', 'crash', 'other'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** The tables one statement reads and writes, from the plan the engine compiled for it. */
export interface TablesTouched {
  reads: string[];
  writes: string[];
}

/**
 * What differs between SQL engines, in one place, so that a second backend never edits a pattern file. Everything
 * else the engine writes is standard SQL that SQLite and PostgreSQL both accept.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Quotes an identifier. */
  quote(name: string): string;
  /** Null-safe equality of two expressions (NULL equals NULL). */
  nullSafeEqual(a: string, b: string): string;
  /** An expression that numbers a table's rows in insertion order (`alias` qualifies it); MERGE tells matched target rows from rows it inserted by it. */
  rowId(alias?: string): string;
  /** Appended to a CREATE TABLE whose primary key should also be its storage order (read in key order without a sort). */
  clusteredTable: string;
  /** Statements run first while a template database is built (e.g. a larger page cache); '' where none. */
  templateSetup: string;
  /** Whether a statement may change a connection setting, which no savepoint undoes (SQLite: PRAGMA). */
  changesSettings(sql: string): boolean;
  /**
   * The tables one statement would read and write, from the engine's plan of it (not by running it): the sandbox of
   * learner-written lanes. Absent where the engine cannot tell.
   */
  tablesTouched?(query: (sql: string) => Promise<QueryResult>, sql: string): Promise<TablesTouched>;
  /** The class of an error message this engine raised. */
  classifyError(message: string): ErrorClass;
}
