import { nodeBackend } from '../db/nodeBackend';
import type { SqlBackend } from '../db/port';
import { postgresBackend, type PostgresBackend } from '../db/postgres';
import type { Engine } from './engineArg';

/** What a worker thread needs to reach the same engine: a server template crosses threads as a name, the server as its URL. */
export interface EngineRef {
  url: string;
  /** The name prefix of the databases the thread creates (the main thread's, so that one sweep finds them all). */
  prefix: string;
}

/** Opens a command's backend for `--engine` (null: sql.js). */
export type BackendFactory = (engine: Engine) => Promise<SqlBackend>;

/** A PostgreSQL backend, as opposed to sql.js. */
export const isPostgres = (b: SqlBackend): b is PostgresBackend => typeof (b as Partial<PostgresBackend>).url === 'string';

/** How a worker thread reaches the backend `b` is on (null: sql.js, which each thread starts itself). */
export const engineRef = (b: SqlBackend, thread: string): EngineRef | null => (isPostgres(b) ? { url: b.url, prefix: `${b.prefix}_${thread}` } : null);

/** A worker thread's backend. */
export async function threadBackend(ref: EngineRef | null): Promise<SqlBackend> {
  return ref ? postgresBackend(ref.url, { prefix: ref.prefix }) : nodeBackend();
}

/** Releases a backend: a PostgreSQL one drops every database this process (and its threads) created. */
export async function closeBackend(b: SqlBackend): Promise<void> {
  if (!isPostgres(b)) return;
  await b.sweep().catch(() => undefined);
  await b.close();
}

/**
 * The CLI's backend factory: sql.js, or a PostgreSQL server whose databases are dropped also when the process is
 * interrupted (SIGINT, SIGTERM).
 */
export const cliBackend: BackendFactory = async (engine) => {
  if (engine === null) return nodeBackend();
  const b = await postgresBackend(engine);
  const onSignal = (signal: NodeJS.Signals): void => {
    void closeBackend(b).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return b;
};
