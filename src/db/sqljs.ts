import type { Database, SqlJsStatic } from 'sql.js';
import type { Dialect } from './dialect';
import type { DatabaseTemplate, QueryResult, SqlBackend, SqlPort, SqlValue } from './port';
import { sqliteDialect } from './sqliteDialect';

type Bindable = Parameters<Database['run']>[1];

class SqlJsPort implements SqlPort {
  readonly dialect: Dialect = sqliteDialect;

  constructor(
    private db: Database | null,
    private readonly closeDb: (db: Database) => void = (db) => db.close(),
  ) {}

  private get live(): Database {
    if (!this.db) throw new Error('database is closed');
    return this.db;
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    this.live.run(sql, params as Bindable);
    return this.live.getRowsModified();
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<QueryResult> {
    const stmt = this.live.prepare(sql);
    try {
      if (params) stmt.bind(params as Bindable);
      const rows: SqlValue[][] = [];
      while (stmt.step()) rows.push(stmt.get() as SqlValue[]);
      return { columns: stmt.getColumnNames(), rows };
    } finally {
      stmt.free();
    }
  }

  async script(sql: string): Promise<void> {
    this.live.exec(sql);
  }

  async writeMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    const stmt = this.live.prepare(sql);
    let changed = 0;
    try {
      for (const row of rows) {
        stmt.run(row as Bindable);
        changed += this.live.getRowsModified();
      }
    } finally {
      stmt.free();
    }
    return changed;
  }

  async snapshot(): Promise<DatabaseTemplate> {
    return { kind: 'image', bytes: this.live.export() };
  }

  async close(): Promise<void> {
    if (this.db) this.closeDb(this.db);
    this.db = null;
  }
}

type BackupFn = {
  init: (dest: number, destName: string, src: number, srcName: string) => number;
  step: (backup: number, pages: number) => number;
  finish: (backup: number) => number;
};

/** sqlite3_backup_step's "done". */
const SQLITE_DONE = 101;

/** The database handle sql.js keeps on a Database (`db`, a pointer into the wasm heap). */
const handleOf = (db: Database): number => (db as unknown as { db: number }).db;

/**
 * A sql.js Database over an in-memory SQLite database (`:memory:`) instead of its default, a file in Emscripten's
 * in-memory file system (MEMFS). Every page SQLite writes to a MEMFS file is copied out of the wasm heap by
 * JavaScript, and the file's array grows by 12.5% at a time, copied whole each time (a 1.8M-row lane copied ~1 GB
 * that way): a third of sql.js's CPU on the headline. In `:memory:` the pages stay in SQLite's own page cache, as
 * in native SQLite. sql.js has no option for it, so its constructor is given `:memory:` as the file name (the
 * filename property is read-only while it runs); temporary tables and sorts stay in memory too.
 */
function memoryDatabase(SQL: SqlJsStatic): Database {
  const db = Object.create(SQL.Database.prototype) as Database;
  Object.defineProperty(db, 'filename', { get: () => ':memory:', set: () => {}, configurable: true });
  (SQL.Database as unknown as (this: Database) => void).call(db);
  db.run('PRAGMA temp_store = MEMORY');
  return db;
}

/** Closes a database from `memoryDatabase` (sql.js then unlinks its file, which a `:memory:` database never had). */
function closeMemory(db: Database): void {
  try {
    db.close();
  } catch (e) {
    if ((e as { name?: unknown }).name !== 'ErrnoError') throw e;
  }
}

/**
 * The sql.js backend; `SQL` is the initialised module (node finds its wasm itself, the worker passes locateFile).
 * A template is a byte image (sql.js's `export`, a backup into a buffer sized once); a clone is an in-memory
 * database filled from it by SQLite's backup API, page by page inside the wasm heap. An in-memory database has one
 * connection, so `connect` answers null.
 */
export function sqlJsBackend(SQL: SqlJsStatic): SqlBackend {
  const cwrap = (SQL as unknown as { cwrap: (name: string, ret: string, args: string[]) => (...a: unknown[]) => number }).cwrap;
  const backup: BackupFn = {
    init: cwrap('sqlite3_backup_init', 'number', ['number', 'string', 'number', 'string']),
    step: cwrap('sqlite3_backup_step', 'number', ['number', 'number']),
    finish: cwrap('sqlite3_backup_finish', 'number', ['number']),
  };
  return {
    dialect: sqliteDialect,
    async buildTemplate<T>(build: (db: SqlPort) => Promise<T>) {
      const db = new SqlJsPort(memoryDatabase(SQL), closeMemory);
      try {
        const result = await build(db);
        return { template: await db.snapshot(), result };
      } finally {
        await db.close();
      }
    },
    async clone(template: DatabaseTemplate): Promise<SqlPort> {
      if (template.kind !== 'image') throw new Error('sql.js clones only from a byte image');
      const image = new SQL.Database(template.bytes);
      const db = memoryDatabase(SQL);
      try {
        const b = backup.init(handleOf(db), 'main', handleOf(image), 'main');
        if (!b) throw new Error('cannot clone the template: sqlite3_backup_init failed');
        const rc = backup.step(b, -1);
        const fin = backup.finish(b);
        if (rc !== SQLITE_DONE || fin !== 0) throw new Error(`cannot clone the template: backup returned ${rc}/${fin}`);
      } catch (e) {
        closeMemory(db);
        throw e;
      } finally {
        image.close();
      }
      return new SqlJsPort(db, closeMemory);
    },
    async connect(): Promise<null> {
      return null;
    },
    async dropTemplate(): Promise<void> {},
  };
}
