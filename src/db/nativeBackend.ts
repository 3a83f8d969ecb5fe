import Database from 'better-sqlite3';
import type { Dialect } from './dialect';
import type { DatabaseTemplate, QueryResult, SqlBackend, SqlPort, SqlValue } from './port';
import { sqliteDialect } from './sqliteDialect';

type Native = Database.Database;
type Statement = Database.Statement<unknown[]>;

/**
 * sql.js binds a number that fits 32 bits as an integer and any other as a double (sqlite3_bind_int / _double);
 * better-sqlite3 binds every number as a double. Integers go over as BigInt (bound as 64-bit integers) so both
 * engines see the same values and types (`typeof(?)`, integer division, a WITHOUT ROWID key).
 */
function bindable(params: readonly SqlValue[] | undefined): unknown[] {
  if (!params) return [];
  return params.map((v) => (typeof v === 'number' && v === (v | 0) ? BigInt(v) : v));
}

/** Prepared statements by text, per connection: lanes run the same few statements chunk after chunk. */
const CACHE_SIZE = 64;

class NativePort implements SqlPort {
  readonly dialect: Dialect = sqliteDialect;
  private readonly cache = new Map<string, Statement>();

  constructor(private db: Native | null) {}

  private get live(): Native {
    if (!this.db) throw new Error('database is closed');
    return this.db;
  }

  private prepare(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (stmt) {
      // most recently used last
      this.cache.delete(sql);
      this.cache.set(sql, stmt);
      return stmt;
    }
    stmt = this.live.prepare(sql);
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(sql, stmt);
    return stmt;
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    let stmt: Statement;
    try {
      stmt = this.prepare(sql);
    } catch (e) {
      // sql.js's run() executes every statement of a text without parameters; better-sqlite3 prepares one only
      if (params?.length || !/more than one statement/.test((e as Error).message)) throw e;
      this.live.exec(sql);
      return this.lastChanges();
    }
    return stmt.run(...bindable(params)).changes || this.lastChanges();
  }

  /**
   * sqlite3_changes() as sql.js reports it: a statement that changes no rows itself (CREATE TABLE … AS, BEGIN) leaves
   * the previous INSERT/UPDATE/DELETE's count, where better-sqlite3 says 0. Traces show the count, so both agree.
   */
  private lastChanges(): number {
    return Number(this.prepare('SELECT changes()').pluck().get());
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<QueryResult> {
    const stmt = this.prepare(sql);
    if (!stmt.reader) {
      // a statement that returns no rows (the SQL console may send one): run it, as sql.js's step() would
      stmt.run(...bindable(params));
      return { columns: [], rows: [] };
    }
    const rows = stmt.raw(true).all(...bindable(params)) as SqlValue[][];
    return { columns: stmt.columns().map((c) => c.name), rows };
  }

  async script(sql: string): Promise<void> {
    this.live.exec(sql);
  }

  async writeMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    const stmt = this.prepare(sql);
    let changed = 0;
    for (const row of rows) changed += stmt.run(...bindable(row)).changes || this.lastChanges();
    return changed;
  }

  async snapshot(): Promise<DatabaseTemplate> {
    return { kind: 'image', bytes: this.live.serialize() };
  }

  async close(): Promise<void> {
    this.cache.clear();
    this.db?.close();
    this.db = null;
  }
}

/**
 * Native SQLite through better-sqlite3 (a dev dependency): the baseline the benchmarks hold sql.js against, on the
 * same engine code and the same SQLite dialect. Databases live in memory; a template is the byte image
 * `serialize()` returns, and a clone deserializes it (`new Database(buffer)`), as sql.js does with its images.
 * One connection per in-memory database, like sql.js: `connect` answers null.
 */
export function nativeBackend(): SqlBackend {
  return {
    dialect: sqliteDialect,
    async buildTemplate<T>(build: (db: SqlPort) => Promise<T>) {
      const db = new NativePort(new Database(':memory:'));
      try {
        const result = await build(db);
        return { template: await db.snapshot(), result };
      } finally {
        await db.close();
      }
    },
    async clone(template: DatabaseTemplate): Promise<SqlPort> {
      if (template.kind !== 'image') throw new Error('native SQLite clones only from a byte image');
      const bytes = template.bytes;
      // An image that crossed a thread boundary arrives as a plain Uint8Array: view it as a Buffer (no copy).
      const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return new NativePort(new Database(buffer));
    },
    async connect(): Promise<null> {
      return null;
    },
    async dropTemplate(): Promise<void> {},
  };
}
