import pg from 'pg';
import type { DatabaseTemplate, QueryResult, SqlBackend, SqlPort, SqlValue } from './port';
import { postgresDialect } from './postgresDialect';
import { rewritePlaceholders } from './pgPlaceholders';

/**
 * Values as the engine expects them (SqlValue): every integer and numeric type as a JS number (node-postgres gives
 * 64-bit integers and numerics as strings; COUNT(*) is one), booleans as 1/0 (SQLite has none), bytea as bytes,
 * everything else as PostgreSQL's text.
 */
const NUMBER_TYPES = new Set([20, 21, 23, 26, 700, 701, 1700]);
const types = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (NUMBER_TYPES.has(oid)) return Number;
    if (oid === 16) return (v: string) => (v === 't' ? 1 : 0);
    if (oid === 17) return pg.types.getTypeParser(17, (format ?? 'text') as 'text');
    return (v: string) => v;
  },
};

/** Quotes a database name. */
const ident = (name: string): string => postgresDialect.quote(name);

/** A connection's config: the server URL, with another database (in the URL itself: its fields win over `database`). */
function configFor(url: string, database?: string): pg.ClientConfig {
  if (!database) return { connectionString: url, types };
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return { connectionString: u.toString(), types };
}

/** Runs a statement, with the port's `?` placeholders rewritten to `$n` when it binds parameters. */
async function exec(client: pg.Client, sql: string, params: readonly SqlValue[] | undefined, rowMode?: 'array'): Promise<pg.QueryArrayResult | pg.QueryResult> {
  // Without parameters the text goes as it is (simple protocol): a `?` in it is the statement's own, and string-built
  // SQL reaches the server exactly as the lane built it (a stray quote breaks it there, as it would in the note).
  if (!params || params.length === 0) return rowMode ? client.query({ text: sql, rowMode }) : client.query(sql);
  const { text } = rewritePlaceholders(sql);
  const values = params.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v));
  return client.query({ text, values: values as unknown[], ...(rowMode ? { rowMode } : {}) });
}

class PgPort implements SqlPort {
  readonly dialect = postgresDialect;

  constructor(
    private client: pg.Client | null,
    /** The database this connection is to. */
    readonly database: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  private get live(): pg.Client {
    if (!this.client) throw new Error('connection is closed');
    return this.client;
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    const r = await exec(this.live, sql, params);
    // several statements (simple protocol) give several results: the last one's count, as SQLite reports
    const last = Array.isArray(r) ? (r as pg.QueryResult[]).at(-1) : r;
    return last?.rowCount ?? 0;
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<QueryResult> {
    const r = (await exec(this.live, sql, params, 'array')) as pg.QueryArrayResult;
    const last = Array.isArray(r) ? (r as pg.QueryArrayResult[]).at(-1) : r;
    return { columns: (last?.fields ?? []).map((f) => f.name), rows: (last?.rows ?? []) as SqlValue[][] };
  }

  async script(sql: string): Promise<void> {
    await this.live.query(sql);
  }

  async writeMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    let changed = 0;
    const { text } = rewritePlaceholders(sql);
    // one server-side prepared statement for the whole loop, as sql.js's prepare + step
    const name = `rt_many_${++statementCount}`;
    for (const row of rows) changed += (await this.live.query({ name, text, values: row as unknown[] })).rowCount ?? 0;
    return changed;
  }

  /**
   * A server-side copy of a lane's database would need the lane's own connection closed (`CREATE DATABASE … TEMPLATE`
   * refuses a template anyone is connected to) and a drop for every snapshot: none is taken; seeking back replays
   * from the seed.
   */
  async snapshot(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => undefined);
    await this.onClose();
  }
}
let statementCount = 0;

/** The PostgreSQL backend: a SqlBackend that also knows its server and can drop everything it created. */
export interface PostgresBackend extends SqlBackend {
  /** The server URL (a worker thread connects with it). */
  readonly url: string;
  /** Every database this backend creates is named `<prefix>_…`. */
  readonly prefix: string;
  /** Drops every database this backend created that still exists, and closes its connection. */
  close(): Promise<void>;
  /** Drops every database named `<prefix>_…` on the server (another thread's too, when they share the prefix). */
  sweep(prefix?: string): Promise<string[]>;
}

