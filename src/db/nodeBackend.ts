import initSqlJs from 'sql.js';
import type { SqlBackend } from './port';
import { sqlJsBackend } from './sqljs';

let cached: Promise<SqlBackend> | null = null;

/**
 * Benchmarks only: `RUNTWICE_BENCH_SQLITE=native` makes every node entry (the CLI's worker threads included, which
 * inherit the environment) run on native SQLite through better-sqlite3, a dev dependency loaded only then. The
 * CLI's contract is unchanged: nothing documents or sets this outside bench/.
 */
export const BENCH_BACKEND_ENV = 'RUNTWICE_BENCH_SQLITE';

/** The sql.js backend for node (tests, CLI, benchmarks); initialised once per process. */
export function nodeBackend(): Promise<SqlBackend> {
  cached ??=
    process.env[BENCH_BACKEND_ENV] === 'native'
      ? import('./nativeBackend').then((m) => m.nativeBackend())
      : initSqlJs().then(sqlJsBackend);
  return cached;
}
