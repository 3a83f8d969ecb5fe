import initSqlJs from 'sql.js';
import type { SqlBackend } from './port';
import { sqlJsBackend } from './sqljs';

let cached: Promise<SqlBackend> | null = null;

/** The sql.js backend for node (tests, CLI, benchmarks); initialised once per process. */
export function nodeBackend(): Promise<SqlBackend> {
  cached ??= initSqlJs().then(sqlJsBackend);
  return cached;
}