/** A name prefix for one process's databases: lowercase, unique enough, far below the 63-byte limit. */
export function newPrefix(): string {
  return `runtwice_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Tries an action that may meet "source database is being accessed by other users" (55006) a few times. */
async function retryBusy<T>(action: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await action();
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || i >= 50) throw e;
      await new Promise((r) => setTimeout(r, 20 + i * 10));
    }
  }
}

/**
 * The PostgreSQL backend (node-postgres). `url` names a server and a database to administer from (the user needs
 * CREATEDB). A template is a database built once (`CREATE DATABASE … TEMPLATE template0`, C locale) and left without
 * connections; a lane's database is `CREATE DATABASE <lane> TEMPLATE <template>`, dropped when its port closes.
 * `connect` opens a second connection to a lane's database (a reader, a second runner).
 */
export async function postgresBackend(url: string, opts: { prefix?: string } = {}): Promise<PostgresBackend> {
  const prefix = opts.prefix ?? newPrefix();
  const admin = new pg.Client(configFor(url));
  // A server that goes away must not take the process with it: errors surface on the next query instead.
  admin.on('error', () => undefined);
  await admin.connect();
  // One statement at a time on the administering connection (lanes running side by side share it).
  let queue: Promise<unknown> = Promise.resolve();
  const adminQuery = <R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> => {
    const next = queue.then(() => admin.query<R>(text, values));
    queue = next.catch(() => undefined);
    return next;
  };
  const created = new Set<string>();
  let count = 0;
  const newName = (kind: string): string => `${prefix}_${kind}${++count}`;
  const drop = async (name: string): Promise<void> => {
    await adminQuery(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    created.delete(name);
  };
  const open = async (database: string, onClose: () => Promise<void>): Promise<PgPort> => {
    const client = new pg.Client(configFor(url, database));
    client.on('error', () => undefined);
    await client.connect();
    // lane databases are throwaway: a commit need not wait for the disk
    await client.query('SET synchronous_commit = off');
    return new PgPort(client, database, onClose);
  };
  let closed = false;

  const backend: PostgresBackend = {
    dialect: postgresDialect,
    url,
    prefix,
    async buildTemplate<T>(build: (db: SqlPort) => Promise<T>) {
      const name = newName('t');
      await adminQuery(`CREATE DATABASE ${ident(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
      created.add(name);
      const db = await open(name, async () => undefined);
      try {
        const result = await build(db);
        return { template: { kind: 'server', name } as const, result };
      } catch (e) {
        await db.close();
        await drop(name);
        throw e;
      } finally {
        // a template must have no connections when it is cloned
        await db.close();
      }
    },
    async clone(template: DatabaseTemplate): Promise<SqlPort> {
      if (template.kind !== 'server') throw new Error('PostgreSQL clones only from a template database');
      const name = newName('l');
      await retryBusy(() => adminQuery(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template.name)}`));
      created.add(name);
      try {
        return await open(name, () => (closed ? Promise.resolve() : drop(name)));
      } catch (e) {
        await drop(name);
        throw e;
      }
    },
    async connect(db: SqlPort): Promise<SqlPort | null> {
      if (!(db instanceof PgPort)) return null;
      return open(db.database, async () => undefined);
    },
    async dropTemplate(template: DatabaseTemplate): Promise<void> {
      if (template.kind === 'server' && !closed) await drop(template.name);
    },
    async close(): Promise<void> {
      if (closed) return;
      for (const name of [...created]) await drop(name).catch(() => undefined);
      closed = true;
      await admin.end().catch(() => undefined);
    },
    async sweep(p = prefix): Promise<string[]> {
      const like = `${p.replaceAll('_', '\\_')}\\_%`;
      const r = await adminQuery<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [like]);
      for (const { datname } of r.rows) await drop(datname).catch(() => undefined);
      return r.rows.map((x) => x.datname);
    },
  };
  return backend;
}
