import { PGlite, type Results } from '@electric-sql/pglite';
import type { DatabaseTemplate, QueryResult, SqlBackend, SqlPort, SqlValue } from './port';
import { rewritePlaceholders } from './pgPlaceholders';
import { postgresDialect } from './postgresDialect';

/**
 * Values as the engine expects them (SqlValue), as the server backend gives them: integer and numeric types as JS
 * numbers, booleans as 1/0 (SQLite has none), bytea as bytes, everything else as PostgreSQL's text. PGlite parses
 * more types by default (json, dates, arrays, 64-bit integers as BigInt); every parser it has is replaced per query.
 */
const NUMBER_TYPES = new Set([20, 21, 23, 26, 700, 701, 1700]);
const BOOL = 16;
const BYTEA = 17;
const parseValue = (value: string, oid: number): unknown => {
  if (NUMBER_TYPES.has(oid)) return Number(value);
  if (oid === BOOL) return value === 't' ? 1 : 0;
  return value;
};

type Parsers = Record<number, (value: string) => unknown>;

/** One parser per type the instance knows (array types are learnt after start), bytea's own kept. */
function parsersOf(db: PGlite): Parsers {
  const out: Parsers = {};
  const oids = [...Object.keys(db.parsers).map(Number), ...NUMBER_TYPES, BOOL];
  for (const oid of oids) if (Number.isInteger(oid) && oid !== BYTEA) out[oid] = (value) => parseValue(value, oid);
  return out;
}

/** A value read back that still is not a SqlValue (a type PGlite decodes before any parser runs). */
const asSqlValue = (v: unknown): SqlValue => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || v instanceof Uint8Array) return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return String(v);
};

/** PGlite binds values itself; bytes go as they are. */
const bindable = (params: readonly SqlValue[]): unknown[] => [...params];

class PglitePort implements SqlPort {
  readonly dialect = postgresDialect;
  private readonly parsers: Parsers;

  constructor(private db: PGlite | null) {
    this.parsers = db ? parsersOf(db) : {};
  }

  private get live(): PGlite {
    if (!this.db) throw new Error('database is closed');
    return this.db;
  }

  /**
   * Without parameters the text goes as it is (the simple protocol, as node-postgres does): a `?` in it is the
   * statement's own, several statements are allowed and the last one's result counts. With parameters, `?` becomes
   * `$n` and the statement is prepared (the extended protocol).
   */
  private async exec(sql: string, params: readonly SqlValue[] | undefined): Promise<Results<SqlValue[]> | undefined> {
    const opts = { rowMode: 'array' as const, parsers: this.parsers };
    if (!params || params.length === 0) return (await this.live.exec(sql, opts)).at(-1) as Results<SqlValue[]> | undefined;
    return this.live.query<SqlValue[]>(rewritePlaceholders(sql).text, bindable(params), opts);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return (await this.exec(sql, params))?.rowCount ?? 0;
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<QueryResult> {
    const r = await this.exec(sql, params);
    return { columns: (r?.fields ?? []).map((f) => f.name), rows: (r?.rows ?? []).map((row) => row.map(asSqlValue)) };
  }

  async script(sql: string): Promise<void> {
    await this.live.exec(sql);
  }

  async writeMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    const { text } = rewritePlaceholders(sql);
    let changed = 0;
    for (const row of rows) changed += (await this.live.query(text, bindable(row))).rowCount ?? 0;
    return changed;
  }

  /** A data directory dump costs a tarball of the whole cluster (~40 MB): none is taken; seeking back replays. */
  async snapshot(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db && !db.closed) await db.close();
  }

  /** The data directory as a tar image (PGlite's dumpDataDir, uncompressed: a clone loads it fastest). */
  async image(): Promise<Uint8Array> {
    const tar = await this.live.dumpDataDir('none');
    return new Uint8Array(await tar.arrayBuffer());
  }
}

export interface PgliteBackendOptions {
  /**
   * An empty cluster (a gzipped dump of a fresh instance): templates start from it instead of running initdb, which
   * takes seconds. A worker that is restarted gets it from the page.
   */
  base?: Blob;
  /** Receives that empty cluster the first time initdb runs (the page keeps it for the next worker). */
  onBase?: (base: Blob) => void;
}

/**
 * PostgreSQL in WebAssembly (PGlite) on the SqlBackend lifecycle. Every database is its own PGlite instance (an
 * in-memory cluster, one connection): a template is the tar image of a built instance's data directory
 * (`dumpDataDir`), a clone a new instance started on it (`loadDataDir`). `connect` answers null: one instance has one
 * connection, so races, which need two, stay on a server (the CLI). Same dialect as the server backend.
 */
export function pgliteBackend(opts: PgliteBackendOptions = {}): SqlBackend {
  let base = opts.base;
  const fresh = async (): Promise<PGlite> => {
    if (base) return PGlite.create({ loadDataDir: base });
    const db = await PGlite.create();
    base = await db.dumpDataDir('gzip');
    opts.onBase?.(base);
    return db;
  };
  return {
    dialect: postgresDialect,
    async buildTemplate<T>(build: (db: SqlPort) => Promise<T>) {
      const port = new PglitePort(await fresh());
      try {
        const result = await build(port);
        const template: DatabaseTemplate = { kind: 'image', bytes: await port.image() };
        return { template, result };
      } finally {
        await port.close();
      }
    },
    async clone(template: DatabaseTemplate): Promise<SqlPort> {
      if (template.kind !== 'image') throw new Error('PGlite clones only from a data directory image');
      return new PglitePort(await PGlite.create({ loadDataDir: new Blob([template.bytes as Uint8Array<ArrayBuffer>]) }));
    },
    async connect(): Promise<null> {
      return null;
    },
    async dropTemplate(): Promise<void> {},
  };
}
