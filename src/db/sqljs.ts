import type { Database, SqlJsStatic } from 'sql.js';
import type { Dialect } from './dialect';
import type { DatabaseTemplate, QueryResult, SqlBackend, SqlPort, SqlValue } from './port';
import { sqliteDialect } from './sqliteDialect';

type Bindable = Parameters<Database['run']>[1];

class SqlJsPort implements SqlPort {
  readonly dialect: Dialect = sqliteDialect;

  constructor(private db: Database | null) {}

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
    this.db?.close();
    this.db = null;
  }
}

/**
 * The sql.js backend; `SQL` is the initialised module (node finds its wasm itself, the worker passes locateFile).
 * A template is a byte image; a clone is a new in-memory database opened from it. An in-memory database has one
 * connection, so `connect` answers null.
 */
export function sqlJsBackend(SQL: SqlJsStatic): SqlBackend {
  return {
    dialect: sqliteDialect,
    async buildTemplate<T>(build: (db: SqlPort) => Promise<T>) {
      const db = new SqlJsPort(new SQL.Database());
      try {
        const result = await build(db);
        return { template: await db.snapshot(), result };
      } finally {
        await db.close();
      }
    },
    async clone(template: DatabaseTemplate): Promise<SqlPort> {
      if (template.kind !== 'image') throw new Error('sql.js clones only from a byte image');
      return new SqlJsPort(new SQL.Database(template.bytes));
    },
    async connect(): Promise<null> {
      return null;
    },
    async dropTemplate(): Promise<void> {},
  };
}
