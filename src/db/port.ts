import type { Dialect } from './dialect';

/** A value SQL can bind or return. */
export type SqlValue = number | string | null | Uint8Array;

/** Column names and rows of one result set. */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

/**
 * A database lanes are cloned from: a byte image (sql.js keeps databases in memory; an image is cheap to copy and
 * can cross a thread boundary), or the name of a template database on a server (PostgreSQL clones with
 * `CREATE DATABASE … TEMPLATE …`).
 */
export type DatabaseTemplate = { readonly kind: 'image'; readonly bytes: Uint8Array } | { readonly kind: 'server'; readonly name: string };

/**
 * The narrow, asynchronous SQL port the engine talks through: one connection to one database. Each call is one round
 * trip, so a backend on the other side of a socket (node-postgres) fits the same shape; per-row work stays inside one
 * call (`writeMany`). Statements use `?` positional placeholders; a backend whose driver uses another marker rewrites
 * them. Transactions are plain statements (`BEGIN`, `COMMIT`, `ROLLBACK`); the engine tracks whether one is open.
 */
export interface SqlPort {
  /** The SQL this connection speaks where engines differ. */
  readonly dialect: Dialect;
  /** Runs one statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one query and returns all its rows. */
  query(sql: string, params?: readonly SqlValue[]): Promise<QueryResult>;
  /** Runs several statements separated by semicolons (schema set-up). */
  script(sql: string): Promise<void>;
  /** Runs one prepared statement once per row of parameters; resolves to the rows changed in total. */
  writeMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number>;
  /** A template of the database as it is now (a lane's snapshot), or null where the backend cannot take one. Never call with a transaction open. */
  snapshot(): Promise<DatabaseTemplate | null>;
  /** Releases the connection (and, for a cloned in-memory database, the database). */
  close(): Promise<void>;
}

/**
 * Makes databases. The lifecycle a server database can implement too: build a template once, clone one database per
 * lane from it, and, where the backend can, open a second connection to a lane's database (a reader that sees only
 * committed rows, or a second runner racing the first).
 */
export interface SqlBackend {
  readonly dialect: Dialect;
  /** Creates an empty database, lets `build` fill it, and keeps it as a template; `build`'s result comes back with it. */
  buildTemplate<T>(build: (db: SqlPort) => Promise<T>): Promise<{ template: DatabaseTemplate; result: T }>;
  /** A new database with the template's content, and a connection to it. */
  clone(template: DatabaseTemplate): Promise<SqlPort>;
  /** A second connection to the database `db` is connected to; null where the backend has one connection per database (sql.js). */
  connect(db: SqlPort): Promise<SqlPort | null>;
  /** Frees a template (drops a server-side template database; an image is simply garbage). */
  dropTemplate(template: DatabaseTemplate): Promise<void>;
}
