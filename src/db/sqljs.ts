import type { Database, SqlJsStatic } from 'sql.js';
import type { QueryResult, SqlBackend, SqlPort, SqlValue } from './port';

type Bindable = Parameters<Database['run']>[1];

class SqlJsPort implements SqlPort {
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

  async snapshot(): Promise<Uint8Array | null> {
    return this.live.export();
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = null;
  }
}

/** The sql.js backend; `SQL` is the initialised module (node finds its wasm itself, the worker passes locateFile). */
export function sqlJsBackend(SQL: SqlJsStatic): SqlBackend {
  return {
    async open(image?: Uint8Array): Promise<SqlPort> {
      return new SqlJsPort(new SQL.Database(image));
    },
  };
}
