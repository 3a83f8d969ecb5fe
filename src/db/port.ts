/** A value SQL can bind or return. */
export type SqlValue = number | string | null | Uint8Array;

/** Column names and rows of one result set. */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

/**
 * The narrow, asynchronous SQL port the engine talks through. Each call is one round trip, so a backend on the
 * other side of a socket (node-postgres) fits the same shape; per-row work stays inside one call (`writeMany`).
 * Transactions are plain statements (`BEGIN`, `COMMIT`, `ROLLBACK`); the engine tracks whether one is open.
 */
export interface SqlPort {
  /** Runs one statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one query and returns all its rows. */
  query(sql: string, params?: readonly SqlValue[]): Promise<QueryResult>;
  /** Runs several statements separated by semicolons (schema set-up). */
  script(sql: string): Promise<void>;
  /** Runs one prepared statement once per row of parameters; resolves to the rows changed in total. */
  writeMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number>;
  /** A byte image of the database, or null where the backend cannot take one. Never call with a transaction open. */
  snapshot(): Promise<Uint8Array | null>;
  /** Releases the database. */
  close(): Promise<void>;
}

/** Opens databases: empty, or from an image taken by `snapshot()`. */
export interface SqlBackend {
  open(image?: Uint8Array): Promise<SqlPort>;
}

/** Runs `fn` on a fresh database and closes it afterwards, whatever happens. */
export async function withDatabase<T>(backend: SqlBackend, image: Uint8Array | undefined, fn: (db: SqlPort) => Promise<T>): Promise<T> {
  const db = await backend.open(image);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
