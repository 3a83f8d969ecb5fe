import type { QueryResult } from './port';
/** The classes of error a lane can meet, next to the backend's own message (which differs between engines). */
export const ERROR_CLASSES = ['syntax', 'constraint', 'multi-match', 'injected', 'crash', 'other'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** The tables one statement reads and writes, from the plan the engine compiled for it. */
export interface TablesTouched {
  reads: string[];
  writes: string[];
}

/** A column type a scenario declares (SCENARIO_FORMAT.md: `table.columns`). */
export type ColumnType = 'INTEGER' | 'TEXT' | 'REAL';

/**
 * What differs between SQL engines, in one place, so that a second backend never edits a pattern file. Everything
 * else the engine writes is standard SQL that SQLite and PostgreSQL both accept (a subquery in FROM always has an
 * alias, which PostgreSQL before 16 requires; a parameter whose type nothing around it tells is CAST).
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Quotes an identifier. */
  quote(name: string): string;
  /** Null-safe equality of two expressions (NULL equals NULL). */
  nullSafeEqual(a: string, b: string): string;
  /** An expression that numbers a table's rows in insertion order (`alias` qualifies it); MERGE tells matched target rows from rows it inserted by it. */
  rowId(alias?: string): string;
  /**
   * Appended to the column list of `CREATE TABLE dest (…)` so that `rowId` exists: '' where the engine numbers rows
   * by itself (SQLite's rowid); PostgreSQL has no such number and gets an identity column (the engine's own name, last,
   * so an INSERT without a column list still fills the user's columns).
   */
  rowIdColumn: string;
  /** The engine's type for a scenario's column type (PostgreSQL: 64-bit integers as SQLite's, text compared byte-wise as SQLite's BINARY). */
  columnType(declared: ColumnType): string;
  /** Appended to a CREATE TABLE whose primary key should also be its storage order (read in key order without a sort). */
  clusteredTable: string;
  /** Statements run first while a template database is built (e.g. a larger page cache); '' where none. */
  templateSetup: string;
  /** Statements run last on a template database, once it is filled (PostgreSQL: planner statistics, which clones copy); '' where none. */
  templateFinish: string;
  /**
   * Whether the engine has a real `MERGE` that refuses a target row matched by two source rows (PostgreSQL 15+:
   * SQLSTATE 21000, the Delta multi-match rule). Without it (SQLite) the engine checks for such rows itself and runs
   * each chunk as an UPDATE of matched rows and an INSERT of the others.
   */
  nativeMerge: boolean;
  /** Whether a statement may change what no savepoint undoes: a connection setting (SQLite: PRAGMA), a sequence (PostgreSQL). */
  changesSettings(sql: string): boolean;
  /**
   * `SAVEPOINT` needs an open transaction (PostgreSQL refuses it outside one, 25P01; SQLite opens one): the console
   * then runs in a `BEGIN` … `ROLLBACK` of its own when the lane has no transaction open.
   */
  savepointNeedsTransaction?: boolean;
  /** A query that returns this connection's session id (races: whose lock is whose); absent where there is one connection. */
  sessionIdSql?: string;
  /** A query with one parameter, a session id, that returns 1 (true) when that session waits on a lock; absent likewise. */
  blockedSql?: string;
  /**
   * The tables one statement would read and write, from the engine's plan of it (not by running it): the sandbox of
   * learner-written lanes. Absent where the engine cannot tell.
   */
  tablesTouched?(query: (sql: string) => Promise<QueryResult>, sql: string): Promise<TablesTouched>;
  /** The class of an error this engine raised, from its message and, where the engine has one, its code (PostgreSQL's SQLSTATE). */
  classifyError(message: string, code?: string): ErrorClass;
}
